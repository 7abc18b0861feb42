package io.newsflow.kafka;

import io.newsflow.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Writes dead letters as close to the original bytes as possible: a record that could not be
 * read arrives as {@code byte[]} and is written unchanged; a record that was read but failed is
 * written back as the same JSON event. Spring Kafka's by-type delegating serializer was not used
 * because its match order between {@code byte[]} and {@code Object} is not guaranteed.
 */
public final class DeadLetterValueSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object data) {
        if (data == null) {
            return null;
        }
        if (data instanceof byte[] bytes) {
            return bytes;
        }
        if (data instanceof String text) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return EventJson.mapper().writeValueAsBytes(data);
    }
}
