package io.newsflow.ingest.subscriptions;

import io.newsflow.ingest.IngestProperties;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.outbound.OutboundGuard;
import java.time.Duration;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires {@link Subscriptions} to its topic, which this service owns and declares. */
@Configuration(proxyBeanMethods = false)
class SubscriptionsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionsConfiguration.class);

    /** Compacted: the topic keeps the latest version of every subscription, and tombstones delete. */
    @Bean
    NewTopic subscriptionsTopic(IngestProperties properties) {
        var settings = properties.subscriptions();
        return TopicBuilder.name(settings.topic()).partitions(settings.partitions()).replicas(settings.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    /**
     * Reads the topic in the background. Start-up waits a little for it, but not for ever: the
     * article API must come up even when the broker does not, and reads answer 503 meanwhile.
     */
    @Bean(destroyMethod = "close")
    CompactedTopicReader subscriptionsReader(SubscriptionTable table, KafkaProperties kafka,
            IngestProperties properties) throws InterruptedException {
        var reader = new CompactedTopicReader(kafka.buildConsumerProperties(), properties.subscriptions().topic(), table)
                .start();
        if (!reader.awaitCaughtUp(Duration.ofSeconds(10))) {
            log.warn("The subscriptions are not read yet; reading them goes on in the background");
        }
        return reader;
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
