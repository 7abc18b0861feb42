package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * Thin Kafka shell around {@link EnrichmentPipeline}: each raw record in, one enriched record out,
 * under the same key. A poll's records are enriched one after the other and their enriched
 * records sent without waiting; the listener returns, and so the raw offsets are committed, only
 * once the broker acknowledged every one of them (at-least-once; downstream is idempotent by id
 * and revision, so a redelivery is harmless). Not waiting for each acknowledgement before the
 * next article keeps the consumer thread enriching instead of idling a round trip per article.
 * The raw record's timestamp, stamped by the broker, is the article's revision (see
 * {@link ArticleReceived}).
 *
 * <p>A record that fails (unreadable, or the pipeline refused it) fails the batch at its index,
 * after the sends before it are acknowledged: the error handler commits what precedes it, and
 * retries or dead-letters it.
 */
@Component
class RawArticleListener {

    private static final Logger log = LoggerFactory.getLogger(RawArticleListener.class);
    private static final LogAccessor LOG_ACCESSOR = new LogAccessor(RawArticleListener.class);

    private final EnrichmentPipeline pipeline;
    private final KafkaTemplate<String, ArticleEnriched> enriched;
    private final EnrichProperties properties;
    private final RepostFilter reposts;
    private final Counter skippedReposts;
    private volatile boolean warnedAboutTimestamps;

    RawArticleListener(EnrichmentPipeline pipeline, KafkaTemplate<String, ArticleEnriched> enriched,
            EnrichProperties properties, MeterRegistry meters) {
        this.pipeline = pipeline;
        this.enriched = enriched;
        this.properties = properties;
        this.reposts = new RepostFilter(properties.repostMemory());
        this.skippedReposts = Counter.builder("newsflow.enrich.reposts.skipped")
                .description("Posts identical to the article's previous post, not enriched again").register(meters);
    }

    @KafkaListener(id = "enrich", idIsGroup = false, batch = "true",
            topics = "${newsflow.enrich.input-topic:news.raw}")
    void onRawArticles(List<ConsumerRecord<String, ArticleReceived>> records) throws InterruptedException {
        List<Sent> sent = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            ConsumerRecord<String, ArticleReceived> record = records.get(i);
            if (record.value() == null) {
                if (record.headers().lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER) != null) {
                    awaitAcknowledgements(sent);
                    throw new BatchListenerFailedException("Unreadable record", SerializationUtils
                            .getExceptionFromHeader(record, SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER,
                                    LOG_ACCESSOR), i);
                }
                continue; // nothing to enrich
            }
            warnIfProducerTimestamps(record);
            if (reposts.isUnchangedRepost(record.value())) {
                skippedReposts.increment();
                continue;
            }
            ArticleEnriched article;
            try {
                article = pipeline.enrich(record.value(), record.timestamp());
            } catch (RuntimeException e) {
                awaitAcknowledgements(sent);
                throw new BatchListenerFailedException(e.getMessage(), e, i);
            }
            sent.add(new Sent(i, enriched.send(properties.output().name(), article.id(), article)));
        }
        awaitAcknowledgements(sent);
    }

    private record Sent(int index, CompletableFuture<?> acknowledgement) {
    }

    /** Waits for the sends in order; the first that failed fails the batch at its record. */
    private void awaitAcknowledgements(List<Sent> sent) throws InterruptedException {
        long deadline = System.nanoTime() + properties.sendTimeout().toNanos();
        for (Sent one : sent) {
            try {
                one.acknowledgement().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (ExecutionException | TimeoutException e) {
                throw new BatchListenerFailedException("The enriched record was not acknowledged",
                        e instanceof ExecutionException ? e.getCause() : e, one.index());
            }
        }
        sent.clear();
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
