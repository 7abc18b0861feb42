package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import io.newsflow.enrich.pipeline.UnsupportedArticleException;
import io.newsflow.kafka.EventSerdes;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Kafka wiring of the enrich service: typed JSON in and out with the shared event mapper, the
 * topics this service owns, and the one error handler (retry with back-off, then dead-letter).
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    @Bean
    EnrichmentPipeline enrichmentPipeline(MeterRegistry registry) {
        return EnrichmentPipeline.standard(Clock.systemUTC(), registry);
    }

    /**
     * Compacted: the topic keeps the latest record of every article (and a retraction's tombstone
     * for a day) without a time limit, so a consumer that starts from the beginning, such as the
     * publish service's index rebuild ({@code newsflow backfill}), sees every current article.
     * Records may be as large as the producer sends (a long article with its enrichments).
     */
    @Bean
    NewTopic enrichedArticlesTopic(EnrichProperties properties, KafkaProperties kafka) {
        var topic = properties.output();
        Object maxRequestSize = kafka.buildProducerProperties().get("max.request.size");
        return TopicBuilder.name(topic.name()).partitions(topic.partitions()).replicas(topic.replicas())
                .config("cleanup.policy", "compact")
                .config("max.message.bytes", maxRequestSize == null ? "1048576" : maxRequestSize.toString())
                .build();
    }

    @Bean
    NewTopic rawDeadLetterTopic(EnrichProperties properties) {
        return topic(properties.deadLetter());
    }

    /**
     * Values are read as {@link ArticleReceived} with the shared event mapper. A record that is
     * not valid JSON of that shape reaches the error handler (and so the dead-letter topic)
     * instead of failing the consumer in a loop. A customizer of Boot's consumer factory, rather
     * than a factory of our own, keeps Boot's listener container factory and its settings.
     */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer rawArticleDeserializer() {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaConsumerFactory<String, ArticleReceived>) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(EventSerdes.deserializer(ArticleReceived.class));
        };
    }

    @Bean
    KafkaTemplate<String, ArticleEnriched> enrichedArticleTemplate(KafkaProperties kafka) {
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), EventSerdes.<ArticleEnriched>serializer()));
    }

    /** Retry with back-off, then dead-letter; records that can never succeed skip the retries. */
    @Bean
    DefaultErrorHandler errorHandler(KafkaProperties kafka, EnrichProperties properties) {
        var recoverer = EventSerdes.deadLetterRecoverer(kafka.buildProducerProperties(),
                properties.deadLetter().name());
        var backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        backOff.setMaxAttempts(properties.retry().maxAttempts() - 1);
        var handler = new DefaultErrorHandler(recoverer, backOff);
        handler.addNotRetryableExceptions(UnsupportedArticleException.class);
        return handler;
    }

    private static NewTopic topic(EnrichProperties.TopicProperties topic) {
        return TopicBuilder.name(topic.name()).partitions(topic.partitions()).replicas(topic.replicas()).build();
    }
}
