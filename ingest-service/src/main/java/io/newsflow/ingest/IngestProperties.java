package io.newsflow.ingest;

import io.newsflow.contracts.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the ingest service, under {@code newsflow.ingest}.
 *
 * @param topic       the topic accepted articles are written to
 * @param sendTimeout how long a request waits for the broker to acknowledge an article before it
 *                    answers 503; keep it below clients' own timeouts and above
 *                    {@code delivery.timeout.ms}
 */
@ConfigurationProperties("newsflow.ingest")
public record IngestProperties(
        @DefaultValue TopicProperties topic,
        @DefaultValue("15s") Duration sendTimeout) {

    /**
     * The raw-articles topic, declared (created if missing) by this service at start-up.
     *
     * @param name       topic name
     * @param partitions partitions: the ceiling on enrich-service consumers working in parallel
     * @param replicas   replication factor (1 for a single local broker, 3 in production)
     */
    public record TopicProperties(
            @DefaultValue(Topics.RAW) String name,
            @DefaultValue("6") int partitions,
            @DefaultValue("1") short replicas) {
    }
}
