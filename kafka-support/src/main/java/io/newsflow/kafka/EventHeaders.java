package io.newsflow.kafka;

import io.newsflow.contracts.CloudEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.common.header.Headers;

/**
 * Writes the CloudEvents attributes and the schema version onto a record's headers (see
 * {@link CloudEvents} for what they are); the one place that does, so every topic carries the
 * same set. Hand-written rather than through the CloudEvents SDK's Kafka serializer: the values
 * are already the events' JSON, and the SDK would wrap each record's value in its own event
 * object only to write these seven headers.
 */
public final class EventHeaders {

    private EventHeaders() {
    }

    /**
     * @param type          the event type, one of {@link CloudEvents}' constants
     * @param id            unique per event, the same for a redelivery of it
     * @param service       the writing service ({@code ce_source} is made from it)
     * @param time          when the fact happened
     * @param subject       the article's or subscription's id
     * @param schemaVersion the value's schema version
     */
    public static Headers write(Headers headers, String type, String id, String service, Instant time,
            String subject, int schemaVersion) {
        put(headers, CloudEvents.SPEC_VERSION_HEADER, CloudEvents.SPEC_VERSION);
        put(headers, CloudEvents.ID_HEADER, id);
        put(headers, CloudEvents.SOURCE_HEADER, CloudEvents.source(service));
        put(headers, CloudEvents.TYPE_HEADER, type);
        put(headers, CloudEvents.TIME_HEADER, time.truncatedTo(ChronoUnit.MILLIS).toString());
        if (subject != null) {
            put(headers, CloudEvents.SUBJECT_HEADER, subject);
        }
        put(headers, CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.CONTENT_TYPE);
        put(headers, CloudEvents.SCHEMA_VERSION_HEADER, Integer.toString(schemaVersion));
        return headers;
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
