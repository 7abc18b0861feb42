package io.newsflow.publish.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.kafka.EventSerdes;
import io.newsflow.publish.PublishProperties;
import java.io.IOException;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
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

    @Bean
    NewTopic enrichedDeadLetterTopic(PublishProperties properties) {
        var topic = properties.deadLetter();
        return TopicBuilder.name(topic.name()).partitions(topic.partitions()).replicas(topic.replicas()).build();
    }

    @Bean
    DefaultKafkaConsumerFactoryCustomizer enrichedArticleDeserializer() {
        return factory -> {
            @SuppressWarnings("unchecked")
            var typed = (DefaultKafkaConsumerFactory<String, ArticleEnriched>) factory;
            typed.setKeyDeserializer(new StringDeserializer());
            typed.setValueDeserializer(EventSerdes.deserializer(ArticleEnriched.class));
        };
    }

    @Bean
    DeadLetterPublishingRecoverer deadLetters(KafkaProperties kafka, PublishProperties properties) {
        return EventSerdes.deadLetterRecoverer(kafka.buildProducerProperties(), properties.deadLetter().name());
    }

    /**
     * Unreadable records are dead-lettered at once. Everything else the listener throws means
     * Elasticsearch could not take the write now: it is retried with back-off, without limit, so
     * an outage delays indexing but loses nothing. During a back-off the container is paused
     * rather than its thread put to sleep: the consumer keeps polling (getting nothing) and so
     * stays in its group however long the outage lasts, with no rebalance and no busy loop, and
     * resumes by itself when the back-off ends.
     */
    @Bean
    DefaultErrorHandler errorHandler(DeadLetterPublishingRecoverer deadLetters, PublishProperties properties,
            KafkaListenerEndpointRegistry listeners, TaskScheduler publishBackOffScheduler) {
        var backOff = new ExponentialBackOff(properties.retry().initialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.retry().maxInterval().toMillis());
        return new DefaultErrorHandler(deadLetters, backOff,
                new ContainerPausingBackOffHandler(new ListenerContainerPauseService(listeners, publishBackOffScheduler)));
    }

    /** Resumes paused listener containers when their back-off ends. */
    @Bean
    ThreadPoolTaskScheduler publishBackOffScheduler() {
        var scheduler = new ThreadPoolTaskScheduler();
        scheduler.setThreadNamePrefix("publish-backoff-");
        return scheduler;
    }
}
