package io.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;

/** How a failure becomes a reason, and what a dead letter keeps of a record too large to keep. */
class DeadLetterPublisherTest {

    /** Nothing is sent in these tests: the producer is created lazily, on the first send. */
    private static final Map<String, Object> PRODUCER = Map.of("bootstrap.servers", "127.0.0.1:1",
            "max.request.size", 1024 * 1024);

    @Test
    void theReasonComesFromTheClassificationWhereverItIsInTheCauses() {
        var contract = new DeadLetterException(DeadLetterReason.CONTRACT_VIOLATION, "source is missing");
        assertThat(DeadLetterPublisher.reasonOf(contract)).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(DeadLetterPublisher.reasonOf(new ListenerExecutionFailedException("listener failed",
                new IllegalStateException("wrapped", contract)))).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
        assertThat(DeadLetterPublisher.reasonOf(new DeserializationException("not JSON", new byte[] {'{'}, false,
                new IllegalArgumentException()))).isEqualTo(DeadLetterReason.UNREADABLE_RECORD);
        assertThat(DeadLetterPublisher.reasonOf(new IllegalStateException("a defect")))
                .isEqualTo(DeadLetterReason.PROCESSING_FAILED);
    }

    @Test
    void theArticleIdIsTheRecordsSubjectWhenItHasOneElseItsKey() {
        var alert = new ConsumerRecord<Object, Object>("news.webhooks", 0, 0, "subscription-1", "{}");
        alert.headers().add(io.newsflow.contracts.CloudEvents.SUBJECT_HEADER, "article-7".getBytes(StandardCharsets.UTF_8));
        var article = new ConsumerRecord<Object, Object>("news.raw", 0, 0, "article-8", "{}");
        var failure = new DeadLetterException(DeadLetterReason.WEBHOOK_FAILED, "410 Gone");

        assertThat(new String(DeadLetterPublisher.reasonHeaders(alert, DeadLetterReason.WEBHOOK_FAILED, failure)
                .lastHeader(DeadLetterReason.ARTICLE_ID_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("article-7");
        assertThat(new String(DeadLetterPublisher.reasonHeaders(article, DeadLetterReason.WEBHOOK_FAILED, failure)
                .lastHeader(DeadLetterReason.ARTICLE_ID_HEADER).value(), StandardCharsets.UTF_8)).isEqualTo("article-8");
    }

    @Test
    void aValueTooLargeForTheDeadLetterTopicIsLeftOutAndSaidSo() {
        var publisher = new DeadLetterPublisher(PRODUCER, "news.raw.dlt", new SimpleMeterRegistry());
        int limit = 1024 * 1024 - 256 * 1024;

        ProducerRecord<Object, Object> kept = publisher.createProducerRecord(record(limit), new TopicPartition(
                "news.raw.dlt", -1), new RecordHeaders(), null, null);
        assertThat(kept.value()).isEqualTo("value");
        assertThat(kept.headers().lastHeader(DeadLetterReason.VALUE_OMITTED_HEADER)).isNull();

        ProducerRecord<Object, Object> omitted = publisher.createProducerRecord(record(limit + 1), new TopicPartition(
                "news.raw.dlt", -1), new RecordHeaders(), null, null);
        assertThat(omitted.value()).isNull();
        assertThat(omitted.key()).isEqualTo("0123456789abcdef0123456789abcdef");
        assertThat(new String(omitted.headers().lastHeader(DeadLetterReason.VALUE_OMITTED_HEADER).value(),
                StandardCharsets.UTF_8)).isEqualTo("true");
    }

    /** A consumed record claiming a serialized value of {@code size} bytes. */
    private static ConsumerRecord<String, String> record(int size) {
        return new ConsumerRecord<>("news.raw", 0, 7, 0, TimestampType.LOG_APPEND_TIME, 32, size,
                "0123456789abcdef0123456789abcdef", "value", new RecordHeaders(), Optional.empty());
    }
}
