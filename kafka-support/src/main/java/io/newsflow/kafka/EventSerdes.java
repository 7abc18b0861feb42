package io.newsflow.kafka;

import io.newsflow.contracts.EventJson;
import java.nio.ByteBuffer;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.support.serializer.SerializationUtils;
import tools.jackson.databind.ObjectReader;

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
        return new ReadingInPlace<>(type);
    }

    /**
     * Spring's error-handling JSON deserializer, reading a record's value where the consumer holds
     * it. Neither Spring deserializer overrides Kafka's {@code ByteBuffer} variant, whose default
     * copies the value into a new array first: for {@code news.raw}, a whole page (161 KB on
     * average) per record, ~8% of what the enrich service allocated in a profile. A value that
     * does not parse goes the delegate's way, so it is flagged exactly as before, with its bytes.
     */
    private static final class ReadingInPlace<T> extends ErrorHandlingDeserializer<T> {

        private final ObjectReader reader;

        ReadingInPlace(Class<T> type) {
            super(new JacksonJsonDeserializer<>(type, EventJson.mapper(), false));
            this.reader = EventJson.mapper().readerFor(type);
        }

        @Override
        public T deserialize(String topic, Headers headers, ByteBuffer data) {
            if (data == null || !data.hasArray() || isForKey()) {
                return super.deserialize(topic, headers, data);
            }
            try {
                T value = reader.readValue(data.array(), data.arrayOffset() + data.position(), data.remaining());
                // as the delegate does: a producer's header of that name must not mark the record unreadable
                headers.remove(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
                return value;
            } catch (RuntimeException unreadable) {
                return super.deserialize(topic, headers, Utils.toArray(data));
            }
        }
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
