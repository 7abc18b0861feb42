package io.newsflow.enrich;

import io.newsflow.contracts.Topics;
import io.newsflow.elasticsearch.ElasticsearchConnection;
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
 * @param elasticsearch where duplicate detection and stories keep their memory
 * @param duplicates  finding near-copies of earlier articles
 * @param stories     grouping articles into stories
 * @param warmup      sample pages through the pipeline at start-up, before consuming
 */
@ConfigurationProperties("newsflow.enrich")
public record EnrichProperties(
        @DefaultValue(Topics.RAW) String inputTopic,
        @DefaultValue TopicProperties output,
        @DefaultValue TopicProperties deadLetter,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue RetryProperties retry,
        @DefaultValue("200000") int repostMemory,
        @DefaultValue ElasticsearchProperties elasticsearch,
        @DefaultValue DuplicatesProperties duplicates,
        @DefaultValue StoriesProperties stories,
        @DefaultValue WarmupProperties warmup) {

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
     * Where duplicate detection and stories keep their memory of earlier articles. Without
     * addresses both are off, so that the service runs without Elasticsearch (articles are then
     * published without {@code duplicateOf} and {@code story}).
     *
     * @param uris          Elasticsearch addresses, e.g. {@code http://127.0.0.1:9200}; empty: off
     * @param username      basic-auth user; in a secured cluster one with write access to the
     *                      duplicates and stories indices only
     * @param password      its password
     * @param apiKey        an API key instead of a user (optional)
     * @param caCertificate PEM file of the CA that signed the cluster's certificate (https)
     * @param indexReplicas replicas of those indices when this service creates them (0 on one node)
     */
    public record ElasticsearchProperties(@DefaultValue List<String> uris, String username, String password,
            String apiKey, String caCertificate, @DefaultValue("1") int indexReplicas) {

        public boolean enabled() {
            return connection().configured();
        }

        public ElasticsearchConnection connection() {
            return new ElasticsearchConnection(uris, username, password, apiKey, ElasticsearchConnection.file(caCertificate), null, null);
        }
    }

    /**
     * Near-copy detection ({@code duplicateOf}).
     *
     * @param topic       where corrections of articles already published go (a late original),
     *                    declared (compacted) by this service
     * @param index       where signatures and band keys are kept
     * @param window      how far apart in time two copies may be; older entries are deleted
     * @param threshold   estimated Jaccard similarity of the bodies' word 3-grams from which an
     *                    article is a copy
     * @param minWords    shorter bodies are neither linked nor remembered
     * @param expireEvery how often entries past the window are deleted
     */
    public record DuplicatesProperties(
            @DefaultValue(Topics.DUPLICATES) String topic,
            @DefaultValue("news-duplicates") String index,
            @DefaultValue("7d") Duration window,
            @DefaultValue("0.5") double threshold,
            @DefaultValue("25") int minWords,
            @DefaultValue("1h") Duration expireEvery) {
    }

    /**
     * Stories ({@code story}, {@code news.stories}, the {@code news-stories} index).
     *
     * @param topic          the stories topic, declared (compacted) by this service
     * @param index          the stories index
     * @param window         how far from a story's first and last article a new one may be to join it
     * @param threshold      cosine of an article's and a story's names, key phrases and countries
     *                       from which the article joins the story
     * @param mergeThreshold cosine from which an article like two stories merges them
     */
    public record StoriesProperties(
            @DefaultValue(Topics.STORIES) String topic,
            @DefaultValue("news-stories") String index,
            @DefaultValue("3d") Duration window,
            @DefaultValue("0.4") double threshold,
            @DefaultValue("0.6") double mergeThreshold) {
    }

    /**
     * The start-up warm-up (the stream package's {@code Warmup}): the consumers join their
     * group only after it, so that a fresh instance does not take articles at a fraction of its
     * speed while the JIT compiles the pipeline.
     *
     * @param articles sample articles to enrich at least, after which it goes on until the JIT has
     *                 settled (0: no warm-up)
     * @param maxTime  the warm-up stops after this long whatever it has done (a slow or busy machine
     *                 must not keep the service from consuming for long)
     * @param linkingTime then, for this long, the samples' linking reads are sent to the store
     *                 (nothing written; see {@code Linking#warmUp}); 0: none
     */
    public record WarmupProperties(@DefaultValue("0") int articles, @DefaultValue("90s") Duration maxTime,
            @DefaultValue("0s") Duration linkingTime) {
    }
}
