package io.newsflow.outbound;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.outbound.PageFetcher.Conditions;
import io.newsflow.outbound.PageFetcher.FetchException;
import io.newsflow.outbound.PageFetcher.FetchException.Kind;
import io.newsflow.outbound.PageFetcher.Response;
import io.newsflow.outbound.PageFetcher.Settings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.apache.hc.client5.http.DnsResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * PageFetcher against two JDK HTTP servers on 127.0.0.1 (two ports: two origins for robots.txt),
 * through a guard that allows private addresses so loopback is reachable. Each test sets its
 * routes and uses fresh fetchers, so robots verdicts and host gates do not carry over.
 */
class PageFetcherTest {

    private static final String USER_AGENT = "NewsflowTest/0.1 (+https://example.invalid/newsflow)";
    private static final OutboundGuard DEMO_GUARD = new OutboundGuard(true);
    private static final int CAP = 64 * 1024;
    /** "brotli-encoded page body, decoded by HttpClient", compressed by the brotli command-line tool. */
    private static final byte[] BROTLI_BODY = HexFormat.of().parseHex("1f2e00b08dd4467791433142a5379d580b52b7b175fd4387"
            + "2028bd5a104a68a94509f1942204557a57f1aa0201424a7b9ced22");

    private static final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private static final List<Hit> hits = new CopyOnWriteArrayList<>();
    private static ExecutorService serverThreads;
    private static HttpServer server;
    private static HttpServer other;

    private final List<PageFetcher> fetchers = new ArrayList<>();

    /** A request as the server saw it, with when it arrived. */
    record Hit(int port, String path, Headers headers, long nanos) {
    }

    @BeforeAll
    static void startServers() throws IOException {
        serverThreads = Executors.newCachedThreadPool();
        server = startServer();
        other = startServer();
    }

    @AfterAll
    static void stopServers() {
        server.stop(0);
        other.stop(0);
        serverThreads.shutdownNow();
    }

    @BeforeEach
    void clearRoutes() {
        routes.clear();
        hits.clear();
    }

    @AfterEach
    void closeFetchers() throws IOException {
        for (PageFetcher fetcher : fetchers) {
            fetcher.close();
        }
    }

    @Test
    void fetchesAPageWithItsTypeAndValidators() throws Exception {
        route(server, "/news", respond(200, "text/html; charset=utf-8", "<html>news</html>",
                "ETag", "\"v1\"", "Last-Modified", "Tue, 01 Jul 2025 10:00:00 GMT"));

        Response response = fetcher().fetch(url(server, "/news"), Conditions.none());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.notModified()).isFalse();
        assertThat(new String(response.body(), UTF_8)).isEqualTo("<html>news</html>");
        assertThat(response.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(response.etag()).isEqualTo("\"v1\"");
        assertThat(response.lastModified()).isEqualTo("Tue, 01 Jul 2025 10:00:00 GMT");
        assertThat(response.url()).isEqualTo(URI.create(url(server, "/news")));
    }

    @Test
    void sendsItsUserAgentAcceptAndAcceptEncodingHeaders() throws Exception {
        route(server, "/feed", respond(200, "application/rss+xml", "<rss/>"));

        fetcher().fetch(url(server, "/feed"), Conditions.none());

        Headers headers = onlyHit(server, "/feed").headers();
        assertThat(headers.getFirst("User-Agent")).isEqualTo(USER_AGENT);
        assertThat(headers.getFirst("Accept")).contains("text/html", "application/rss+xml", "application/atom+xml", "text/xml");
        assertThat(headers.getFirst("Accept-Encoding")).isEqualTo("gzip, deflate, br");
        assertThat(headers.containsKey("If-None-Match")).isFalse();
        assertThat(onlyHit(server, "/robots.txt").headers().getFirst("User-Agent")).isEqualTo(USER_AGENT);
    }

    @Test
    void decodesGzipDeflateAndBrotliBodies() throws Exception {
        String text = "<rss><channel><title>compressed</title></channel></rss>";
        route(server, "/gzip", respond(200, "application/rss+xml", gzip(text.getBytes(UTF_8)), "Content-Encoding", "gzip"));
        route(server, "/deflate", respond(200, "application/rss+xml", deflate(text.getBytes(UTF_8)), "Content-Encoding", "deflate"));
        route(server, "/br", respond(200, "text/plain", BROTLI_BODY, "Content-Encoding", "br"));
        PageFetcher fetcher = fetcher();

        assertThat(new String(fetcher.fetch(url(server, "/gzip"), Conditions.none()).body(), UTF_8)).isEqualTo(text);
        assertThat(new String(fetcher.fetch(url(server, "/deflate"), Conditions.none()).body(), UTF_8)).isEqualTo(text);
        assertThat(new String(fetcher.fetch(url(server, "/br"), Conditions.none()).body(), UTF_8))
                .isEqualTo("brotli-encoded page body, decoded by HttpClient");
    }

    @Test
    void aConditionalGetOfAnUnchangedFeedGives304WithoutABody() throws Exception {
        route(server, "/cond", exchange -> {
            exchange.getResponseHeaders().set("ETag", "\"v7\"");
            if ("\"v7\"".equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
            } else {
                send(exchange, 200, "application/atom+xml", "<feed/>".getBytes(UTF_8));
            }
        });
        PageFetcher fetcher = fetcher();
        Response first = fetcher.fetch(url(server, "/cond"), Conditions.none());

        Response second = fetcher.fetch(url(server, "/cond"),
                new Conditions(first.etag(), "Tue, 01 Jul 2025 10:00:00 GMT"));

        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(304);
        assertThat(second.notModified()).isTrue();
        assertThat(second.body()).isEmpty();
        assertThat(second.etag()).isEqualTo("\"v7\"");
        assertThat(second.lastModified()).isEqualTo("Tue, 01 Jul 2025 10:00:00 GMT"); // the 304 sent none: kept
        Headers sent = hits(server, "/cond").get(1).headers();
        assertThat(sent.getFirst("If-None-Match")).isEqualTo("\"v7\"");
        assertThat(sent.getFirst("If-Modified-Since")).isEqualTo("Tue, 01 Jul 2025 10:00:00 GMT");
    }

    @Test
    void refusesAContentLengthOverTheCapAndStaysUsable() throws Exception {
        route(server, "/huge", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 4L * CAP);
            writeQuietly(exchange.getResponseBody(), 4 * CAP);
        });
        route(server, "/small", respond(200, "text/html", "small"));
        PageFetcher fetcher = fetcher();

        FetchException e = fetchFails(fetcher, url(server, "/huge"));

        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("the response from 127.0.0.1:" + port(server) + " is larger than 64 KiB");
        assertThat(fetcher.fetch(url(server, "/small"), Conditions.none()).body()).asString(UTF_8).isEqualTo("small");
    }

    @Test
    void stopsReadingAChunkedBodyOverTheCap() throws Exception {
        route(server, "/endless", exchange -> {
            exchange.sendResponseHeaders(200, 0); // chunked, no length to judge by
            writeQuietly(exchange.getResponseBody(), 64 * CAP);
        });

        assertThat(fetchFails(fetcher(), url(server, "/endless")).kind()).isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void stopsDecodingACompressionBombAtTheCap() throws Exception {
        byte[] bomb = gzip(new byte[16 * 1024 * 1024]); // 16 MiB of zeros in about 16 KiB
        assertThat(bomb.length).isLessThan(CAP);
        route(server, "/bomb", exchange -> {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            exchange.sendResponseHeaders(200, 0);
            exchange.getResponseBody().write(bomb);
        });

        FetchException e = fetchFails(fetcher(), url(server, "/bomb"));

        assertThat(e.kind()).isEqualTo(Kind.TOO_LARGE);
    }

    @Test
    void followsRedirectsAcrossHostsAndReportsTheFinalUrl() throws Exception {
        route(server, "/start", redirect(301, "/second"));
        route(server, "/second", redirect(302, url(other, "/third")));
        route(other, "/third", redirect(307, "final?x=1"));
        route(other, "/final", respond(200, "text/html", "arrived"));

        Response response = fetcher().fetch(url(server, "/start"), Conditions.none());

        assertThat(response.url()).isEqualTo(URI.create(url(other, "/final?x=1")));
        assertThat(response.body()).asString(UTF_8).isEqualTo("arrived");
        assertThat(hits(other, "/robots.txt")).hasSize(1); // the other origin's robots.txt was asked too
    }

    @Test
    void refusesARedirectToTheMetadataServiceEvenWhenPrivateAddressesAreAllowed() {
        route(server, "/meta", redirect(302, "http://169.254.169.254/latest/meta-data/"));
        route(server, "/mapped", redirect(302, "http://[::ffff:169.254.169.254]/latest/meta-data/"));

        for (String path : List.of("/meta", "/mapped")) {
            FetchException e = fetchFails(fetcher(), url(server, path));
            assertThat(e.kind()).isEqualTo(Kind.REFUSED);
            assertThat(e.isTransient()).isFalse();
            assertThat(e.getMessage()).startsWith("the redirect to http://").contains("link-local");
        }
    }

    @Test
    void refusesARedirectToAnotherScheme() {
        route(server, "/file", redirect(302, "file:///etc/passwd"));

        FetchException e = fetchFails(fetcher(), url(server, "/file"));

        assertThat(e.kind()).isEqualTo(Kind.REFUSED);
        assertThat(e.getMessage()).isEqualTo("the redirect to file:///etc/passwd was refused: only http and https URLs are allowed");
    }

    @Test
    void refusesUrlsTheGuardRefusesWithoutSendingAnything() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://0.0.0.0:" + port(server) + "/",
                "file:///etc/passwd", "http://user:secret@127.0.0.1:" + port(server) + "/")) {
            FetchException e = fetchFails(fetcher(), url);
            assertThat(e.kind()).as(url).isEqualTo(Kind.REFUSED);
            assertThat(e.getMessage()).as(url).startsWith("the URL was refused: ");
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void aNameResolvingToARefusedAddressIsRefusedNotANetworkError() throws Exception {
        // a name that resolves to loopback, so only the resolver can refuse it
        String name = "publisher.example";
        DnsResolver toLoopback = new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) {
                return new InetAddress[] {InetAddress.getLoopbackAddress()};
            }

            @Override
            public String resolveCanonicalHostname(String host) {
                return host;
            }
        };
        String url = "http://" + name + ":" + port(server) + "/page";

        for (boolean obeyRobots : List.of(false, true)) {
            PageFetcher strict = new PageFetcher(new OutboundGuard(false, toLoopback), settings(obeyRobots));
            fetchers.add(strict);
            FetchException e = fetchFails(strict, url);
            assertThat(e.kind()).as("obeyRobots=%s", obeyRobots).isEqualTo(Kind.REFUSED);
            assertThat(e.getMessage()).startsWith("the address of " + name + ":" + port(server) + " was refused: ")
                    .contains("loopback");
        }
        assertThat(hits).isEmpty();
    }

    @Test
    void aServerTricklingItsBodyIsCutOffAtTheTransferLimit() {
        route(server, "/trickle", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html");
            exchange.sendResponseHeaders(200, 0); // chunked
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 40; i++) { // a byte every 100 ms: each wait is short, the whole is not
                    out.write('x');
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (IOException | InterruptedException ignored) {
                // the fetcher hung up, as it should
            }
        });
        PageFetcher impatient = fetcher(new Settings(USER_AGENT, Duration.ofSeconds(1), Duration.ofMillis(400), CAP, 3,
                Duration.ZERO, false));

        FetchException e = fetchFails(impatient, url(server, "/trickle"));

        assertThat(e.kind()).isEqualTo(Kind.NETWORK);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).isEqualTo("127.0.0.1:" + port(server)
                + " sent the response too slowly (not all of it within 1200 ms)");
    }

    @Test
    void failsAfterTooManyRedirects() {
        route(server, "/loop", redirect(302, "/loop"));

        FetchException e = fetchFails(fetcher(), url(server, "/loop"));

        assertThat(e.kind()).isEqualTo(Kind.TOO_MANY_REDIRECTS);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("the URL redirected more than 3 times");
        assertThat(hits(server, "/loop")).hasSize(4);
    }

    @Test
    void obeysRobotsTxtForItsOwnGroupAndReadsItOnce() throws Exception {
        route(server, "/robots.txt", respond(200, "text/plain",
                "User-agent: *\nDisallow: /\n\nUser-agent: Newsflow\nDisallow: /private/\n"));
        route(server, "/private/page", respond(200, "text/html", "secret"));
        route(server, "/public", respond(200, "text/html", "public"));
        PageFetcher fetcher = fetcher();

        FetchException e = fetchFails(fetcher, url(server, "/private/page"));
        Response allowed = fetcher.fetch(url(server, "/public"), Conditions.none());

        assertThat(e.kind()).isEqualTo(Kind.ROBOTS);
        assertThat(e.isTransient()).isFalse();
        assertThat(e.getMessage()).isEqualTo("the robots.txt of 127.0.0.1:" + port(server)
                + " does not allow Newsflow to fetch this URL");
        assertThat(hits(server, "/private/page")).isEmpty();
        assertThat(allowed.body()).asString(UTF_8).isEqualTo("public");
        assertThat(hits(server, "/robots.txt")).hasSize(1);
    }

    @Test
    void aMissingRobotsTxtAllowsEverything() throws Exception {
        route(server, "/anything", respond(200, "text/html", "fine"));

        assertThat(fetcher().fetch(url(server, "/anything"), Conditions.none()).status()).isEqualTo(200);
        assertThat(hits(server, "/robots.txt")).hasSize(1);
    }

    @Test
    void aFailingRobotsTxtFailsTheFetchAsTransientAndIsNotAskedAgainAtOnce() {
        route(server, "/robots.txt", respond(500, "text/plain", "oops"));
        route(server, "/page", respond(200, "text/html", "page"));
        PageFetcher fetcher = fetcher();

        FetchException first = fetchFails(fetcher, url(server, "/page"));
        FetchException second = fetchFails(fetcher, url(server, "/page"));

        assertThat(first.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.isTransient()).isTrue();
        assertThat(first.getMessage()).isEqualTo("the robots.txt of 127.0.0.1:" + port(server)
                + " answered 500 Internal Server Error, so its pages are not fetched for now");
        assertThat(second.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(hits(server, "/robots.txt")).hasSize(1);
        assertThat(hits(server, "/page")).isEmpty();
    }

    @Test
    void aRedirectToAnotherHostIsCheckedAgainstThatHostsRobotsTxt() {
        route(other, "/robots.txt", respond(200, "text/plain", "User-agent: *\nDisallow: /\n"));
        route(server, "/away", redirect(302, url(other, "/elsewhere")));

        FetchException e = fetchFails(fetcher(), url(server, "/away"));

        assertThat(e.kind()).isEqualTo(Kind.ROBOTS);
        assertThat(hits(other, "/elsewhere")).isEmpty();
    }

    @Test
    void clientErrorsArePermanentAndServerErrorsTransient() {
        route(server, "/gone", respond(404, "text/html", "no such page"));
        route(server, "/down", respond(503, "text/html", "maintenance"));
        route(server, "/slow-down", respond(429, "text/html", "too many"));
        PageFetcher fetcher = fetcher();

        FetchException notFound = fetchFails(fetcher, url(server, "/gone"));
        FetchException unavailable = fetchFails(fetcher, url(server, "/down"));
        FetchException tooMany = fetchFails(fetcher, url(server, "/slow-down"));

        assertThat(notFound.kind()).isEqualTo(Kind.CLIENT_ERROR);
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(notFound.isTransient()).isFalse();
        assertThat(notFound.getMessage()).isEqualTo("127.0.0.1:" + port(server) + " answered 404 Not Found");
        assertThat(unavailable.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(unavailable.isTransient()).isTrue();
        assertThat(tooMany.kind()).isEqualTo(Kind.SERVER_ERROR);
        assertThat(tooMany.status()).isEqualTo(429);
        assertThat(tooMany.isTransient()).isTrue();
    }

    @Test
    void networkFailuresAreTransientAndSaidInOneSentence() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            closedPort = socket.getLocalPort();
        }
        route(server, "/stall", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        PageFetcher impatient = fetcher(new Settings(USER_AGENT, Duration.ofSeconds(1), Duration.ofMillis(300), CAP, 3,
                Duration.ZERO, false));

        FetchException refused = fetchFails(impatient, "http://127.0.0.1:" + closedPort + "/");
        FetchException stalled = fetchFails(impatient, url(server, "/stall"));

        assertThat(refused.kind()).isEqualTo(Kind.NETWORK);
        assertThat(refused.isTransient()).isTrue();
        assertThat(refused.getMessage()).isEqualTo("127.0.0.1:" + closedPort + " refused the connection");
        assertThat(stalled.kind()).isEqualTo(Kind.NETWORK);
        assertThat(stalled.isTransient()).isTrue();
        assertThat(stalled.getMessage()).isEqualTo("127.0.0.1:" + port(server) + " did not answer within 300 ms");
    }

    @Test
    void requestsToOneHostStartAtLeastTheIntervalApart() throws Exception {
        route(server, "/tick", respond(200, "text/plain", "tick"));
        PageFetcher polite = fetcher(new Settings(USER_AGENT, Duration.ofSeconds(2), Duration.ofSeconds(2), CAP, 3,
                Duration.ofMillis(300), false));

        polite.fetch(url(server, "/tick"), Conditions.none());
        polite.fetch(url(server, "/tick"), Conditions.none());

        List<Hit> ticks = hits(server, "/tick");
        assertThat(ticks).hasSize(2);
        assertThat(Duration.ofNanos(ticks.get(1).nanos() - ticks.get(0).nanos())).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void sendsOneRequestAtATimeToAHost() throws Exception {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        route(server, "/slow", exchange -> {
            mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            send(exchange, 200, "text/plain", "slow".getBytes(UTF_8));
        });
        PageFetcher fetcher = fetcher(settings(false));
        ExecutorService callers = Executors.newFixedThreadPool(2);
        try {
            Future<Response> a = callers.submit(() -> fetcher.fetch(url(server, "/slow"), Conditions.none()));
            Future<Response> b = callers.submit(() -> fetcher.fetch(url(server, "/slow"), Conditions.none()));
            assertThat(a.get().status()).isEqualTo(200);
            assertThat(b.get().status()).isEqualTo(200);
        } finally {
            callers.shutdownNow();
        }

        assertThat(mostInFlight.get()).isEqualTo(1);
        List<Hit> slow = hits(server, "/slow");
        assertThat(Duration.ofNanos(Math.abs(slow.get(1).nanos() - slow.get(0).nanos())))
                .isGreaterThanOrEqualTo(Duration.ofMillis(140));
    }

    @Test
    void honoursTheCrawlDelayOfRobotsTxt() throws Exception {
        route(server, "/robots.txt", respond(200, "text/plain", "User-agent: *\nCrawl-delay: 0.4\nAllow: /\n"));
        route(server, "/a", respond(200, "text/plain", "a"));
        route(server, "/b", respond(200, "text/plain", "b"));
        PageFetcher fetcher = fetcher();

        fetcher.fetch(url(server, "/a"), Conditions.none());
        fetcher.fetch(url(server, "/b"), Conditions.none());

        long a = onlyHit(server, "/a").nanos();
        long b = onlyHit(server, "/b").nanos();
        assertThat(Duration.ofNanos(b - a)).isGreaterThanOrEqualTo(Duration.ofMillis(390));
    }

    @Test
    void resolvesLocationsAsRfc3986Says() throws Exception {
        assertThat(PageFetcher.resolve(URI.create("http://news.example"), "feed")).hasToString("http://news.example/feed");
        assertThat(PageFetcher.resolve(URI.create("http://news.example/a/b?x=1"), "?y=2"))
                .hasToString("http://news.example/a/b?y=2");
        assertThat(PageFetcher.resolve(URI.create("http://news.example/a/b/c"), "../d")).hasToString("http://news.example/a/d");
        assertThat(PageFetcher.resolve(URI.create("https://news.example/a"), "//cdn.example/x"))
                .hasToString("https://cdn.example/x");
        assertThat(PageFetcher.resolve(URI.create("http://[::1]:8080/a/b"), "/c?q")).hasToString("http://[::1]:8080/c?q");
        assertThat(PageFetcher.resolve(URI.create("http://news.example/"), "http://[::ffff:a9fe:a9fe]/x"))
                .hasToString("http://[::ffff:a9fe:a9fe]/x");
    }

    @Test
    void settingsRefuseNonsense() {
        assertThat(Settings.defaults().maxBytes()).isEqualTo(10L * 1024 * 1024);
        assertThat(Settings.defaults().obeyRobots()).isTrue();
        assertThatThrownBy(() -> new Settings("bad\r\nX-Injected: 1", Duration.ofSeconds(1), Duration.ofSeconds(1), 1, 0,
                Duration.ZERO, true)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Settings(USER_AGENT, Duration.ZERO, Duration.ofSeconds(1), 1, 0, Duration.ZERO, true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Conditions("\"x\"\r\nX-Injected: 1", null)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---

    private static Settings settings(boolean obeyRobots) {
        return new Settings(USER_AGENT, Duration.ofSeconds(2), Duration.ofSeconds(2), CAP, 3, Duration.ZERO, obeyRobots);
    }

    private PageFetcher fetcher() {
        return fetcher(settings(true));
    }

    private PageFetcher fetcher(Settings settings) {
        PageFetcher fetcher = new PageFetcher(DEMO_GUARD, settings);
        fetchers.add(fetcher);
        return fetcher;
    }

    /** This machine's name if the hosts file maps it to loopback (as Debian's does), else null. */
    private static FetchException fetchFails(PageFetcher fetcher, String url) {
        FetchException e = catchThrowableOfType(() -> fetcher.fetch(url, Conditions.none()), FetchException.class);
        assertThat(e).as("fetching %s should fail", url).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n").doesNotContain("Exception");
        return e;
    }

    private static HttpServer startServer() throws IOException {
        HttpServer httpServer = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
        httpServer.createContext("/", exchange -> {
            int port = exchange.getLocalAddress().getPort();
            String path = exchange.getRequestURI().getRawPath();
            hits.add(new Hit(port, path, exchange.getRequestHeaders(), System.nanoTime()));
            try {
                HttpHandler handler = routes.get(port + path);
                if (handler == null) {
                    send(exchange, 404, "text/plain", "not here".getBytes(UTF_8));
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client went away, as it should from an oversized body
            } finally {
                exchange.close();
            }
        });
        httpServer.setExecutor(serverThreads);
        httpServer.start();
        return httpServer;
    }

    private static int port(HttpServer httpServer) {
        return httpServer.getAddress().getPort();
    }

    private static String url(HttpServer httpServer, String path) {
        return "http://127.0.0.1:" + port(httpServer) + path;
    }

    private static void route(HttpServer httpServer, String path, HttpHandler handler) {
        routes.put(port(httpServer) + path, handler);
    }

    private static List<Hit> hits(HttpServer httpServer, String path) {
        return hits.stream().filter(hit -> hit.port() == port(httpServer) && hit.path().equals(path)).toList();
    }

    private static Hit onlyHit(HttpServer httpServer, String path) {
        List<Hit> found = hits(httpServer, path);
        assertThat(found).as(path).hasSize(1);
        return found.get(0);
    }

    private static HttpHandler respond(int status, String contentType, String body, String... headers) {
        return respond(status, contentType, body.getBytes(UTF_8), headers);
    }

    private static HttpHandler respond(int status, String contentType, byte[] body, String... headers) {
        return exchange -> {
            for (int i = 0; i < headers.length; i += 2) {
                exchange.getResponseHeaders().set(headers[i], headers[i + 1]);
            }
            send(exchange, status, contentType, body);
        };
    }

    private static HttpHandler redirect(int status, String location) {
        return exchange -> {
            exchange.getResponseHeaders().set("Location", location);
            send(exchange, status, "text/html", "moved".getBytes(UTF_8));
        };
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        if (contentType != null) {
            exchange.getResponseHeaders().set("Content-Type", contentType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static void writeQuietly(OutputStream out, long bytes) {
        byte[] block = new byte[8192];
        try {
            for (long written = 0; written < bytes; written += block.length) {
                out.write(block);
            }
        } catch (IOException e) {
            // the fetcher stopped reading
        }
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
            deflater.write(data);
        }
        return out.toByteArray();
    }
}
