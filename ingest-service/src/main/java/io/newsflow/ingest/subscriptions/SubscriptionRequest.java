package io.newsflow.ingest.subscriptions;

import io.newsflow.ingest.intake.FieldRules;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/**
 * The body of {@code POST /api/v1/subscriptions}. Checked by {@link SubscriptionRules} against
 * the {@link Bounds} declared here, which the OpenAPI schema shows too.
 *
 * @param name     a name of the owner's choosing, repeated in every alert
 * @param query    which articles: at least one part; all parts must hold, any value of a list may
 * @param delivery where matches go; the topic defaults to {@code news.alerts}
 */
public record SubscriptionRequest(
        @Schema(description = "A name of your choosing, repeated in every alert; no control or invisible "
                + "characters", example = "belarus-drills", maxLength = Bounds.NAME) String name,
        @Schema(description = "Which articles: at least one part. q uses the dashboard's search syntax "
                + "(\"a phrase\", AND, OR, -without, parentheses) over title, lead, summary and body; each list "
                + "matches any of its values (countries: ISO 3166-1 alpha-2; languages: ISO 639-1; topics: IPTC "
                + "code or label; entities: names or ids; sources: names or domains)") Query query,
        @Schema(description = "Where matches go") Delivery delivery) {

    /**
     * The bounds of a subscription's fields, declared once: {@link SubscriptionRules} checks them
     * and the OpenAPI schema shows them. The number of subscriptions per API key is configured
     * ({@code newsflow.ingest.subscriptions.max-per-key}, 1,000 by default: 409 past it).
     */
    public static final class Bounds {

        public static final int NAME = 100;
        /** A saved search is a few words and operators; 500 characters is a long one. */
        public static final int Q = 500;
        /** Values of one filter: 50 countries or sources is already "everything". */
        public static final int VALUES = 50;
        /** One filter value: an entity's or source's name. */
        public static final int VALUE = 200;
        public static final String COUNTRY_PATTERN = "^[A-Za-z]{2}$";
        public static final String LANGUAGE_PATTERN = "^[A-Za-z]{2,3}$";
        /** Kafka's own limit on a topic name is 249; the subscriber part is at most 100 of it. */
        public static final int TOPIC = 249;
        public static final String TOPIC_PATTERN = "^news\\.(alerts|alerts\\.[a-z0-9][a-z0-9_-]{0,99}"
                + "|enriched\\.[a-z0-9][a-z0-9_-]{0,99})$";
        public static final int WEBHOOK = FieldRules.MAX_URL;

        private Bounds() {
        }
    }

    /**
     * Which articles a subscription selects, as the client sends it (the stored form is
     * {@link io.newsflow.contracts.Subscription.Query}): all given parts must hold; within a
     * list, any value may.
     */
    @Schema(name = "SubscriptionRequestQuery")
    public record Query(
            @Schema(description = "Words in the dashboard's search syntax", maxLength = Bounds.Q,
                    example = "Lukashenka -football") String q,
            @ArraySchema(maxItems = Bounds.VALUES, schema = @Schema(description = "ISO 3166-1 alpha-2 code",
                    pattern = Bounds.COUNTRY_PATTERN, maxLength = 2, example = "BY")) List<String> countries,
            @ArraySchema(maxItems = Bounds.VALUES, schema = @Schema(description = "IPTC Media Topic code or label",
                    maxLength = Bounds.VALUE, example = "politics")) List<String> topics,
            @ArraySchema(maxItems = Bounds.VALUES, schema = @Schema(description = "A name or an entity id",
                    maxLength = Bounds.VALUE, example = "Alexander Lukashenko")) List<String> entities,
            @ArraySchema(maxItems = Bounds.VALUES, schema = @Schema(description = "ISO 639-1 code",
                    pattern = Bounds.LANGUAGE_PATTERN, maxLength = 3, example = "en")) List<String> languages,
            @ArraySchema(maxItems = Bounds.VALUES, schema = @Schema(description = "A source's name or domain",
                    maxLength = Bounds.VALUE, example = "Reuters")) List<String> sources) {

        public Query {
            // null elements stay (they are refused by name, query.countries.0); only absent lists become empty
            countries = countries == null ? List.of() : countries;
            topics = topics == null ? List.of() : topics;
            entities = entities == null ? List.of() : entities;
            languages = languages == null ? List.of() : languages;
            sources = sources == null ? List.of() : sources;
        }
    }

    /**
     * @param topic   {@code news.alerts} (default) or {@code news.alerts.<name>}: an alert per
     *                match; {@code news.enriched.<name>}: the whole enriched article
     * @param webhook an http(s) URL that receives each alert as a signed POST (optional)
     */
    @Schema(name = "SubscriptionRequestDelivery")
    public record Delivery(
            @Schema(description = "news.alerts (default), news.alerts.<name> or news.enriched.<name>; <name> is "
                    + "lower-case letters, digits, - and _", example = "news.alerts", maxLength = Bounds.TOPIC,
                    pattern = Bounds.TOPIC_PATTERN) String topic,
            @Schema(description = "http(s) URL receiving each alert as a POST signed with X-Newsflow-Signature: "
                    + "sha256=<HMAC-SHA256 of the body under the secret returned at creation>; a public address",
                    maxLength = Bounds.WEBHOOK, format = "uri") String webhook) {
    }
}
