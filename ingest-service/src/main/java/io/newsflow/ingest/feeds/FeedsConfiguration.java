package io.newsflow.ingest.feeds;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.ingest.IngestProperties;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.outbound.PageFetcher;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the feeds: their topic (owned and declared here), table, fetcher, poller and scheduler. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "newsflow.ingest.feeds.enabled", havingValue = "true", matchIfMissing = true)
class FeedsConfiguration {

    /**
     * Compacted: the latest registration and state of every feed; tombstones delete. A state is
     * written at every poll (thousands a minute), so segments roll every 10 minutes or 16 MB and
     * the cleaner runs early: the topic stays near one record per key, and an instance starting
     * reads it in seconds instead of replaying days of states.
     */
    @Bean
    NewTopic feedsTopic(IngestProperties properties) {
        var feeds = properties.feeds();
        return TopicBuilder.name(feeds.topic()).partitions(feeds.partitions()).replicas(feeds.replicas())
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .config(TopicConfig.SEGMENT_MS_CONFIG, String.valueOf(10 * 60 * 1000))
                .config(TopicConfig.SEGMENT_BYTES_CONFIG, String.valueOf(16 * 1024 * 1024))
                .config(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.2")
                .config(TopicConfig.DELETE_RETENTION_MS_CONFIG, String.valueOf(60 * 60 * 1000)).build();
    }

    @Bean
    FeedTable feedTable() {
        return new FeedTable();
    }

    /** Reads the topic in the background; start-up does not wait for it (see {@link Feeds}). */
    @Bean(destroyMethod = "close")
    CompactedTopicReader feedsReader(FeedTable table, KafkaProperties kafka, IngestProperties properties) {
        return new CompactedTopicReader(kafka.buildConsumerProperties(), properties.feeds().topic(), table).start();
    }

    /** The one SSRF guard of feeds and fetches: what registration checks is what fetching checks. */
    @Bean
    OutboundGuard fetchGuard(IngestProperties properties) {
        return new OutboundGuard(properties.feeds().fetch().allowPrivate());
    }

    @Bean(destroyMethod = "close")
    PageFetcher pageFetcher(OutboundGuard fetchGuard, IngestProperties properties) {
        var fetch = properties.feeds().fetch();
        return new PageFetcher(fetchGuard, new PageFetcher.Settings(fetch.userAgent(),
                fetch.connectTimeout(), fetch.responseTimeout(), fetch.maxPageSize().toBytes(), fetch.maxRedirects(),
                fetch.perHostInterval(), fetch.obeyRobots()));
    }

    @Bean
    FeedMetrics feedMetrics(MeterRegistry meters) {
        return new FeedMetrics(meters);
    }

    @Bean
    FeedPoller feedPoller(PageFetcher fetcher, ArticleIntake intake, FeedMetrics metrics, IngestProperties properties) {
        var feeds = properties.feeds();
        return new FeedPoller(fetcher, intake, metrics, new FeedPoller.Settings(feeds.maxItemsPerPoll(),
                feeds.seenMemory(), feeds.maxBackoff(), feeds.maxInterval()), Clock.systemUTC());
    }

    @Bean
    FeedLog feedLog(KafkaTemplate<String, byte[]> rawArticlesTemplate, IngestProperties properties) {
        return new FeedLog(rawArticlesTemplate, properties.feeds().topic(), properties.sendTimeout());
    }

    @Bean
    Feeds feeds(FeedTable table, FeedLog log, CompactedTopicReader feedsReader, FeedPoller poller,
            OutboundGuard fetchGuard, IngestProperties properties) {
        var feeds = properties.feeds();
        return new Feeds(table, log, feedsReader, fetchGuard, poller,
                new Feeds.Settings(feeds.minInterval(), feeds.maxInterval(), feeds.defaultInterval(), feeds.maxPerKey()),
                Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    FeedScheduler feedScheduler(KafkaProperties kafka, FeedTable table, CompactedTopicReader feedsReader, FeedLog log,
            FeedPoller poller, FeedMetrics metrics, IngestProperties properties) {
        var feeds = properties.feeds();
        FeedScheduler scheduler = new FeedScheduler(kafka.buildConsumerProperties(), feeds.group(), table, feedsReader,
                log, poller, feeds.workers(), Clock.systemUTC());
        metrics.gauges(table, scheduler);
        return scheduler.start();
    }
}
