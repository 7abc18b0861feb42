package io.newsflow.enrich.stream;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Thin Kafka shell around {@link EnrichmentPipeline}: one raw record in, one enriched record out,
 * under the same key. It returns only after the broker acknowledged the enriched record, so the
 * raw offset is committed after the output is safe (at-least-once; downstream is idempotent by
 * id and revision, so a redelivery is harmless). The raw record's offset is the article's
 * revision (see {@link ArticleReceived}).
 */
@Component
class RawArticleListener {

    private final EnrichmentPipeline pipeline;
    private final KafkaTemplate<String, ArticleEnriched> enriched;
    private final EnrichProperties properties;

    RawArticleListener(EnrichmentPipeline pipeline, KafkaTemplate<String, ArticleEnriched> enriched,
            EnrichProperties properties) {
        this.pipeline = pipeline;
        this.enriched = enriched;
        this.properties = properties;
    }

    @KafkaListener(id = "enrich", idIsGroup = false, topics = "${newsflow.enrich.input-topic:news.raw}")
    void onRawArticle(ConsumerRecord<String, ArticleReceived> record)
            throws ExecutionException, InterruptedException, TimeoutException {
        ArticleEnriched article = pipeline.enrich(record.value(), record.offset());
        enriched.send(properties.output().name(), article.id(), article)
                .get(properties.sendTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }
}
