package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.CloudEvents;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Revisions;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.contracts.Story;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.kafka.DeadLetterException;
import io.newsflow.kafka.DeadLetterPublisher;
import io.newsflow.kafka.EventHeaders;
import io.newsflow.kafka.RecordTracing;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Thin Kafka shell around {@link RawArticleHandler}: each raw record in, and out either its
 * enriched record (under the same key), nothing (an unchanged re-post), or a dead letter with a
 * reason. A poll is enriched record by record, then linked as a whole (copies of earlier
 * articles marked, one round trip to the duplicate store for the poll), then written. Each poll runs in one Kafka transaction that the listener container begins and commits:
 * the poll's enriched records and its raw offsets are committed together, or not at all, so
 * every post becomes exactly one committed enriched record even if the instance dies mid-poll.
 * The enriched records are sent without waiting for each acknowledgement (the consumer thread
 * keeps enriching instead of idling a round trip per article); the listener returns, and so the
 * transaction commits, only once every record of the poll is accounted for: acknowledged by the
 * broker, skipped, or dead-lettered.
 *
 * <p>Any send failure rolls the poll back; it is retried after a back-off for as long as it takes
 * (a record the broker refused as too large is dead-lettered when it comes again). Dead letters
 * are written outside the transaction, before it commits: a poll rolled back after one was written
 * writes it again when retried, so a dead letter may appear twice, an article never zero times.
 */
@Component
class RawArticleListener {

    private static final Logger log = LoggerFactory.getLogger(RawArticleListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(RawArticleListener.class);

    /** {@code ce_source} of the enriched records. */
    static final String SERVICE = "enrich-service";

    private final RawArticleHandler handler;
    private final RecordTracing tracing;
    private final KafkaTemplate<String, byte[]> enriched;
    private final DeadLetterPublisher deadLetters;
    private final EnrichProperties properties;
    private final MeterRegistry meters;
    private volatile boolean warnedAboutTimestamps;

    RawArticleListener(RawArticleHandler handler, KafkaTemplate<String, byte[]> enriched,
            DeadLetterPublisher deadLetters, EnrichProperties properties, MeterRegistry meters, RecordTracing tracing) {
        this.handler = handler;
        this.tracing = tracing;
        this.enriched = enriched;
        this.deadLetters = deadLetters;
        this.properties = properties;
        this.meters = meters;
    }

    @KafkaListener(id = "enrich", idIsGroup = false, batch = "true",
            topics = "${newsflow.enrich.input-topic:news.raw}")
    void onRawArticles(List<ConsumerRecord<String, ArticleReceived>> records) throws InterruptedException {
        meters.summary("newsflow.enrich.poll.records").record(records.size());
        RawArticleHandler.Batch batch = handler.batch();
        List<Enriched> enrichedRecords = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ArticleReceived> record = records.get(i);
            if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
                deadLetter(record, SerializationUtils.getExceptionFromHeader(record,
                        SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG_ACCESSOR), i);
                continue;
            }
            warnIfProducerTimestamps(record);
            Span span = tracing.continueFrom(record.headers(), "enrich");
            RawArticleHandler.Outcome outcome;
            try (var scope = tracing.scope(span)) {
                outcome = batch.handle(record.key(), record.value(), Revisions.of(record.timestamp(), record.offset()));
            } finally {
                span.end();
            }
            if (outcome instanceof RawArticleHandler.Outcome.Enriched enriched) {
                enrichedRecords.add(new Enriched(i, record, span, enriched));
            } else if (outcome instanceof RawArticleHandler.Outcome.Skip skip) {
                count("skipped", skip.why());
            } else if (outcome instanceof RawArticleHandler.Outcome.DeadLetter dead) {
                deadLetter(record, new DeadLetterException(dead.reason(), dead.detail()), i);
            }
        }
        // linked as one poll: the duplicate store is asked once for all of them, not once per article
        Timer.Sample linkingTime = Timer.start(meters);
        RawArticleHandler.Finished done = batch.finish(enrichedRecords.stream().map(Enriched::outcome).toList());
        linkingTime.stop(meters.timer("newsflow.enrich.linking"));
        List<RawArticleHandler.Outcome> finished = done.outcomes();
        List<Sent> sent = new ArrayList<>(finished.size());
        List<CompletableFuture<?>> linking = new ArrayList<>();
        for (Story story : done.stories()) { // in the poll's transaction, with the articles that changed them
            linking.add(this.enriched.send(storyRecord(story)));
        }
        for (DuplicateCorrection correction : done.corrections()) {
            linking.add(this.enriched.send(correctionRecord(correction)));
        }
        for (int k = 0; k < finished.size(); k++) {
            Enriched enriched = enrichedRecords.get(k);
            if (finished.get(k) instanceof RawArticleHandler.Outcome.Write write) {
                var output = enrichedRecord(write);
                tracing.inject(enriched.span(), output.headers());
                sent.add(new Sent(enriched.index(), write.post(), this.enriched.send(output)));
            } else if (finished.get(k) instanceof RawArticleHandler.Outcome.DeadLetter dead) {
                awaitAcknowledgements(sent);
                deadLetter(enriched.record(), new DeadLetterException(dead.reason(), dead.detail()), enriched.index());
            }
        }
        awaitAcknowledgements(sent);
        awaitLinking(linking);
    }

    private ProducerRecord<String, byte[]> storyRecord(Story story) {
        var record = new ProducerRecord<String, byte[]>(properties.stories().topic(), story.id(),
                EventJson.mapper().writeValueAsBytes(story));
        EventHeaders.write(record.headers(), CloudEvents.STORY, story.id() + "@" + story.updatedAt().toEpochMilli(),
                SERVICE, story.updatedAt(), story.id(), Story.SCHEMA_VERSION);
        return record;
    }

    private ProducerRecord<String, byte[]> correctionRecord(DuplicateCorrection correction) {
        var record = new ProducerRecord<String, byte[]>(properties.duplicates().topic(), correction.id(),
                EventJson.mapper().writeValueAsBytes(correction));
        EventHeaders.write(record.headers(), CloudEvents.DUPLICATE_CORRECTION, correction.id() + ">"
                        + correction.duplicateOf().id(), SERVICE, correction.correctedAt(), correction.id(),
                DuplicateCorrection.SCHEMA_VERSION);
        return record;
    }

    /** The stories' and corrections' records must be acknowledged too before the poll commits; else it is retried. */
    private void awaitLinking(List<CompletableFuture<?>> records) throws InterruptedException {
        try {
            CompletableFuture.allOf(records.toArray(CompletableFuture[]::new))
                    .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new BatchListenerFailedException("A story or correction record was not acknowledged", e, 0);
        }
    }

    /** A record enriched in the first pass, waiting for the poll's linking. */
    private record Enriched(int index, ConsumerRecord<String, ArticleReceived> record, Span span,
            RawArticleHandler.Outcome.Enriched outcome) {
    }

    /**
     * The enriched record with its CloudEvents headers: its {@code ce_id} is the article's id and
     * revision, so a consumer can tell a redelivery from a correction without reading the value.
     */
    private ProducerRecord<String, byte[]> enrichedRecord(RawArticleHandler.Outcome.Write write) {
        var record = new ProducerRecord<String, byte[]>(properties.output().name(), write.post().id(), write.json());
        EventHeaders.write(record.headers(), CloudEvents.ARTICLE_ENRICHED,
                write.post().id() + ":" + write.post().revision(), SERVICE, Instant.now(), write.post().id(),
                ArticleEnriched.SCHEMA_VERSION);
        return record;
    }

    private record Sent(int index, RepostFilter.Post post, CompletableFuture<?> acknowledgement) {
    }

    /**
     * Waits for every send and remembers the acknowledged posts, then fails the batch at the first
     * record whose send failed: the poll's transaction is rolled back and the poll retried. A
     * record the broker refused as too large is dead-lettered when it comes again.
     */
    private void awaitAcknowledgements(List<Sent> sent) throws InterruptedException {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        BatchListenerFailedException firstFailure = null;
        for (Sent one : sent) {
            try {
                one.acknowledgement().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                handler.written(one.post());
                count("written", "none");
            } catch (ExecutionException | TimeoutException e) {
                Throwable cause = e instanceof ExecutionException ? rootOf(e) : e;
                if (cause instanceof RecordTooLargeException) {
                    handler.refusedAsTooLarge(one.post(), cause.getMessage());
                }
                if (firstFailure == null) {
                    firstFailure = new BatchListenerFailedException("The enriched record was not acknowledged", cause,
                            one.index());
                }
            }
        }
        sent.clear();
        if (firstFailure != null) {
            throw firstFailure;
        }
    }

    /** Dead-letters a record; if the dead letter cannot be written either, the record is retried. */
    private void deadLetter(ConsumerRecord<String, ArticleReceived> record, Exception why, int index) {
        try {
            tracing.inSpan(record.headers(), "dead-letter", () -> deadLetters.accept(record, why));
        } catch (RuntimeException e) {
            throw new BatchListenerFailedException("The dead letter was not written", e, index);
        }
        count("dead-lettered", DeadLetterPublisher.reasonOf(why).code());
    }

    private void count(String outcome, String reason) {
        meters.counter("newsflow.enrich.records", "outcome", outcome, "reason", reason).increment();
    }

    private static Throwable rootOf(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause
                && !(cause instanceof RecordTooLargeException)) {
            cause = cause.getCause();
        }
        return cause;
    }

    private void warnIfProducerTimestamps(ConsumerRecord<String, ArticleReceived> record) {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME && !warnedAboutTimestamps) {
            warnedAboutTimestamps = true;
            log.warn("{} carries producer timestamps ({}), not broker append times: revisions then depend on "
                    + "producers' clocks. Let the ingest service declare the topic (message.timestamp.type="
                    + "LogAppendTime).", record.topic(), record.timestampType());
        }
    }
}
