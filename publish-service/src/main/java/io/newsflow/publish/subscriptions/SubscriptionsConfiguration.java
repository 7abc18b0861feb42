package io.newsflow.publish.subscriptions;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.kafka.DeadLetterPublisher;
import io.newsflow.kafka.ErrorHandlers;
import io.newsflow.kafka.RecordTracing;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.publish.PublishProperties.SubscriptionProperties;
import io.newsflow.publish.PublishProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.TaskScheduler;

/**
 * Wiring of subscriptions in the publish service: the table read from the subscriptions topic,
 * the matcher, the alert publisher the indexing listener calls, and the webhook caller with its
 * own consumer group and dead-letter topic. Declares the topics this service writes.
 */
@Configuration(proxyBeanMethods = false)
class SubscriptionsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsConfiguration.class);

    @Bean(destroyMethod = "close")
    SubscriptionMatcher subscriptionMatcher() {
        return new SubscriptionMatcher();
    }

    /**
     * Reads every subscription before the service goes on (and so before the indexing listener
     * starts): an article indexed before its subscriptions were known would never be alerted.
     */
    @Bean(destroyMethod = "close")
    CompactedTopicReader subscriptionsReader(SubscriptionMatcher matcher, KafkaProperties kafka,
            PublishProperties properties, KafkaAdmin admin) throws InterruptedException {
        SubscriptionProperties settings = properties.subscriptions();
        Set<String> declared = ConcurrentHashMap.newKeySet();
        SubscriptionBook book = new SubscriptionBook(matcher, topic -> {
            if (declared.add(topic)) {
                admin.createOrModifyTopics(TopicBuilder.name(topic).partitions(settings.partitions())
                        .replicas(settings.replicas()).build());
            }
        });
        CompactedTopicReader reader = new CompactedTopicReader(kafka.buildConsumerProperties(), settings.topic(), book)
                .start();
        while (!reader.awaitCaughtUp(Duration.ofSeconds(10))) {
            log.info("Still reading the subscriptions from {}", settings.topic());
        }
        log.info("{} subscriptions loaded from {}", matcher.size(), settings.topic());
        return reader;
    }

    @Bean
    NewTopic alertsTopic(PublishProperties properties) {
        SubscriptionProperties settings = properties.subscriptions();
        return TopicBuilder.name(settings.alertsTopic()).partitions(settings.partitions())
                .replicas(settings.replicas()).build();
    }

    @Bean
    NewTopic webhooksTopic(PublishProperties properties) {
        SubscriptionProperties settings = properties.subscriptions();
        return TopicBuilder.name(settings.webhooksTopic()).partitions(settings.partitions())
                .replicas(settings.replicas()).build();
    }

    @Bean
    NewTopic webhooksDeadLetterTopic(PublishProperties properties, KafkaProperties kafka) {
        SubscriptionProperties settings = properties.subscriptions();
        return DeadLetterPublisher.topic(settings.webhooksDeadLetterTopic(), settings.partitions(), settings.replicas(),
                kafka.buildProducerProperties());
    }

    @Bean
    AlertPublisher alertPublisher(SubscriptionMatcher matcher, KafkaProperties kafka, PublishProperties properties,
            MeterRegistry meters, CompactedTopicReader subscriptionsReader, RecordTracing tracing) {
        var template = new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(kafka.buildProducerProperties(),
                new StringSerializer(), new ByteArraySerializer()));
        return new AlertPublisher(matcher, template, properties.subscriptions().webhooksTopic(),
                properties.subscriptions().sendTimeout(), Clock.systemUTC(), meters, tracing);
    }

    @Bean(destroyMethod = "close")
    WebhookSender webhookSender(PublishProperties properties) {
        var webhooks = properties.subscriptions().webhooks();
        return new WebhookSender(new OutboundGuard(webhooks.allowPrivateAddresses()), webhooks.connectTimeout(),
                webhooks.responseTimeout());
    }

    @Bean
    WebhookListener webhookListener(SubscriptionMatcher matcher, WebhookSender sender, MeterRegistry meters) {
        return new WebhookListener(matcher, sender, meters);
    }

    /**
     * The webhook listener reads raw bytes (the body is sent as written) in its own group, with
     * bounded retries: a receiver's outage is not ours to wait out for ever.
     */
    @Bean
    ConcurrentKafkaListenerContainerFactory<String, byte[]> webhookListenerFactory(KafkaProperties kafka,
            PublishProperties properties, MeterRegistry meters, KafkaListenerEndpointRegistry listeners,
            TaskScheduler publishBackOffScheduler) {
        var webhooks = properties.subscriptions().webhooks();
        Map<String, Object> consumer = kafka.buildConsumerProperties();
        consumer.put("max.poll.records", 50);
        consumer.remove("fetch.min.bytes");
        consumer.remove("fetch.max.wait.ms");
        var factory = new ConcurrentKafkaListenerContainerFactory<String, byte[]>();
        factory.setConsumerFactory(new DefaultKafkaConsumerFactory<>(consumer, new StringDeserializer(),
                new ByteArrayDeserializer()));
        var deadLetters = new DeadLetterPublisher(kafka.buildProducerProperties(),
                properties.subscriptions().webhooksDeadLetterTopic(), meters);
        factory.setCommonErrorHandler(ErrorHandlers.retryThenDeadLetter(deadLetters, webhooks.initialInterval(),
                webhooks.maxInterval(), webhooks.attempts(), listeners, publishBackOffScheduler,
                WebhookSender.WebhookRefusedException.class));
        return factory;
    }
}
