package io.newsflow.kafka;

import io.newsflow.contracts.EventJson;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * How every service reads and writes the pipeline's topics, in one place: keys are article ids
 * as strings, values are JSON written with {@link EventJson} and without Java type headers (so
 * consumers in any language read them); records that cannot be read reach the error handler
 * (and so {@link DeadLetterPublisher}) with their original bytes.
 */
public final class EventSerdes {

    private EventSerdes() {
    }

    /** Writes events as schema'd JSON. */
    public static <T> Serializer<T> serializer() {
        return new JacksonJsonSerializer<T>(EventJson.mapper()).noTypeInfo();
    }

    /**
     * Reads events of {@code type}. A record that is not valid JSON of that shape does not fail
     * the consumer: it arrives with a null value and the error in a header, so the listener's
     * error handler can dead-letter it.
     */
    public static <T> Deserializer<T> deserializer(Class<T> type) {
        return new ErrorHandlingDeserializer<>(new JacksonJsonDeserializer<>(type, EventJson.mapper(), false));
    }

    /**
     * Makes Boot's consumer factory read keys as strings and values as {@code type} (see
     * {@link #deserializer}). A customizer of Boot's factory, rather than a factory of one's own,
     * keeps Boot's listener container factory and its settings.
     */
    public static <T> DefaultKafkaConsumerFactoryCustomizer readingValuesAs(Class<T> type) {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaConsumerFactory<String, T>) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(deserializer(type));
        };
    }
}
