package io.newsflow.contracts;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one JSON configuration of the pipeline's events, shared by the Kafka serializers and the
 * offline {@code newsflow enrich} command so that both write byte-for-byte the same records.
 *
 * <p>Dates are ISO-8601 strings (readable by any consumer, in any language); unknown properties
 * are ignored on read, so a consumer keeps working when a producer adds a field within the same
 * schema version.
 */
public final class EventJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventJson() {
    }

    /** The shared, immutable (and so thread-safe) mapper. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
