package io.newsflow.tools.deadletters;

import io.newsflow.contracts.DeadLetterReason;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One record of a dead-letter topic, as an operator reads it: where it is, what it was, why.
 *
 * @param topic             the dead-letter topic
 * @param partition         its partition there
 * @param offset            its offset there
 * @param time              when it was dead-lettered
 * @param articleId         the article id (the {@value DeadLetterReason#ARTICLE_ID_HEADER} header,
 *                          else the key); null when the record had no key
 * @param reason            the reason code, {@code unknown} for dead letters written before reasons
 * @param detail            one sentence on what was wrong
 * @param originalTopic     the topic it came from
 * @param originalPartition its partition there, -1 if unknown
 * @param originalOffset    its offset there, -1 if unknown
 * @param valueOmitted      whether the value was left out (too large for the dead-letter topic)
 * @param record            the record itself (key, value, headers) for redriving
 */
public record DeadLetter(String topic, int partition, long offset, Instant time, String articleId, String reason,
        String detail, String originalTopic, int originalPartition, long originalOffset, boolean valueOmitted,
        ConsumerRecord<String, byte[]> record) {

    static final String UNKNOWN_REASON = "unknown";

    public static DeadLetter of(ConsumerRecord<String, byte[]> record) {
        Headers headers = record.headers();
        String id = text(headers, DeadLetterReason.ARTICLE_ID_HEADER);
        String reason = text(headers, DeadLetterReason.HEADER);
        String detail = text(headers, DeadLetterReason.DETAIL_HEADER);
        if (detail == null) {
            detail = text(headers, "kafka_dlt-exception-message");
        }
        return new DeadLetter(record.topic(), record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()),
                id != null ? id : record.key(), reason != null ? reason : UNKNOWN_REASON, detail,
                text(headers, "kafka_dlt-original-topic"), (int) number(headers, "kafka_dlt-original-partition", 4),
                number(headers, "kafka_dlt-original-offset", 8),
                "true".equals(text(headers, DeadLetterReason.VALUE_OMITTED_HEADER)), record);
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** Spring Kafka writes partition (int) and offset (long) headers as big-endian binary. */
    private static long number(Headers headers, String name, int width) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null || header.value().length != width) {
            return -1;
        }
        long value = 0;
        for (byte b : header.value()) {
            value = (value << 8) | (b & 0xff);
        }
        return width == 4 ? (int) value : value;
    }
}
