package io.newsflow.publish.indexing;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.kafka.DeadLetterException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Applies the corrections of {@code news.duplicates} to the index ({@link ArticleIndex#correct}),
 * one at a time, in a consumer group of its own so that a correction waiting for its article never
 * holds up indexing. Failures take the one error path: an unreadable or contract-breaking record
 * is dead-lettered at once; Elasticsearch unavailable is retried without limit; an article not in
 * the index yet ({@link ArticleNotIndexedException}) is retried for
 * {@code newsflow.publish.duplicates.wait-for-article}, then dead-lettered, so a correction is
 * applied or named in a dead letter, never dropped.
 */
class DuplicateCorrectionListener {

    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(DuplicateCorrectionListener.class);

    private final ArticleIndex index;
    private final CopyCounter copies;
    private final MeterRegistry meters;

    DuplicateCorrectionListener(ArticleIndex index, CopyCounter copies, MeterRegistry meters) {
        this.index = index;
        this.copies = copies;
        this.meters = meters;
    }

    @KafkaListener(id = "duplicates", containerFactory = "duplicateCorrectionListenerFactory",
            groupId = "${newsflow.publish.duplicates.group:publish-service-duplicates}",
            topics = "${newsflow.publish.duplicates.topic:news.duplicates}")
    void onCorrection(ConsumerRecord<String, DuplicateCorrection> record) throws IOException {
        if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
            throw SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        }
        DuplicateCorrection correction = record.value();
        List<String> violations = correction == null ? List.of("a null value: corrections are never retracted")
                : correction.contractViolations(record.key());
        if (!violations.isEmpty()) {
            throw new DeadLetterException(DeadLetterReason.CONTRACT_VIOLATION,
                    "breaks the news.duplicates contract: " + String.join("; ", violations));
        }
        if (!index.correct(correction)) {
            throw new ArticleNotIndexedException(correction.id());
        }
        copies.note(Set.of(correction.duplicateOf().id()));
        copies.noteLost(Set.of(correction.id()));
        meters.counter("newsflow.publish.corrections", "kind", "duplicate").increment();
    }

    /** The corrected article is not in the index: retried for a while (it may be on its way), then dead-lettered. */
    static final class ArticleNotIndexedException extends DeadLetterException {
        ArticleNotIndexedException(String id) {
            super(DeadLetterReason.ARTICLE_NOT_INDEXED, "article " + id + " is not in the index");
        }
    }
}
