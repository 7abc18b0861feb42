package io.newsflow.publish.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.kafka.DeadLetterPublisher;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.newsflow.kafka.ErrorHandlers;
import io.newsflow.kafka.RecordTracing;
import io.newsflow.kafka.EventSerdes;
import io.newsflow.publish.PublishProperties;
import java.io.IOException;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Kafka and index wiring of the publish service. */
@Configuration(proxyBeanMethods = false)
class IndexingConfiguration {

    /**
     * The index must exist before the listener starts: otherwise the first write through the
     * alias would auto-create a plain index named like the alias, with a guessed mapping.
     */
    @Bean
    ArticleIndex articleIndex(ElasticsearchClient client, PublishProperties properties) throws IOException {
        ArticleIndex index = new ArticleIndex(client, properties.index(), Clock.systemUTC());
        index.ensureExists();
        return index;
    }

    /**
     * Carries each article's trace (the W3C traceparent its records carry) through its indexing
     * and on to its alerts.
     */
    @Bean
    RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return RecordTracing.of(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    /** Originals' copy counts, kept in rounds ({@code newsflow.publish.duplicates.count-copies-every}; see {@link CopyCounter}). */
    @Bean(destroyMethod = "close")
    CopyCounter copyCounter(ArticleIndex index, PublishProperties properties) {
        return new CopyCounter(index, properties.duplicates().countCopiesEvery());
    }

    @Bean
    NewTopic enrichedDeadLetterTopic(PublishProperties properties, KafkaProperties kafka) {
        var topic = properties.deadLetter();
        return DeadLetterPublisher.topic(topic.name(), topic.partitions(), topic.replicas(),
                kafka.buildProducerProperties());
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer enrichedArticleDeserializer() {
        return EventSerdes.readingValuesAs(ArticleEnriched.class);
    }

    @Bean
    DeadLetterPublisher deadLetters(KafkaProperties kafka, PublishProperties properties, MeterRegistry meters) {
        return new DeadLetterPublisher(kafka.buildProducerProperties(), properties.deadLetter().name(), meters);
    }

    /**
     * Everything the listener throws, other than a record it classified as one that can never
     * be indexed, means Elasticsearch could not take the write now: retried with back-off,
     * without limit, so an outage delays indexing but loses nothing (see {@link ErrorHandlers}).
     */
    @Bean
    DefaultErrorHandler errorHandler(DeadLetterPublisher deadLetters, PublishProperties properties,
            KafkaListenerEndpointRegistry listeners, TaskScheduler publishBackOffScheduler) {
        return ErrorHandlers.pauseAndRetry(deadLetters, properties.retry().initialInterval(),
                properties.retry().maxInterval(), listeners, publishBackOffScheduler);
    }

    @Bean
    DuplicateCorrectionListener duplicateCorrectionListener(ArticleIndex index, CopyCounter copies,
            MeterRegistry meters) {
        return new DuplicateCorrectionListener(index, copies, meters);
    }

    /**
     * The corrections listener reads {@link DuplicateCorrection} values with the one error path
     * of the service, except that a correction whose article is not in the index yet is retried
     * only for {@code wait-for-article} before it is dead-lettered (see {@link DuplicateCorrectionListener}).
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, DuplicateCorrection> duplicateCorrectionListenerFactory(
            KafkaProperties kafka, PublishProperties properties, DeadLetterPublisher deadLetters,
            KafkaListenerEndpointRegistry listeners, TaskScheduler publishBackOffScheduler) {
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put("max.poll.records", 100);
        consumer.remove("fetch.min.bytes");
        consumer.remove("fetch.max.wait.ms");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, DuplicateCorrection>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
                EventSerdes.deserializer(DuplicateCorrection.class)));
        DefaultErrorHandler handler = ErrorHandlers.pauseAndRetry(deadLetters, properties.retry().initialInterval(),
                properties.retry().maxInterval(), listeners, publishBackOffScheduler);
        handler.addRetryableExceptions(DuplicateCorrectionListener.ArticleNotIndexedException.class);
        long wait = properties.duplicates().waitForArticle().toMillis();
        handler.setBackOffFunction((record, failure) -> {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof DuplicateCorrectionListener.ArticleNotIndexedException) {
                    var backOff = new ExponentialBackOff(Math.min(1_000, wait), 2.0);
                    backOff.setMaxInterval(Math.max(1_000, Math.min(30_000, wait / 4)));
                    backOff.setMaxElapsedTime(wait);
                    return backOff;
                }
            }
            return null;
        });
        factory.setCommonErrorHandler(handler);
        return factory;
    }

    /** Resumes paused listener containers when their back-off ends. */
    @Bean
    ThreadPoolTaskScheduler publishBackOffScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("publish-backoff-");
        return scheduler;
    }
}
