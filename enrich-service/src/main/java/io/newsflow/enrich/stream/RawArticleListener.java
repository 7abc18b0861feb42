package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Thin Kafka shell around {@link EnrichmentPipeline}: one raw record in, one enriched record out,
 * under the same key. It returns only after the broker acknowledged the enriched record, so the
 * raw offset is committed after the output is safe (at-least-once; downstream is idempotent by
 * id and revision, so a redelivery is harmless). The raw record's timestamp, stamped by the
 * broker, is the article's revision (see {@link ArticleReceived}).
 */
@Component
class RawArticleListener {

    private static final Logger log = LoggerFactory.getLogger(RawArticleListener.class);

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

    @KafkaListener(id = "enrich", idIsGroup = false, topics = "${newsflow.enrich.input-topic:news.raw}")
    void onRawArticle(ConsumerRecord<String, ArticleReceived> record)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (record.timestampType() != TimestampType.LOG_APPEND_TIME && !warnedAboutTimestamps) {
            warnedAboutTimestamps = true;
            log.warn("{} carries producer timestamps ({}), not broker append times: revisions then depend on "
                    + "producers' clocks. Let the ingest service declare the topic (message.timestamp.type="
                    + "LogAppendTime).", record.topic(), record.timestampType());
        }
        if (reposts.isUnchangedRepost(record.value())) {
            skippedReposts.increment();
            return;
        }
        ArticleEnriched article = pipeline.enrich(record.value(), record.timestamp());
        enriched.send(properties.output().name(), article.id(), article)
                .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
