package io.newsflow.kafka;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.CloudEvents;
import io.newsflow.contracts.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.support.serializer.DeserializationException;

/**
 * Writes a record that can never be processed to a dead-letter topic, with its reason: the one
 * way every stage dead-letters, whether the listener does it for one record of a batch or the
 * error handler does it for a record the listener threw on.
 *
 * <p>Each dead letter carries the original key and value (the original bytes when the value
 * could not be read), Spring Kafka's {@code kafka_dlt-*} headers (original topic, partition,
 * offset, timestamp, exception class and message) and Newsflow's own: the
 * {@link DeadLetterReason reason}, the article id and a one-sentence detail. The reason comes
 * from a {@link DeadLetterException} in the failure's causes ({@code unreadable-record} for a
 * deserialization failure). Dead letters are counted in {@code newsflow.deadletters} by topic
 * and reason.
 *
 * <p>The send is waited for: when this returns, the dead letter is on the broker, so the caller
 * may commit the record's offset; when the broker cannot take it, this throws and the record is
 * retried like any transient failure. A value too large for the dead-letter topic itself (the
 * raw page of a record whose output was too large, say) is left out, with
 * {@value DeadLetterReason#VALUE_OMITTED_HEADER}, rather than letting the dead letter fail too.
 */
public final class DeadLetterPublisher extends DeadLetterPublishingRecoverer {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterPublisher.class);
    /** Room kept for the key and headers (the exception headers include a stack trace). */
    private static final int HEADROOM_BYTES = 256 * 1024;

    private final String topic;
    private final int maxValueBytes;
    private final MeterRegistry meters;
    private final Map<DeadLetterReason, Counter> counters = new ConcurrentHashMap<>();

    /**
     * @param producerProperties the service's producer settings ({@code max.request.size} bounds
     *                           the values it keeps)
     * @param topic              the dead-letter topic
     */
    public DeadLetterPublisher(Map<String, Object> producerProperties, String topic, MeterRegistry meters) {
        super(new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(producerProperties, new StringSerializer(),
                new DeadLetterValueSerializer())), (record, exception) -> new TopicPartition(topic, -1));
        this.topic = topic;
        this.meters = meters;
        this.maxValueBytes = Math.max(0, maxRequestSize(producerProperties) - HEADROOM_BYTES);
        setHeadersFunction((record, exception) -> reasonHeaders(record, reasonOf(exception), exception));
        // every reason's series exists from the start, at 0: a dashboard's rate() sees a first dead letter
        for (DeadLetterReason reason : DeadLetterReason.values()) {
            counter(reason);
        }
    }

    private Counter counter(DeadLetterReason reason) {
        return counters.computeIfAbsent(reason, r -> Counter.builder("newsflow.deadletters")
                .description("Records written to a dead-letter topic, by reason").tag("topic", topic)
                .tag("reason", r.code()).register(meters));
    }

    /**
     * A dead-letter topic: as many partitions as its source topic, and records as large as the
     * producer sends (a dead letter carries the original value, which may be a page of megabytes).
     */
    public static NewTopic topic(String name, int partitions, short replicas, Map<String, Object> producerProperties) {
        return TopicBuilder.name(name).partitions(partitions).replicas(replicas)
                .config("max.message.bytes", String.valueOf(maxRequestSize(producerProperties))).build();
    }

    /** Dead-letters {@code record} for {@code reason}; returns once the broker has it. */
    public void deadLetter(ConsumerRecord<?, ?> record, DeadLetterReason reason, String detail) {
        accept(record, new DeadLetterException(reason, detail));
    }

    @Override
    public void accept(ConsumerRecord<?, ?> record, Consumer<?, ?> consumer, Exception exception) {
        DeadLetterReason reason = reasonOf(exception);
        log.warn("Dead-lettering {} ({}-{}@{}) to {}: {}: {}", record.key(), record.topic(),
                record.partition(), record.offset(), topic, reason.code(), detailOf(exception));
        super.accept(record, consumer, exception);
        counter(reason).increment();
    }

    @Override
    protected ProducerRecord<Object, Object> createProducerRecord(ConsumerRecord<?, ?> record,
            TopicPartition topicPartition, Headers headers, byte[] key, byte[] value) {
        ProducerRecord<Object, Object> dead = super.createProducerRecord(record, topicPartition, headers, key, value);
        int size = value != null ? value.length : Math.max(0, record.serializedValueSize());
        if (dead.value() == null || size <= maxValueBytes) {
            return dead;
        }
        dead.headers().add(DeadLetterReason.VALUE_OMITTED_HEADER, "true".getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(dead.topic(), dead.partition(), dead.timestamp(), dead.key(), null, dead.headers());
    }

    /** The reason a failure carries: its {@link DeadLetterException}'s, else by its kind. */
    public static DeadLetterReason reasonOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DeadLetterException dead) {
                return dead.reason();
            }
            if (cause instanceof DeserializationException) {
                return DeadLetterReason.UNREADABLE_RECORD;
            }
        }
        return DeadLetterReason.PROCESSING_FAILED;
    }

    private static String detailOf(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof DeadLetterException || cause instanceof DeserializationException) {
                return cause.getMessage();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.toString();
    }

    /**
     * The dead letter's own headers. The article id is the record's CloudEvents subject when it has
     * one (an alert on the webhooks topic is keyed by subscription but is about an article), else
     * its key (article topics are keyed by article id).
     */
    static Headers reasonHeaders(ConsumerRecord<?, ?> record, DeadLetterReason reason, Exception exception) {
        Headers headers = new RecordHeaders();
        headers.add(DeadLetterReason.HEADER, reason.code().getBytes(StandardCharsets.UTF_8));
        Header subject = record.headers().lastHeader(CloudEvents.SUBJECT_HEADER);
        if (subject != null && subject.value() != null && subject.value().length > 0) {
            headers.add(DeadLetterReason.ARTICLE_ID_HEADER, subject.value());
        } else if (record.key() != null) {
            headers.add(DeadLetterReason.ARTICLE_ID_HEADER, record.key().toString().getBytes(StandardCharsets.UTF_8));
        }
        String detail = detailOf(exception);
        if (detail != null) {
            headers.add(DeadLetterReason.DETAIL_HEADER,
                    (detail.length() > 1000 ? detail.substring(0, 1000) + "…" : detail).getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    private static int maxRequestSize(Map<String, Object> producerProperties) {
        Object configured = producerProperties.get("max.request.size");
        return configured == null ? 1_048_576 : Integer.parseInt(configured.toString());
    }
}
