package io.newsflow.ingest.subscriptions;

import io.newsflow.ingest.IngestProperties;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.outbound.OutboundGuard;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires {@link Subscriptions} to its topic, which this service owns and declares. */
@Configuration(proxyBeanMethods = false)
class SubscriptionsConfiguration {

    /** Compacted: the topic keeps the latest version of every subscription, and tombstones delete. */
    @Bean
    NewTopic subscriptionsTopic(IngestProperties properties) {
        var settings = properties.subscriptions();
        return TopicBuilder.name(settings.topic()).partitions(settings.partitions()).replicas(settings.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    /**
     * Reads the topic in the background; start-up does not wait for it (the article API must come
     * up even when the broker does not). A read of the subscriptions waits a few seconds for it,
     * then answers 503.
     */
    @Bean(destroyMethod = "close")
    CompactedTopicReader subscriptionsReader(SubscriptionTable table, KafkaProperties kafka,
            IngestProperties properties) {
        return new CompactedTopicReader(kafka.buildConsumerProperties(), properties.subscriptions().topic(), table)
                .start();
    }

    @Bean
    SubscriptionTable subscriptionTable() {
        return new SubscriptionTable();
    }

    @Bean
    Subscriptions subscriptions(KafkaTemplate<String, byte[]> rawArticlesTemplate, SubscriptionTable table,
            CompactedTopicReader subscriptionsReader, IngestProperties properties) {
        var settings = properties.subscriptions();
        return Subscriptions.over(new KafkaSubscriptionLog(rawArticlesTemplate, settings.topic(), properties.sendTimeout()),
                table, subscriptionsReader, new OutboundGuard(settings.allowPrivateWebhooks()), settings.maxPerKey());
    }
}
