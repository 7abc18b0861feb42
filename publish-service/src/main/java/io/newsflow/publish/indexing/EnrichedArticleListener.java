package io.newsflow.publish.indexing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.kafka.DeadLetterException;
import io.newsflow.kafka.DeadLetterPublisher;
import io.newsflow.kafka.RecordTracing;
import io.newsflow.publish.subscriptions.AlertPublisher;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Indexes each poll of {@code news.enriched} with one {@code _bulk} call. The listener returns
 * (and so the offsets are committed) only once every record is accounted for: written, stale (an
 * older revision, dropped on purpose), or dead-lettered with a reason: {@code unreadable-record},
 * {@code contract-violation} (checked before indexing, so a record missing its id or revision
 * never becomes an empty document) or {@code index-rejected} (see {@link ArticleIndex.Outcome} for
 * how items are classified). When an item must be retried, the batch fails at that record: the
 * error handler commits what precedes it and redelivers the rest after a back-off, without limit;
 * rewriting an item that had succeeded is harmless since writes are versioned. A null value is a
 * tombstone: the publisher retracted the article, so its document is deleted.
 *
 * <p>What a bulk made current is matched against the subscriptions (see {@link AlertPublisher}).
 */
@Component
class EnrichedArticleListener {

    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(EnrichedArticleListener.class);

    private final ArticleIndex index;
    private final CopyCounter copies;
    private final AlertPublisher alerts;
    private final DeadLetterPublisher deadLetters;
    private final Counter written;
    private final Counter stale;
    private final Timer latency;
    private final Timer bulkLatency;
    private final RecordTracing tracing;

    EnrichedArticleListener(ArticleIndex index, AlertPublisher alerts, DeadLetterPublisher deadLetters,
            MeterRegistry meters, CopyCounter copies, RecordTracing tracing) {
        this.index = index;
        this.tracing = tracing;
        this.copies = copies;
        this.alerts = alerts;
        this.deadLetters = deadLetters;
        this.written = meters.counter("newsflow.publish.items", "outcome", "written");
        this.stale = meters.counter("newsflow.publish.items", "outcome", "stale");
        this.latency = Timer.builder("newsflow.publish.latency")
                .description("From the ingest service accepting an article (receivedAt) to Elasticsearch "
                        + "acknowledging its document; it is searchable at the next refresh")
                .publishPercentiles(0.5, 0.95, 0.99).publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10)).maximumExpectedValue(Duration.ofHours(1))
                .register(meters);
        this.bulkLatency = Timer.builder("newsflow.publish.bulk")
                .description("One _bulk request of a poll's articles, sent to answered")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(1)).register(meters);
    }

    @KafkaListener(id = "publish", idIsGroup = false, batch = "true",
            topics = "${newsflow.publish.input-topic:news.enriched}")
    void onBatch(List<ConsumerRecord<String, ArticleEnriched>> records) {
        List<Exception> refusals = new ArrayList<>(records.size());
        List<ArticleIndex.Write> writes = new ArrayList<>(records.size());
        for (ConsumerRecord<String, ArticleEnriched> record : records) {
            Exception refusal = refusal(record);
            refusals.add(refusal);
            if (refusal == null) {
                writes.add(record.value() == null ? new ArticleIndex.Write.Delete(record.key())
                        : new ArticleIndex.Write.Upsert(record.value()));
            }
        }
        // each article's trace goes on through its indexing: one span per record, over the bulk
        List<Span> spans = new ArrayList<>(records.size());
        for (ConsumerRecord<String, ArticleEnriched> record : records) {
            spans.add(tracing.continueFrom(record.headers(), "publish"));
        }
        List<ArticleIndex.Outcome> outcomes;
        Timer.Sample bulk = Timer.start();
        try {
            outcomes = index.write(writes);
            bulk.stop(bulkLatency);
        } catch (IOException | RuntimeException e) {
            spans.forEach(span -> span.error(e).end());
            throw new BatchListenerFailedException("Elasticsearch unavailable",
                    new IndexingUnavailableException(e.getMessage(), e), 0);
        }
        spans.forEach(Span::end);
        Instant acknowledged = Instant.now();
        publishAlerts(records, refusals, writes, outcomes);
        noteCopies(writes, outcomes);
        int next = 0;
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ArticleEnriched> record = records.get(i);
            if (refusals.get(i) != null) {
                deadLetter(record, refusals.get(i), i);
                continue;
            }
            ArticleIndex.Outcome outcome = outcomes.get(next++);
            switch (outcome.kind()) {
                case WRITTEN -> {
                    written.increment();
                    if (record.value() != null && record.value().receivedAt() != null) {
                        latency.record(Duration.between(record.value().receivedAt(), acknowledged));
                    }
                }
                case STALE -> stale.increment();
                case REJECTED -> deadLetter(record, new IndexingRejectedException(outcome), i);
                case RETRY -> throw new BatchListenerFailedException("Elasticsearch asked to retry",
                        new IndexingUnavailableException(outcome.status() + " " + outcome.type() + ": "
                                + outcome.reason(), null), i);
            }
        }
    }

    /**
     * Notes whose copy counts may have changed: the originals of the copies this bulk wrote, and
     * the articles it wrote (see {@link CopyCounter}).
     */
    private void noteCopies(List<ArticleIndex.Write> writes, List<ArticleIndex.Outcome> outcomes) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < writes.size(); i++) {
            if (writes.get(i) instanceof ArticleIndex.Write.Upsert upsert
                    && outcomes.get(i).kind() == ArticleIndex.Kind.WRITTEN) {
                ids.add(upsert.article().duplicateOf() != null ? upsert.article().duplicateOf().id()
                        : upsert.article().id());
            }
        }
        copies.note(ids);
    }

    /**
     * Matches the articles this bulk made current against the subscriptions, before anything of
     * the batch is committed or dead-lettered: if the alerts cannot be written, the whole batch
     * comes again (its writes are versioned, so indexing it again changes nothing).
     */
    private void publishAlerts(List<ConsumerRecord<String, ArticleEnriched>> records, List<Exception> refusals,
            List<ArticleIndex.Write> writes, List<ArticleIndex.Outcome> outcomes) {
        List<AlertPublisher.Indexed> current = new ArrayList<>();
        int next = 0;
        for (int i = 0; i < records.size(); i++) {
            if (refusals.get(i) != null) {
                continue;
            }
            int write = next++;
            if (writes.get(write) instanceof ArticleIndex.Write.Upsert upsert
                    && outcomes.get(write).kind() == ArticleIndex.Kind.WRITTEN) {
                current.add(new AlertPublisher.Indexed(upsert.article(), records.get(i).headers()));
            }
        }
        try {
            alerts.publish(current);
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("The alerts were not written", e, 0);
        }
    }

    /** Why a record cannot be indexed before Elasticsearch is asked, or null if it can. */
    private static Exception refusal(ConsumerRecord<String, ArticleEnriched> record) {
        if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
            return SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR);
        }
        if (record.value() == null) {
            return record.key() == null ? new DeadLetterException(DeadLetterReason.CONTRACT_VIOLATION,
                    "a tombstone without a key names no article") : null;
        }
        List<String> violations = record.value().contractViolations(record.key());
        return violations.isEmpty() ? null : new DeadLetterException(DeadLetterReason.CONTRACT_VIOLATION,
                "breaks the news.enriched contract: " + String.join("; ", violations));
    }

    /** Dead-letters a record; if the dead letter cannot be written either, the record is retried. */
    private void deadLetter(ConsumerRecord<String, ArticleEnriched> record, Exception why, int index) {
        try {
            tracing.inSpan(record.headers(), "dead-letter", () -> deadLetters.accept(record, why));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("The dead letter was not written", e, index);
        }
    }
}
