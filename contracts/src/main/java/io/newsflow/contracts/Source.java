package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Who published an article: a human-readable name and the web domain it came from.
 *
 * <p>Publishers often know only one of the two, so either may be null, but not both. JSON
 * accepts the short form {@code "source": "Reuters"} as well as the object form, because
 * feed readers and scrapers usually have just a name at hand.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Source(String name, String domain) {

    @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
    public Source(@JsonProperty("name") String name, @JsonProperty("domain") String domain) {
        this.name = name;
        this.domain = domain;
    }

    /** The short JSON form: a bare string is the source's name. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static Source named(String name) {
        return new Source(name, null);
    }

    /** Returns a copy that falls back to {@code domain} when this source has none. */
    public Source withDomainIfMissing(String fallbackDomain) {
        return domain != null && !domain.isBlank() ? this : new Source(name, fallbackDomain);
    }
}
