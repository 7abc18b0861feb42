package io.newsflow.publish;

import io.newsflow.contracts.Topics;
import io.newsflow.elasticsearch.ElasticsearchConnection;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the publish service, under {@code newsflow.publish}.
 *
 * @param inputTopic    the enriched-articles topic this service consumes (owned by enrich)
 * @param deadLetter    where enriched records go that Elasticsearch rejects for good (mapping or
 *                      parse errors) or that cannot be read; declared by this service
 * @param elasticsearch how to reach the cluster
 * @param index         the index the articles are written to
 * @param retry         back-off for batches that failed for a reason that may pass (429, 5xx,
 *                      connection refused): the batch is retried as a whole, which is harmless
 *                      because every write is versioned by revision
 * @param subscriptions where saved searches are read from and where their matches go
 * @param duplicates    corrections of {@code duplicateOf} applied to the index
 */
@ConfigurationProperties("newsflow.publish")
public record PublishProperties(
        @DefaultValue(Topics.ENRICHED) String inputTopic,
        @DefaultValue DeadLetterProperties deadLetter,
        @DefaultValue ElasticsearchProperties elasticsearch,
        @DefaultValue IndexProperties index,
        @DefaultValue RetryProperties retry,
        @DefaultValue SubscriptionProperties subscriptions,
        @DefaultValue DuplicatesProperties duplicates) {

    /**
     * Corrections of {@code duplicateOf} ({@value Topics#DUPLICATES}, written by enrich when a
     * late original arrives), read in a consumer group of their own.
     *
     * @param topic          the corrections topic (owned by enrich)
     * @param group          the consumer group
     * @param waitForArticle how long a correction whose article is not in the index yet is
     *                       retried (the article may still be on its way through
     *                       {@code news.enriched}) before it is dead-lettered as
     *                       {@code article-not-indexed}
     * @param countCopiesEvery how often the originals whose copies were just written get their
     *                       {@code copies.count}. Each update rewrites the original whole, body and
     *                       all, so a busy original costs one rewrite per round: at 5 s, a fresh
     *                       stack's first minute under copies re-indexed 40-75% more article
     *                       documents than it indexed articles, and it fell further behind (README,
     *                       Performance); a count half a minute old is fresh enough for a dashboard
     */
    public record DuplicatesProperties(
            @DefaultValue(Topics.DUPLICATES) String topic,
            @DefaultValue("publish-service-duplicates") String group,
            @DefaultValue("5m") Duration waitForArticle,
            @DefaultValue("30s") Duration countCopiesEvery) {
    }

    /**
     * @param name       topic name
     * @param partitions partitions, like the source topic
     * @param replicas   replication factor (1 for a single local broker, 3 in production)
     */
    public record DeadLetterProperties(
            @DefaultValue(Topics.ENRICHED_DLT) String name,
            @DefaultValue("6") int partitions,
            @DefaultValue("3") short replicas) {
    }

    /**
     * @param uris           node URLs, e.g. {@code http://127.0.0.1:9200}
     * @param username       basic-auth user (optional); in a secured cluster one whose role may
     *                       write the articles and stories indices only
     * @param password       basic-auth password (optional)
     * @param apiKey         an API key instead of a user (optional)
     * @param caCertificate  PEM file of the CA that signed the cluster's certificate (https)
     * @param connectTimeout TCP connect timeout
     * @param socketTimeout  time to wait for a response; a bulk of a few MB takes well under it
     * @param healthTimeout  how long the health check waits for the cluster before it reports
     *                       DOWN (an orchestrator's probe must not hang on a frozen node)
     */
    public record ElasticsearchProperties(
            @DefaultValue("http://127.0.0.1:9200") List<String> uris,
            String username,
            String password,
            String apiKey,
            String caCertificate,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("60s") Duration socketTimeout,
            @DefaultValue("2s") Duration healthTimeout) {

        public ElasticsearchConnection connection() {
            return new ElasticsearchConnection(uris, username, password, apiKey, ElasticsearchConnection.file(caCertificate), connectTimeout,
                    socketTimeout);
        }
    }

    /**
     * The index is {@code <alias>-v<version>} behind the alias {@code <alias>}; readers always use
     * the alias, so a new version can be built and swapped in without them noticing.
     *
     * @param alias           the name readers and dashboards query
     * @param version         version of the mapping; raise it for incompatible mapping changes
     * @param shards          primary shards of a new index
     * @param replicas        replicas of a new index (0 on a single node)
     * @param refreshInterval how soon a write becomes searchable
     */
    public record IndexProperties(
            @DefaultValue("news-articles") String alias,
            @DefaultValue("1") int version,
            @DefaultValue("1") int shards,
            @DefaultValue("1") int replicas,
            @DefaultValue("1s") String refreshInterval) {

        /** The concrete index that the alias points at. */
        public String versionedName() {
            return alias + "-v" + version;
        }
    }

    /**
     * @param initialInterval first wait after a failed batch
     * @param maxInterval     longest wait between attempts (retried without limit: an outage
     *                        delays indexing, it never dead-letters an article)
     */
    public record RetryProperties(
            @DefaultValue("1s") Duration initialInterval,
            @DefaultValue("30s") Duration maxInterval) {
    }

    /**
     * Subscriptions (saved searches): every article this service indexes is matched against all
     * of them and each match is delivered.
     *
     * @param topic                   the compacted topic of subscriptions (owned by ingest), read
     *                                whole at start
     * @param alertsTopic             the default alerts topic, declared here
     * @param webhooksTopic           alerts waiting for their webhook call (internal), declared here
     * @param webhooksDeadLetterTopic webhook calls that failed on every attempt, declared here
     * @param partitions              partitions of the topics declared here, and of subscribers'
     *                                own topics, created when a subscription first names them
     * @param replicas                their replication factor (1 for a single local broker)
     * @param sendTimeout             how long a batch waits for the broker to take its alerts
     *                                before it is retried
     * @param webhooks                how webhooks are called
     */
    public record SubscriptionProperties(
            @DefaultValue(Topics.SUBSCRIPTIONS) String topic,
            @DefaultValue(Topics.ALERTS) String alertsTopic,
            @DefaultValue(Topics.WEBHOOKS) String webhooksTopic,
            @DefaultValue(Topics.WEBHOOKS_DLT) String webhooksDeadLetterTopic,
            @DefaultValue("6") int partitions,
            @DefaultValue("3") short replicas,
            @DefaultValue("15s") Duration sendTimeout,
            @DefaultValue WebhookProperties webhooks) {
    }

    /**
     * @param connectTimeout        TCP (and TLS) connect timeout of a call
     * @param responseTimeout       how long a receiver may take to answer
     * @param attempts              calls made for one alert before it is dead-lettered
     *                              ({@code webhook-failed})
     * @param initialInterval       wait after the first failed call, doubling after each
     * @param maxInterval           longest wait between two calls
     * @param allowPrivateAddresses let webhooks reach private and loopback addresses: only for a
     *                              local demo whose receiver runs on the same machine (the local
     *                              profile turns it on); off, the outbound guard refuses them
     * @param group                 the consumer group of the webhook caller
     */
    public record WebhookProperties(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration responseTimeout,
            @DefaultValue("5") int attempts,
            @DefaultValue("2s") Duration initialInterval,
            @DefaultValue("30s") Duration maxInterval,
            @DefaultValue("false") boolean allowPrivateAddresses,
            @DefaultValue("publish-service-webhooks") String group) {
    }
}
