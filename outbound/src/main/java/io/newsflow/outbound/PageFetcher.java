package io.newsflow.outbound;

import crawlercommons.robots.BaseRobotRules;
import crawlercommons.robots.SimpleRobotRules;
import crawlercommons.robots.SimpleRobotRules.RobotRulesMode;
import crawlercommons.robots.SimpleRobotRulesParser;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.ClientProtocolException;
import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.entity.BrotliDecompressingEntity;
import org.apache.hc.client5.http.entity.BrotliInputStreamFactory;
import org.apache.hc.client5.http.entity.DeflateInputStreamFactory;
import org.apache.hc.client5.http.entity.GZIPInputStreamFactory;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.impl.EnglishReasonPhraseCatalog;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.io.ModalCloseable;
import org.apache.hc.core5.util.Timeout;

/**
 * Fetches feeds and article pages for Newsflow, safely and politely: one guarded HTTP GET, with
 * redirects, conditional requests, decoding and robots.txt handled here so every caller gets the
 * same rules.
 *
 * <p>Safely: the URL and every redirect hop pass {@link OutboundGuard#checkUrl} (scheme,
 * credentials, literal addresses), and the client resolves names only through
 * {@link OutboundGuard#dnsResolver()}, so it connects only to addresses the guard checked.
 * Redirects are followed here, not by the HTTP client, so each hop is checked and robots-checked.
 * No proxy is ever used (a proxy would resolve names itself, around the guard). Bodies are capped
 * twice: a {@code Content-Length} over the cap is refused before reading, and the decoded stream
 * is cut when it passes the cap, so neither a huge page nor a compression bomb can exhaust memory.
 * Response headers are bounded in count and length for the same reason.
 *
 * <p>Politely: robots.txt (RFC 9309) is obeyed for the product token {@value #ROBOTS_AGENT}, read
 * once an hour per origin ({@code scheme://host:port}); a robots.txt that is missing (4xx) allows
 * everything, one that cannot be read (5xx, 429, network) fails the fetch as transient and is
 * asked again after a minute. At most one request at a time goes to a host, and requests to it
 * start at least {@link Settings#perHostInterval()} apart, or the robots.txt {@code Crawl-delay}
 * (up to {@value #MAX_CRAWL_DELAY_SECONDS} s) when that is longer.
 *
 * <p>One instance is meant to be shared by all threads of a service: it is thread-safe, and its
 * connection pool, robots cache and per-host gate only work as a whole when shared.
 */
public final class PageFetcher implements AutoCloseable {

    /**
     * What the fetcher may do.
     *
     * @param userAgent       the {@code User-Agent} header; robots.txt groups are matched against
     *                        the product token {@value PageFetcher#ROBOTS_AGENT} whatever it says
     * @param connectTimeout  longest wait for a connection to open
     * @param responseTimeout longest wait for the response's head, and between two reads of its body
     * @param maxBytes        largest decoded body accepted; a larger one fails as {@code TOO_LARGE}
     * @param maxRedirects    redirects followed before failing as {@code TOO_MANY_REDIRECTS}
     * @param perHostInterval least time between the starts of two requests to one host; a request
     *                        whose turn would come more than 30 s later fails as {@code BUSY}
     * @param obeyRobots      check each URL against its origin's robots.txt (off only for tests
     *                        and for sources whose owner asked Newsflow to fetch them)
     */
    public record Settings(String userAgent, Duration connectTimeout, Duration responseTimeout, long maxBytes,
                           int maxRedirects, Duration perHostInterval, boolean obeyRobots) {

        public Settings {
            if (userAgent == null || userAgent.isBlank() || userAgent.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("userAgent must be a non-blank header value");
            }
            requirePositive(connectTimeout, "connectTimeout");
            requirePositive(responseTimeout, "responseTimeout");
            if (maxBytes <= 0 || maxBytes > Integer.MAX_VALUE - 16) {
                throw new IllegalArgumentException("maxBytes must be between 1 and 2 GiB");
            }
            if (maxRedirects < 0) {
                throw new IllegalArgumentException("maxRedirects must not be negative");
            }
            Objects.requireNonNull(perHostInterval, "perHostInterval");
            if (perHostInterval.isNegative() || perHostInterval.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("perHostInterval must be between 0 and 1 hour");
            }
        }

        /** A polite crawler's settings: 5 s to connect, 20 s to answer, 10 MiB, 5 redirects, 1 s per host, robots obeyed. */
        public static Settings defaults() {
            return new Settings("Newsflow/0.1 (+https://github.com/newsflow; news ingestion)", Duration.ofSeconds(5),
                    Duration.ofSeconds(20), 10L * 1024 * 1024, 5, Duration.ofSeconds(1), true);
        }

        private static void requirePositive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero() || duration.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException(name + " must be between 0 (exclusive) and 1 hour");
            }
        }
    }

    /**
     * The validators of the copy the caller already has, sent as {@code If-None-Match} and
     * {@code If-Modified-Since} so an unchanged feed costs a 304 and no body.
     *
     * @param etag         the {@code ETag} of the last response, or null
     * @param lastModified the {@code Last-Modified} of the last response, or null
     */
    public record Conditions(String etag, String lastModified) {

        public Conditions {
            if (etag != null && etag.chars().anyMatch(c -> c < 0x20 || c == 0x7f)
                    || lastModified != null && lastModified.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                throw new IllegalArgumentException("validators must be single-line header values");
            }
        }

        /** An unconditional request. */
        public static Conditions none() {
            return new Conditions(null, null);
        }
    }

    /**
     * A successful answer.
     *
     * @param status       200-299, or 304 when the conditions matched
     * @param url          the URL that answered, after redirects
     * @param body         the decoded body (after {@code Content-Encoding}); empty for 304. Not
     *                     copied: the array is the caller's, and record equality compares it by identity
     * @param contentType  the {@code Content-Type} header as sent, or null
     * @param etag         the {@code ETag} header, or null; for a 304 without one, the condition's
     * @param lastModified the {@code Last-Modified} header, or null; for a 304 without one, the condition's
     */
    public record Response(int status, URI url, byte[] body, String contentType, String etag, String lastModified) {

        public Response {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(body, "body");
        }

        /** The conditions matched: the caller's copy is current. */
        public boolean notModified() {
            return status == 304;
        }
    }

    /**
     * A fetch that gave no usable answer. The message is one sentence fit to show an API user;
     * {@link #isTransient()} says whether trying again later may succeed.
     */
    public static final class FetchException extends Exception {

        private static final long serialVersionUID = 1L;

        /** Why the fetch failed. */
        public enum Kind {
            /** The guard refused the URL, a redirect target or the address a host resolved to. */
            REFUSED,
            /** The site's robots.txt does not allow Newsflow to fetch the URL. */
            ROBOTS,
            /** The body is larger than {@link Settings#maxBytes()}. */
            TOO_LARGE,
            /** The server answered 4xx (other than 429), or a redirect that cannot be followed. */
            CLIENT_ERROR,
            /** The server answered 5xx or 429, sent a body that cannot be decoded, or its robots.txt failed so. */
            SERVER_ERROR,
            /** The server could not be resolved, reached or read from in time. */
            NETWORK,
            /** Requests to the host are queued for longer than Newsflow waits. */
            BUSY,
            /** The URL redirected more than {@link Settings#maxRedirects()} times. */
            TOO_MANY_REDIRECTS
        }

        private final Kind kind;
        private final int status;

        FetchException(Kind kind, int status, String message) {
            this(kind, status, message, null);
        }

        FetchException(Kind kind, int status, String message, Throwable cause) {
            super(message, cause);
            this.kind = kind;
            this.status = status;
        }

        public Kind kind() {
            return kind;
        }

        /** The HTTP status that caused the failure, or 0 when there was none. */
        public int status() {
            return status;
        }

        /** Whether trying again later may succeed: server errors (with 429), network trouble and a busy host. */
        public boolean isTransient() {
            return switch (kind) {
                case SERVER_ERROR, NETWORK, BUSY -> true;
                default -> false;
            };
        }
    }

    /** The product token robots.txt groups are matched against (lower case, as crawler-commons expects). */
    static final String ROBOTS_AGENT = "newsflow";
    /** RFC 9309 2.5: a crawler must read at least 500 KiB of robots.txt; the rest is ignored. */
    static final int ROBOTS_MAX_BYTES = 500 * 1024;
    /** RFC 9309 2.3.1.2: follow at least five redirects for robots.txt, then take it as unavailable. */
    static final int ROBOTS_MAX_REDIRECTS = 5;
    static final Duration ROBOTS_TTL = Duration.ofHours(1);
    static final Duration ROBOTS_FAILURE_TTL = Duration.ofMinutes(1);
    static final int ROBOTS_CACHE_SIZE = 10_000;
    static final int MAX_CRAWL_DELAY_SECONDS = 10;
    /** Longest wait for a host's turn before failing as {@code BUSY}, rather than holding a thread for good. */
    static final Duration MAX_HOST_WAIT = Duration.ofSeconds(30);
    static final String ACCEPT = "text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, "
            + "application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.8";
    /** Brotli only when its decoder is on the class path. */
    static final String ACCEPT_ENCODING = BrotliDecompressingEntity.isAvailable() ? "gzip, deflate, br" : "gzip, deflate";
    /** Body bytes read from an answer that is not used (a redirect, an error) so its connection can be kept. */
    private static final int DRAIN_BYTES = 16 * 1024;
    /** Content codings applied one over another that are decoded; more is not a real server's answer. */
    private static final int MAX_CODINGS = 3;
    private static final byte[] EMPTY = new byte[0];

    private final OutboundGuard guard;
    private final Settings settings;
    private final CloseableHttpClient client;
    private final HostGate gate;
    private final SimpleRobotRulesParser robotsParser = new SimpleRobotRulesParser();
    /** robots.txt verdicts per origin, least recently used dropped first; one load per origin at a time. */
    private final Map<String, CompletableFuture<Robots>> robotsCache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, CompletableFuture<Robots>> eldest) {
            return size() > ROBOTS_CACHE_SIZE;
        }
    };

    public PageFetcher(OutboundGuard guard, Settings settings) {
        this.guard = Objects.requireNonNull(guard, "guard");
        this.settings = Objects.requireNonNull(settings, "settings");
        Duration maxCrawlDelay = Duration.ofSeconds(MAX_CRAWL_DELAY_SECONDS);
        this.gate = new HostGate(settings.perHostInterval().compareTo(maxCrawlDelay) > 0
                ? settings.perHostInterval() : maxCrawlDelay);
        // The parser would turn a long Crawl-delay into "disallow everything"; it is capped here instead.
        robotsParser.setMaxCrawlDelay(Long.MAX_VALUE);
        Timeout connect = Timeout.ofMilliseconds(settings.connectTimeout().toMillis());
        Timeout response = Timeout.ofMilliseconds(settings.responseTimeout().toMillis());
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard.dnsResolver())
                        .setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
                                .http1Config(Http1Config.custom().setMaxHeaderCount(200).setMaxLineLength(16 * 1024).build())
                                .build())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(connect)
                                .setSocketTimeout(response)
                                .build())
                        .setMaxConnTotal(200)
                        .setMaxConnPerRoute(2)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(response)
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(MAX_HOST_WAIT.toMillis()))
                        .setRedirectsEnabled(false)
                        .setProtocolUpgradeEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableContentCompression() // decoded here, under the size cap
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .build();
    }

    /**
     * GETs a URL, following redirects.
     *
     * @param conditions validators of the caller's copy, or {@link Conditions#none()} (null is taken as none)
     * @return a 2xx answer with its decoded body, or a 304
     * @throws FetchException the URL was refused or disallowed, or no usable answer came
     */
    public Response fetch(String url, Conditions conditions) throws FetchException {
        Conditions given = conditions == null ? Conditions.none() : conditions;
        URI current = checked(url, null);
        for (int redirects = 0; ; redirects++) {
            if (settings.obeyRobots()) {
                obeyRobots(current);
            }
            Hop hop = exchange(current, given, ACCEPT, settings.maxBytes(), false);
            int status = hop.status();
            if (status >= 200 && status <= 299) {
                return new Response(status, current, hop.body(), hop.contentType(), hop.etag(), hop.lastModified());
            }
            if (status == 304) {
                return new Response(status, current, EMPTY, hop.contentType(),
                        hop.etag() != null ? hop.etag() : given.etag(),
                        hop.lastModified() != null ? hop.lastModified() : given.lastModified());
            }
            if (isRedirect(status)) {
                if (hop.location() == null) {
                    throw new FetchException(FetchException.Kind.CLIENT_ERROR, status,
                            authority(current) + " answered " + describe(status) + " without a Location to follow");
                }
                if (redirects >= settings.maxRedirects()) {
                    throw new FetchException(FetchException.Kind.TOO_MANY_REDIRECTS, status,
                            "the URL redirected more than " + settings.maxRedirects() + " times");
                }
                current = checked(hop.location(), current);
                continue;
            }
            FetchException.Kind kind = status == 429 || status >= 500
                    ? FetchException.Kind.SERVER_ERROR : FetchException.Kind.CLIENT_ERROR;
            throw new FetchException(kind, status, authority(current) + " answered " + describe(status));
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** One request and its answer: the body is read only for 2xx, the Location only kept for redirects. */
    private record Hop(int status, byte[] body, String contentType, String etag, String lastModified, String location) {
    }

    /** A robots.txt verdict for one origin: rules to obey, or why they could not be had; valid until {@code expires}. */
    private record Robots(BaseRobotRules rules, Duration crawlDelay, FetchException.Kind failure, int failureStatus,
                          String failureMessage, long expires) {

        static Robots rules(BaseRobotRules rules, Duration ttl) {
            long delay = rules.getCrawlDelay();
            Duration crawlDelay = delay > 0
                    ? Duration.ofMillis(Math.min(delay, MAX_CRAWL_DELAY_SECONDS * 1000L)) : Duration.ZERO;
            return new Robots(rules, crawlDelay, null, 0, null, System.nanoTime() + ttl.toNanos());
        }

        static Robots allowAll(Duration ttl) {
            return rules(new SimpleRobotRules(RobotRulesMode.ALLOW_ALL), ttl);
        }

        static Robots failure(FetchException.Kind kind, int status, String message, Duration ttl) {
            return new Robots(null, Duration.ZERO, kind, status, message, System.nanoTime() + ttl.toNanos());
        }

        boolean expired(long now) {
            return now - expires >= 0;
        }
    }

    private void obeyRobots(URI url) throws FetchException {
        Robots robots = robotsFor(url);
        if (robots.failure() != null) {
            throw new FetchException(robots.failure(), robots.failureStatus(), robots.failureMessage());
        }
        if (!robots.rules().isAllowed(url.toString())) {
            throw new FetchException(FetchException.Kind.ROBOTS, 0,
                    "the robots.txt of " + authority(url) + " does not allow Newsflow to fetch this URL");
        }
    }

    /** The origin's robots verdict: cached, or loaded by this thread while others asking for it wait. */
    private Robots robotsFor(URI url) {
        String origin = origin(url);
        CompletableFuture<Robots> verdict;
        boolean load = false;
        synchronized (robotsCache) {
            verdict = robotsCache.get(origin);
            if (verdict == null || verdict.isDone() && verdict.join().expired(System.nanoTime())) {
                verdict = new CompletableFuture<>();
                robotsCache.put(origin, verdict);
                load = true;
            }
        }
        if (!load) {
            return verdict.join();
        }
        try {
            Robots robots = loadRobots(url);
            verdict.complete(robots);
            return robots;
        } catch (RuntimeException | Error e) {
            verdict.complete(Robots.failure(FetchException.Kind.NETWORK, 0,
                    "the robots.txt of " + authority(url) + " could not be read", Duration.ZERO));
            throw e;
        }
    }

    /** The crawl delay robots.txt asked for this URL's origin, if its verdict is at hand; never loads it. */
    private Duration cachedCrawlDelay(URI url) {
        CompletableFuture<Robots> verdict;
        synchronized (robotsCache) {
            verdict = robotsCache.get(origin(url));
        }
        if (verdict == null || !verdict.isDone()) {
            return Duration.ZERO;
        }
        Robots robots = verdict.join();
        return robots.expired(System.nanoTime()) ? Duration.ZERO : robots.crawlDelay();
    }

    /** Reads and parses an origin's robots.txt as RFC 9309 says; never throws for the page's sake. */
    private Robots loadRobots(URI url) {
        String authority = authority(url);
        URI robotsUrl = URI.create(origin(url) + "/robots.txt");
        URI current = robotsUrl;
        try {
            for (int redirects = 0; ; redirects++) {
                Hop hop = exchange(current, Conditions.none(), "text/plain, */*;q=0.5", ROBOTS_MAX_BYTES, true);
                int status = hop.status();
                if (status >= 200 && status <= 299) {
                    String contentType = hop.contentType() == null ? "text/plain" : hop.contentType();
                    return Robots.rules(robotsParser.parseContent(robotsUrl.toString(), hop.body(), contentType,
                            List.of(ROBOTS_AGENT)), ROBOTS_TTL);
                }
                if (isRedirect(status) && hop.location() != null && redirects < ROBOTS_MAX_REDIRECTS) {
                    current = checked(hop.location(), current);
                    continue;
                }
                if (status == 429 || status >= 500) {
                    return Robots.failure(FetchException.Kind.SERVER_ERROR, status, "the robots.txt of " + authority
                            + " answered " + describe(status) + ", so its pages are not fetched for now", ROBOTS_FAILURE_TTL);
                }
                // 4xx, too many redirects, anything else: RFC 9309 2.3.1.3, unavailable, so no rules
                return Robots.allowAll(ROBOTS_TTL);
            }
        } catch (FetchException e) {
            return switch (e.kind()) {
                // the origin itself refused: the page would be too, so say why in the same words
                case REFUSED -> current == robotsUrl
                        ? Robots.failure(e.kind(), 0, e.getMessage(), ROBOTS_FAILURE_TTL)
                        : Robots.allowAll(ROBOTS_TTL); // a redirect Newsflow may not follow: unavailable
                case BUSY -> Robots.failure(e.kind(), 0, e.getMessage(), Duration.ZERO); // not the site's doing
                case CLIENT_ERROR -> Robots.allowAll(ROBOTS_TTL); // a redirect that cannot be followed: unavailable
                default -> Robots.failure(e.kind(), e.status(), "the robots.txt of " + authority
                        + " could not be read (" + e.getMessage() + ")", ROBOTS_FAILURE_TTL);
            };
        }
    }

    /** One GET under the host's gate. */
    private Hop exchange(URI url, Conditions conditions, String accept, long maxBytes, boolean truncate)
            throws FetchException {
        HttpGet get = new HttpGet(url);
        get.setHeader(HttpHeaders.USER_AGENT, settings.userAgent());
        get.setHeader(HttpHeaders.ACCEPT, accept);
        get.setHeader(HttpHeaders.ACCEPT_ENCODING, ACCEPT_ENCODING);
        if (conditions.etag() != null) {
            get.setHeader(HttpHeaders.IF_NONE_MATCH, conditions.etag());
        }
        if (conditions.lastModified() != null) {
            get.setHeader(HttpHeaders.IF_MODIFIED_SINCE, conditions.lastModified());
        }
        Duration crawlDelay = cachedCrawlDelay(url);
        Duration interval = crawlDelay.compareTo(settings.perHostInterval()) > 0 ? crawlDelay : settings.perHostInterval();
        try (HostGate.Permit turn = gate.enter(url.getHost().toLowerCase(Locale.ROOT), interval, MAX_HOST_WAIT)) {
            return execute(get, url, maxBytes, truncate);
        } catch (HostGate.BusyException e) {
            throw new FetchException(FetchException.Kind.BUSY, 0, "requests to " + authority(url) + " are queued for more than "
                    + MAX_HOST_WAIT.toSeconds() + " s, so this one was not sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.BUSY, 0,
                    "the request to " + authority(url) + " was interrupted while waiting for its turn", e);
        }
    }

    private Hop execute(HttpGet get, URI url, long maxBytes, boolean truncate) throws FetchException {
        ClassicHttpResponse response;
        try {
            response = client.executeOpen(null, get, HttpClientContext.create());
        } catch (IOException e) {
            throw failure(url, e);
        }
        boolean reusable = false;
        try {
            int status = response.getCode();
            HttpEntity entity = response.getEntity();
            byte[] body = EMPTY;
            if (status >= 200 && status <= 299) {
                if (entity == null) {
                    reusable = true;
                } else {
                    if (!truncate && entity.getContentLength() > maxBytes) {
                        throw tooLarge(url, status, maxBytes);
                    }
                    body = readBody(url, status, response, entity, maxBytes, truncate);
                    reusable = true; // readBody aborted the response itself when it could not be reused
                }
            } else {
                reusable = drain(entity);
            }
            return new Hop(status, body, header(response, HttpHeaders.CONTENT_TYPE), header(response, HttpHeaders.ETAG),
                    header(response, HttpHeaders.LAST_MODIFIED), isRedirect(status) ? header(response, HttpHeaders.LOCATION) : null);
        } finally {
            release(response, reusable);
        }
    }

    /**
     * Reads and decodes a body, at most {@code maxBytes} of it: more fails as too large, or is cut
     * off when {@code truncate}. A response not read to its end is aborted (its connection closed)
     * before the decoder is closed, as closing a stream would otherwise read the rest of it.
     */
    private byte[] readBody(URI url, int status, ClassicHttpResponse response, HttpEntity entity, long maxBytes,
                            boolean truncate) throws FetchException {
        RawStream raw;
        try {
            raw = new RawStream(entity.getContent(), System.nanoTime() + transferLimit().toNanos());
        } catch (IOException e) {
            abort(response);
            throw failure(url, e);
        }
        List<String> codings = codings(response);
        InputStream decoded = raw;
        boolean complete = false;
        try {
            decoded = decoder(url, raw, codings);
            byte[] bytes = readAtMost(decoded, maxBytes);
            if (bytes.length > maxBytes) {
                if (!truncate) {
                    throw tooLarge(url, status, maxBytes);
                }
                return Arrays.copyOf(bytes, (int) maxBytes);
            }
            complete = raw.eof || raw.drainToEof(DRAIN_BYTES);
            return bytes;
        } catch (IOException e) {
            if (raw.failed) {
                throw failure(url, e);
            }
            throw new FetchException(FetchException.Kind.SERVER_ERROR, 0, "the response from " + authority(url)
                    + " could not be decoded (" + String.join(", ", codings) + ")", e);
        } finally {
            if (!complete) {
                abort(response);
            }
            try {
                decoded.close(); // frees a decoder's native memory; the connection is done with by now
            } catch (IOException | RuntimeException ignored) {
                // the connection was aborted, or the stream is at its end already
            }
        }
    }

    /** The content codings applied to a body, in the order they were applied ({@code identity} left out). */
    private static List<String> codings(ClassicHttpResponse response) {
        List<String> codings = new ArrayList<>();
        for (Header header : response.getHeaders(HttpHeaders.CONTENT_ENCODING)) {
            for (String coding : header.getValue().split(",")) {
                String name = coding.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty() && !name.equals("identity")) {
                    codings.add(name);
                }
            }
        }
        return codings;
    }

    /** Undoes the codings, last applied first, with HttpClient's decoders. */
    private InputStream decoder(URI url, InputStream raw, List<String> codings) throws IOException, FetchException {
        if (codings.size() > MAX_CODINGS) {
            throw new FetchException(FetchException.Kind.SERVER_ERROR, 0,
                    authority(url) + " sent a body encoded " + codings.size() + " times over");
        }
        InputStream in = raw;
        for (int i = codings.size() - 1; i >= 0; i--) {
            String coding = codings.get(i);
            if (coding.equals("gzip") || coding.equals("x-gzip")) {
                in = GZIPInputStreamFactory.getInstance().create(in);
            } else if (coding.equals("deflate")) {
                in = DeflateInputStreamFactory.getInstance().create(in);
            } else if (coding.equals("br") && BrotliDecompressingEntity.isAvailable()) {
                in = BrotliInputStreamFactory.getInstance().create(in);
            } else {
                throw new FetchException(FetchException.Kind.SERVER_ERROR, 0, authority(url)
                        + " sent a body in an encoding Newsflow does not read (" + abbreviate(coding, 40) + ")");
            }
        }
        return in;
    }

    /** Reads to the end, or stops as soon as more than {@code limit} bytes came (then returns limit + 1 of them). */
    static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(limit + 1, 64 * 1024));
        byte[] buffer = new byte[8192];
        long total = 0;
        while (total <= limit) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, limit + 1 - total));
            if (n < 0) {
                break;
            }
            out.write(buffer, 0, n);
            total += n;
        }
        return out.toByteArray();
    }

    /** How long a small unused body is read for before its connection is dropped instead. */
    private static final Duration DRAIN_TIME = Duration.ofSeconds(2);

    /** Reads (and drops) a small unused body so the connection can be reused; false when it is larger or broken. */
    private static boolean drain(HttpEntity entity) {
        if (entity == null) {
            return true;
        }
        try {
            return new RawStream(entity.getContent(), System.nanoTime() + DRAIN_TIME.toNanos()).drainToEof(DRAIN_BYTES);
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Gives the connection back when the response was read to its end; otherwise closes it at
     * once, since a graceful close would read whatever the server still sends.
     */
    private static void release(ClassicHttpResponse response, boolean reusable) {
        if (reusable) {
            try {
                response.close();
            } catch (IOException ignored) {
                // nothing left to do with this response
            }
        } else {
            abort(response);
        }
    }

    private static void abort(ClassicHttpResponse response) {
        try {
            if (response instanceof ModalCloseable closeable) {
                closeable.close(CloseMode.IMMEDIATE);
            } else {
                response.close();
            }
        } catch (IOException ignored) {
            // the connection is being thrown away anyway
        }
    }

    /** The stream off the wire: tells its own failures from the decoder's, and whether it reached its end. */
    private static final class RawStream extends FilterInputStream {
        boolean eof;
        boolean failed;
        private final long deadline;

        RawStream(InputStream in, long deadline) {
            super(in);
            this.deadline = deadline;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (System.nanoTime() - deadline > 0) {
                failed = true;
                throw new TransferTooSlowException();
            }
            try {
                int n = in.read(b, off, len);
                if (n < 0) {
                    eof = true;
                }
                return n;
            } catch (IOException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public long skip(long n) throws IOException {
            int len = (int) Math.max(0, Math.min(n, 8192));
            return len == 0 ? 0 : Math.max(0, read(new byte[len], 0, len));
        }

        /** Reads on to the end if it comes within {@code limit} bytes. */
        boolean drainToEof(int limit) {
            byte[] buffer = new byte[4096];
            int left = limit;
            try {
                while (!eof && left >= 0) {
                    int n = read(buffer, 0, buffer.length);
                    if (n > 0) {
                        left -= n;
                    }
                }
            } catch (IOException e) {
                return false;
            }
            return eof;
        }
    }

    /** A body still arriving when the transfer limit is up: a server trickling bytes must not hold a thread. */
    private static final class TransferTooSlowException extends IOException {
        TransferTooSlowException() {
            super("the transfer took too long", null);
        }
    }

    /**
     * The longest a whole body may take to arrive: three times the answer timeout (which bounds
     * each wait for bytes, not the transfer: a server sending a byte every few seconds would
     * otherwise hold a polling thread for hours).
     */
    private Duration transferLimit() {
        return settings.responseTimeout().multipliedBy(3);
    }

    /** Parses a URL, or a Location against the URL it came from, and has the guard check it. */
    private URI checked(String url, URI base) throws FetchException {
        String target = url;
        if (base != null) {
            try {
                target = resolve(base, url.trim()).toString();
            } catch (URISyntaxException | IllegalArgumentException e) {
                throw new FetchException(FetchException.Kind.CLIENT_ERROR, 0,
                        authority(base) + " redirected to a URL that is not valid");
            }
        }
        try {
            return guard.checkUrl(target);
        } catch (OutboundRefusedException e) {
            throw new FetchException(FetchException.Kind.REFUSED, 0, base == null
                    ? "the URL was refused: " + e.getMessage()
                    : "the redirect to " + abbreviate(target, 200) + " was refused: " + e.getMessage());
        }
    }

    /**
     * Resolves a Location against the URL it came from (RFC 3986 5.2). Java's {@link URI#resolve}
     * with two of its RFC 2396 habits corrected (an empty base path, a query-only reference);
     * HttpClient's {@code URIUtils.resolve} is not used because it percent-encodes IPv6 literals.
     */
    static URI resolve(URI base, String location) throws URISyntaxException {
        URI reference = new URI(location);
        if (reference.isAbsolute()) {
            return reference;
        }
        String root = base.getScheme() + "://" + base.getRawAuthority();
        String basePath = base.getRawPath() == null || base.getRawPath().isEmpty() ? "/" : base.getRawPath();
        if (reference.getRawAuthority() == null && reference.getRawPath().isEmpty()) {
            String query = reference.getRawQuery() != null ? reference.getRawQuery() : base.getRawQuery();
            return new URI(root + basePath + (query == null ? "" : "?" + query)
                    + (reference.getRawFragment() == null ? "" : "#" + reference.getRawFragment()));
        }
        return new URI(root + basePath).resolve(reference);
    }

    /** One sentence for an I/O failure; a refusal by the guard's resolver stays a refusal. */
    private FetchException failure(URI url, IOException e) {
        String host = authority(url);
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof OutboundRefusedException refused) {
                return new FetchException(FetchException.Kind.REFUSED, 0,
                        "the address of " + host + " was refused: " + refused.getMessage(), e);
            }
        }
        FetchException.Kind kind = FetchException.Kind.NETWORK;
        String message;
        if (e instanceof ConnectionRequestTimeoutException) {
            kind = FetchException.Kind.BUSY;
            message = "no connection to " + host + " was free within " + MAX_HOST_WAIT.toSeconds() + " s";
        } else if (e instanceof TransferTooSlowException) {
            message = host + " sent the response too slowly (not all of it within " + seconds(transferLimit()) + ")";
        } else if (e instanceof ConnectTimeoutException) {
            message = host + " could not be connected to within " + seconds(settings.connectTimeout());
        } else if (e instanceof SocketTimeoutException) {
            message = host + " did not answer within " + seconds(settings.responseTimeout());
        } else if (e instanceof UnknownHostException) {
            message = "the name " + abbreviate(url.getHost(), 200) + " could not be resolved";
        } else if (e instanceof ConnectException) {
            message = host + " refused the connection";
        } else if (e instanceof SSLException) {
            message = "the secure (TLS) connection to " + host + " failed";
        } else if (e instanceof NoHttpResponseException) {
            message = host + " closed the connection without answering";
        } else if (e instanceof ConnectionClosedException || e instanceof MalformedChunkCodingException) {
            message = host + " closed the connection before the whole response arrived";
        } else if (e instanceof ClientProtocolException) {
            message = host + " answered with something that is not valid HTTP";
        } else {
            message = "the request to " + host + " failed (" + e.getClass().getSimpleName() + ")";
        }
        return new FetchException(kind, 0, message, e);
    }

    private static FetchException tooLarge(URI url, int status, long maxBytes) {
        return new FetchException(FetchException.Kind.TOO_LARGE, status,
                "the response from " + authority(url) + " is larger than " + size(maxBytes));
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static String header(ClassicHttpResponse response, String name) {
        Header header = response.getFirstHeader(name);
        return header == null ? null : header.getValue();
    }

    /** {@code scheme://host:port}, the port always written: robots.txt is per origin (RFC 9309 2.3). */
    static String origin(URI url) {
        String scheme = url.getScheme().toLowerCase(Locale.ROOT);
        int port = url.getPort() != -1 ? url.getPort() : scheme.equals("https") ? 443 : 80;
        return scheme + "://" + url.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    }

    private static String authority(URI url) {
        return url.getPort() == -1 ? url.getHost() : url.getHost() + ":" + url.getPort();
    }

    /** {@code 404 Not Found}: the standard reason, never the server's own words. */
    private static String describe(int status) {
        String reason = EnglishReasonPhraseCatalog.INSTANCE.getReason(status, Locale.ENGLISH);
        return reason == null ? String.valueOf(status) : status + " " + reason;
    }

    private static String seconds(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    private static String size(long bytes) {
        if (bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        return bytes % 1024 == 0 ? bytes / 1024 + " KiB" : bytes + " bytes";
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }
}
