package io.newsflow.ingest;

import io.newsflow.contracts.Topics;
import io.newsflow.elasticsearch.ElasticsearchConnection;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest service, under {@code newsflow.ingest}.
 *
 * @param topic       the topic accepted articles are written to
 * @param sendTimeout how long a request waits for the broker to acknowledge an article before it
 *                    answers 503; keep it below clients' own timeouts and above the producer's
 *                    {@code delivery.timeout.ms}
 * @param brokerProbeInterval once most recent sends failed for lack of a broker, posts are refused
 *                    at once (503, nothing written) for this long, then a few are let through to
 *                    find out whether it is back
 * @param limits      what one request may carry
 * @param security    who may post
 * @param status      where {@code GET /api/v1/articles/{id}/status} looks articles up
 * @param subscriptions the saved searches of {@code /api/v1/subscriptions}
 */
@ConfigurationProperties("newsflow.ingest")
public record IngestProperties(
        @DefaultValue TopicProperties topic,
        @DefaultValue("15s") Duration sendTimeout,
        @DefaultValue("2s") Duration brokerProbeInterval,
        @DefaultValue LimitProperties limits,
        @DefaultValue SecurityProperties security,
        @DefaultValue StatusProperties status,
        @DefaultValue SubscriptionProperties subscriptions,
        @DefaultValue FeedProperties feeds) {

    /**
     * Feeds this service follows ({@code /api/v1/feeds}) and pages it fetches by URL
     * ({@code /api/v1/articles:fetch}). Registrations and polling states are on a compacted topic
     * this service owns; each instance polls the feeds of the partitions its consumer group gives it.
     *
     * @param enabled         off: the feeds API answers 404 and nothing is polled
     * @param topic           the compacted feeds topic (internal to this service: not part of the
     *                        event contract, so not in {@link Topics})
     * @param partitions      its partitions (the unit of ownership: more than the instances)
     * @param replicas        its replication factor
     * @param group           the consumer group whose assignment decides who polls what
     * @param workers         feeds polled at once by one instance (threads mostly waiting: on
     *                        the network, or for a host's turn under the politeness limit)
     * @param minInterval     shortest polling interval accepted
     * @param maxInterval     longest polling interval accepted (and longest wait for a quiet feed)
     * @param defaultInterval interval of a feed registered without one
     * @param maxPerKey       feeds one API key may register
     * @param maxItemsPerPoll item pages fetched per poll at most (the rest in the next poll)
     * @param seenMemory      item keys remembered per feed
     * @param maxBackoff      longest wait after failed polls
     * @param fetch           how pages and feeds are fetched
     */
    public record FeedProperties(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("news.feeds") String topic,
            @DefaultValue("6") int partitions,
            @DefaultValue("3") short replicas,
            @DefaultValue("ingest-service-feeds") String group,
            @DefaultValue("16") int workers,
            @DefaultValue("1m") Duration minInterval,
            @DefaultValue("1d") Duration maxInterval,
            @DefaultValue("10m") Duration defaultInterval,
            @DefaultValue("1000") int maxPerKey,
            @DefaultValue("50") int maxItemsPerPoll,
            @DefaultValue("2000") int seenMemory,
            @DefaultValue("6h") Duration maxBackoff,
            @DefaultValue FetchProperties fetch) {
    }

    /**
     * Outbound fetching of feeds and pages: every request goes through the SSRF guard.
     *
     * @param userAgent       sent with every request, and the robots.txt token is "Newsflow"
     * @param connectTimeout  TCP connect timeout
     * @param responseTimeout time to wait for an answer
     * @param maxPageSize     largest page or feed read (decompressed); larger ones are refused
     * @param maxRedirects    redirects followed, each hop checked by the guard
     * @param perHostInterval least time between two requests to one host (or its robots.txt
     *                        Crawl-delay, up to 10 s); one request at a time per host
     * @param obeyRobots      honour robots.txt (on; turn off only for sites you own)
     * @param allowPrivate    reach loopback and private addresses: for local demos and tests only;
     *                        link-local and cloud-metadata addresses stay refused
     */
    public record FetchProperties(
            @DefaultValue("Newsflow/0.1 (+https://github.com/newsflow/newsflow)") String userAgent,
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("20s") Duration responseTimeout,
            @DefaultValue("5MB") DataSize maxPageSize,
            @DefaultValue("5") int maxRedirects,
            @DefaultValue("1s") Duration perHostInterval,
            @DefaultValue("true") boolean obeyRobots,
            @DefaultValue("false") boolean allowPrivate) {
    }

    /**
     * Saved searches are events on a compacted topic this service owns and declares; the publish
     * service reads it to match every indexed article.
     *
     * @param topic                the compacted subscriptions topic
     * @param partitions           its partitions
     * @param replicas             its replication factor (1 for a single local broker)
     * @param maxPerKey            most subscriptions one API key may hold (10,000 in all are
     *                             matched at the pipeline's full rate)
     * @param allowPrivateWebhooks accept webhook URLs on private and loopback addresses: only for
     *                             a local demo (the local profile turns it on)
     */
    public record SubscriptionProperties(
            @DefaultValue(Topics.SUBSCRIPTIONS) String topic,
            @DefaultValue("3") int partitions,
            @DefaultValue("3") short replicas,
            @DefaultValue("1000") int maxPerKey,
            @DefaultValue("false") boolean allowPrivateWebhooks) {
    }

    /**
     * The status endpoint reads the search index the publish service writes: an article found
     * there has been enriched and indexed.
     *
     * @param elasticsearchUri Elasticsearch nodes, comma-separated, e.g. {@code http://127.0.0.1:9200};
     *                         empty turns the status endpoint off (it answers 501)
     * @param username         basic-auth user (optional); in a secured cluster one with read
     *                         access to the alias only
     * @param password         its password
     * @param apiKey           an API key instead of a user (optional)
     * @param caCertificate    PEM file of the CA that signed the cluster's certificate (https)
     * @param alias            the index alias the publish service writes to
     * @param timeout          how long a lookup may take
     */
    public record StatusProperties(
            String elasticsearchUri,
            String username,
            String password,
            String apiKey,
            String caCertificate,
            @DefaultValue("news-articles") String alias,
            @DefaultValue("3s") Duration timeout) {

        public ElasticsearchConnection connection() {
            return new ElasticsearchConnection(elasticsearchUri == null ? List.of()
                    : List.of(elasticsearchUri.split(",")), username, password, apiKey,
                    ElasticsearchConnection.file(caCertificate), timeout, timeout);
        }
    }

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

    /**
     * Size limits, checked before a body is read (Content-Length) and while it is read (chunked
     * or gzip-compressed bodies), so an oversized or hostile request costs little.
     *
     * @param maxArticleSize  largest single article request, after gzip inflation (413 above)
     * @param maxBatchSize    largest batch request, after inflation (413 above)
     * @param maxBatchLines   most articles in one batch request (413 above)
     */
    public record LimitProperties(
            @DefaultValue("5MB") DataSize maxArticleSize,
            @DefaultValue("64MB") DataSize maxBatchSize,
            @DefaultValue("1000") int maxBatchLines) {
    }

    /**
     * API keys. Clients send {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>};
     * only SHA-256 hashes of the keys are configured, so the configuration holds no secret.
     * Without any key the service refuses to start, except in the {@code local} profile, where
     * the API is open.
     *
     * @param apiKeys   the accepted keys
     * @param rateLimit requests per key
     */
    public record SecurityProperties(@DefaultValue List<ApiKey> apiKeys, @DefaultValue RateLimit rateLimit) {

        /**
         * A token bucket per API key: a client over its rate gets 429 with Retry-After. Applies
         * to requests (a batch counts as one), and only when API keys are configured.
         *
         * @param requestsPerSecond sustained rate per key; 0 turns rate limiting off
         * @param burst             requests a key may send at once after being idle
         */
        public record RateLimit(@DefaultValue("0") int requestsPerSecond, @DefaultValue("100") int burst) {
        }

        /**
         * @param name   who holds the key (appears in logs and metrics, never the key itself)
         * @param sha256 hex SHA-256 of the key, e.g. {@code printf %s "$KEY" | sha256sum}
         */
        public record ApiKey(String name, String sha256) {
        }
    }
}
