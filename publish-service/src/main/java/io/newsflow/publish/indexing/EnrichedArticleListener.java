package io.newsflow.publish.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.contracts.ArticleEnriched;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Indexes each poll of {@code news.enriched} with one {@code _bulk} call. The listener returns
 * (and so the offsets are committed) only once every item is accounted for: written, stale
 * (an older revision, dropped on purpose), or dead-lettered. When an item must be retried, the
 * batch fails at that item: the error handler commits what precedes it and redelivers the rest
 * after a back-off; rewriting an item that had succeeded is harmless since writes are versioned.
 * A null value is a tombstone: the publisher retracted the article, so its document is deleted.
 */
@Component
class EnrichedArticleListener {

    private static final Logger log = LoggerFactory.getLogger(EnrichedArticleListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(EnrichedArticleListener.class);

    private final ArticleIndex index;
    private final ConsumerRecordRecoverer deadLetters;
    private final Counter written;
    private final Counter stale;
    private final Counter rejected;
    private final Timer latency;

    EnrichedArticleListener(ArticleIndex index, ConsumerRecordRecoverer deadLetters, MeterRegistry meters) {
        this.index = index;
        this.deadLetters = deadLetters;
        this.written = meters.counter("newsflow.publish.items", "outcome", "written");
        this.stale = meters.counter("newsflow.publish.items", "outcome", "stale");
        this.rejected = meters.counter("newsflow.publish.items", "outcome", "rejected");
        this.latency = Timer.builder("newsflow.publish.latency")
                .description("From the ingest service accepting an article (receivedAt) to Elasticsearch "
                        + "acknowledging its document; it is searchable at the next refresh")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                .register(meters);
    }

    @KafkaListener(id = "publish", idIsGroup = false, batch = "true",
            topics = "${newsflow.publish.input-topic:news.enriched}")
    void onBatch(List<ConsumerRecord<String, ArticleEnriched>> records) {
        int unreadable = firstUnreadable(records);
        List<ConsumerRecord<String, ArticleEnriched>> readable =
                unreadable < 0 ? records : records.subList(0, unreadable);
        List<ArticleIndex.Write> writes = new ArrayList<>(readable.size());
        for (ConsumerRecord<String, ArticleEnriched> record : readable) {
            writes.add(record.value() == null ? new ArticleIndex.Write.Delete(record.key())
                    : new ArticleIndex.Write.Upsert(record.value()));
        }
        List<ArticleIndex.Outcome> outcomes;
        try {
            outcomes = index.write(writes);
        } catch (IOException | RuntimeException e) {
            if (readable.isEmpty()) {
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
            }
            throw new BatchListenerFailedException("Elasticsearch unavailable",
                    new IndexingUnavailableException(e.getMessage(), e), 0);
        }
        Instant acknowledged = Instant.now();
        for (int i = 0; i < outcomes.size(); i++) {
            ArticleIndex.Outcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case WRITTEN -> {
                    written.increment();
                    ArticleEnriched article = readable.get(i).value();
                    if (article != null && article.receivedAt() != null) {
                        latency.record(Duration.between(article.receivedAt(), acknowledged));
                    }
                }
                case STALE -> stale.increment();
                case REJECTED -> {
                    rejected.increment();
                    log.warn("Dead-lettering {}: {}", readable.get(i).key(), outcome);
                    deadLetters.accept(readable.get(i), new IndexingRejectedException(outcome));
                }
                case RETRY -> throw new BatchListenerFailedException("Elasticsearch asked to retry",
                        new IndexingUnavailableException(outcome.status() + " " + outcome.type() + ": "
                                + outcome.reason(), null), i);
            }
        }
        if (unreadable >= 0) {
            ConsumerRecord<String, ArticleEnriched> poison = records.get(unreadable);
            throw new BatchListenerFailedException("Unreadable record",
                    SerializationUtils.getExceptionFromHeader(poison,
                            SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR), unreadable);
        }
    }

    private static int firstUnreadable(List<ConsumerRecord<String, ArticleEnriched>> records) {
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).value() == null && records.get(i).headers()
                    .lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
                return i;
            }
        }
        return -1;
    }
}
