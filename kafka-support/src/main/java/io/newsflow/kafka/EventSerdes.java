package io.newsflow.kafka;

import io.newsflow.contracts.EventJson;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * How every service reads and writes the pipeline's topics, in one place: keys are article ids
 * as strings, values are JSON written with {@link EventJson} and without Java type headers (so
 * consumers in any language read them), and records that cannot be processed are dead-lettered
 * with their original bytes.
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
     * Publishes failed records to {@code topic} with Spring Kafka's standard headers (exception
     * class and message, original topic, partition, offset and timestamp). The partition is left
     * to the key's hash, so the dead-letter topic may have any number of partitions.
     *
     * @param producerProperties the service's producer settings
     */
    public static DeadLetterPublishingRecoverer deadLetterRecoverer(Map<String, Object> producerProperties,
            String topic) {
        var template = new KafkaTemplate<String, Object>(new DefaultKafkaProducerFactory<>(producerProperties,
                new StringSerializer(), new DeadLetterValueSerializer()));
        return new DeadLetterPublishingRecoverer(template, (record, exception) -> new TopicPartition(topic, -1));
    }
}
