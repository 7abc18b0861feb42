package io.newsflow.enrich;

import io.newsflow.contracts.Topics;
import java.time.Duration;
import java.util.List;
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
 * @param duplicates  finding near-copies of earlier articles (needs Elasticsearch)
 */
@ConfigurationProperties("newsflow.enrich")
public record EnrichProperties(
        @DefaultValue(Topics.RAW) String inputTopic,
        @DefaultValue TopicProperties output,
        @DefaultValue TopicProperties deadLetter,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue RetryProperties retry,
        @DefaultValue("200000") int repostMemory,
        @DefaultValue DuplicatesProperties duplicates) {

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

    /**
     * Near-copy detection ({@code duplicateOf}): off unless Elasticsearch addresses are given, so
     * that the service runs without it (each article is then published as no copy).
     *
     * @param uris      Elasticsearch addresses, e.g. {@code http://127.0.0.1:9200}; empty: off
     * @param username  basic-auth user, in a secured cluster one with write access to {@link #index} only
     * @param password  its password
     * @param index     where signatures and band keys are kept
     * @param replicas  replicas of that index when this service creates it (0 on a single node)
     * @param window    how far apart in time two copies may be; older entries are deleted
     * @param threshold estimated Jaccard similarity of the bodies' word 3-grams from which an
     *                  article is a copy
     * @param minWords  shorter bodies are neither linked nor remembered
     * @param expireEvery how often entries past the window are deleted
     */
    public record DuplicatesProperties(
            @DefaultValue List<String> uris,
            String username,
            String password,
            @DefaultValue("news-duplicates") String index,
            @DefaultValue("1") int replicas,
            @DefaultValue("7d") Duration window,
            @DefaultValue("0.5") double threshold,
            @DefaultValue("25") int minWords,
            @DefaultValue("1h") Duration expireEvery) {

        public boolean enabled() {
            return uris != null && uris.stream().anyMatch(u -> u != null && !u.isBlank());
        }
    }
}
