package io.newsflow.enrich;

import io.newsflow.contracts.Topics;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the enrich service, under {@code newsflow.enrich}.
 *
 * @param inputTopic  the raw-articles topic this service consumes (owned by the ingest service)
 * @param output      the enriched-articles topic, declared by this service
 * @param deadLetter  where raw records go that can never be enriched (unreadable, breaking the
 *                    contract, failing the pipeline, too large once enriched), each with its
 *                    reason; declared by this service
 * @param sendTimeout how long to wait for the broker to acknowledge an enriched record before the
 *                    raw record is retried; the raw offset is committed only after that ack
 * @param retry       back-off for records whose processing failed for a reason that may pass
 * @param repostMemory how many articles' last post to remember, to recognise an unchanged re-post
 *                    and not enrich it again (about 150 bytes each)
 */
@ConfigurationProperties("newsflow.enrich")
public record EnrichProperties(
        @DefaultValue(Topics.RAW) String inputTopic,
        @DefaultValue TopicProperties output,
        @DefaultValue TopicProperties deadLetter,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue RetryProperties retry,
        @DefaultValue("200000") int repostMemory) {

    public EnrichProperties {
        if (output.name() == null) {
            output = output.named(Topics.ENRICHED);
        }
        if (deadLetter.name() == null) {
            deadLetter = deadLetter.named(Topics.RAW_DLT);
        }
    }

    /**
     * A topic this service declares (creates if missing) at start-up.
     *
     * @param name       topic name (default: {@code news.enriched} / {@code news.raw.dlt})
     * @param partitions partitions; the dead-letter topic should match its source topic
     * @param replicas   replication factor (1 for a single local broker, 3 in production)
     */
    public record TopicProperties(String name, @DefaultValue("6") int partitions, @DefaultValue("3") short replicas) {
        TopicProperties named(String topicName) {
            return new TopicProperties(topicName, partitions, replicas);
        }
    }

    /**
     * Exponential back-off for records whose processing failed for a reason that may pass (the
     * broker unavailable or slow for the enriched write). They are retried for as long as it
     * takes, never dead-lettered: an outage delays enrichment but loses nothing.
     *
     * @param initialInterval first wait
     * @param maxInterval     longest wait between two attempts
     */
    public record RetryProperties(
            @DefaultValue("500ms") Duration initialInterval,
            @DefaultValue("10s") Duration maxInterval) {
    }
}
