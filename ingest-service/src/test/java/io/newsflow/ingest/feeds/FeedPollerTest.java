package io.newsflow.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.IntakeMetrics;
import io.newsflow.ingest.intake.RawArticle;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.outbound.PageFetcher;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The poller against a publisher served on 127.0.0.1 (the guard's allow-private switch on, as in
 * tests and local demos) with the real fetcher; what it accepts is captured instead of sent to a
 * broker (the Kafka path is covered by FeedsApiIT).
 */
class FeedPollerTest {

    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    HttpServer server;
    String site;
    final Map<String, byte[]> pages = new ConcurrentHashMap<>();
    final Map<String, String> types = new ConcurrentHashMap<>();
    final AtomicInteger feedStatus = new AtomicInteger(200);
    final List<String> items = new CopyOnWriteArrayList<>();
    final List<String> requested = new CopyOnWriteArrayList<>();
    final List<RawArticle> accepted = new CopyOnWriteArrayList<>();
    PageFetcher fetcher;
    FeedPoller poller;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site = "http://127.0.0.1:" + server.getAddress().getPort();
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requested.add(path);
            byte[] body;
            int status = 200;
            String type;
            if (path.equals("/feed.xml")) {
                status = feedStatus.get();
                type = "application/rss+xml";
                body = rss().getBytes(StandardCharsets.UTF_8);
            } else if (pages.containsKey(path)) {
                type = types.getOrDefault(path, "text/html; charset=utf-8");
                body = pages.get(path);
            } else {
                status = 404;
                type = "text/plain";
                body = "not found".getBytes(StandardCharsets.UTF_8);
            }
            if (type != null) {
                exchange.getResponseHeaders().add("Content-Type", type);
            }
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        fetcher = new PageFetcher(new OutboundGuard(true), new PageFetcher.Settings("Newsflow-test/1",
                Duration.ofSeconds(2), Duration.ofSeconds(5), 64 * 1024, 3, Duration.ZERO, true));
        ArticleIntake intake = new ArticleIntake(article -> {
            accepted.add(article);
            return CompletableFuture.completedFuture(1L);
        }, Clock.fixed(NOW, java.time.ZoneOffset.UTC), Duration.ofSeconds(1), new IntakeMetrics(new SimpleMeterRegistry()));
        poller = new FeedPoller(fetcher, intake, new FeedMetrics(new SimpleMeterRegistry()),
                new FeedPoller.Settings(50, 100, Duration.ofHours(6), Duration.ofDays(1)),
                Clock.fixed(NOW, java.time.ZoneOffset.UTC));
    }

    @AfterEach
    void stop() throws IOException {
        server.stop(0);
        fetcher.close();
    }

    @Test
    void aNewItemIsTakenOnTheNextPollAndOnlyIt() {
        addItem("/a.html", "<html><body><article><p>First story.</p></article></body></html>");
        addItem("/b.html", "<html><body><article><p>Second story.</p></article></body></html>");
        Feed feed = feed();

        FeedState first = poller.poll(feed, null);

        assertThat(accepted).extracting(a -> a.envelope().url()).containsExactlyInAnyOrder(site + "/a.html",
                site + "/b.html");
        assertThat(first.itemsIngested()).isEqualTo(2);
        assertThat(first.failures()).isZero();
        assertThat(first.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(10)));

        addItem("/c.html", "<html><body><article><p>Third story.</p></article></body></html>");
        accepted.clear();
        requested.clear();
        FeedState second = poller.poll(feed, first);

        assertThat(accepted).extracting(a -> a.envelope().url()).containsExactly(site + "/c.html");
        assertThat(requested).doesNotContain("/a.html", "/b.html");
        assertThat(second.itemsIngested()).isEqualTo(3);
        assertThat(second.seen()).hasSize(3);

        accepted.clear();
        FeedState third = poller.poll(feed, second);
        assertThat(accepted).isEmpty();
        assertThat(third.unchangedPolls()).isEqualTo(1);
        assertThat(third.nextPollAt()).as("a quiet feed is polled less often")
                .isAfter(NOW.plus(Duration.ofMinutes(10)));
    }

    @Test
    void aFeedGoingWrongBacksOffAndRecovers() {
        addItem("/a.html", "<html><body><article><p>First story.</p></article></body></html>");
        Feed feed = feed();
        feedStatus.set(500);

        FeedState failed = poller.poll(feed, null);
        FeedState failedAgain = poller.poll(feed, failed);

        assertThat(failed.failures()).isEqualTo(1);
        assertThat(failed.lastError()).contains("500");
        assertThat(failed.lastStatus()).isEqualTo(500);
        assertThat(failed.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(failedAgain.failures()).isEqualTo(2);
        assertThat(failedAgain.nextPollAt()).isEqualTo(NOW.plus(Duration.ofMinutes(40)));
        assertThat(accepted).isEmpty();

        feedStatus.set(200);
        FeedState recovered = poller.poll(feed, failedAgain);
        assertThat(recovered.failures()).isZero();
        assertThat(recovered.lastError()).isNull();
        assertThat(accepted).hasSize(1);
    }

    @Test
    void itemsThatCanNeverBeIngestedAreCountedAndNotRetried() {
        addItem("/missing.html", null); // 404
        addItem("/huge.html", "<html><body>" + "x".repeat(100_000) + "</body></html>"); // over the 64 KB cap
        addItem("/data.json", "{}");
        types.put("/data.json", "application/json");
        Feed feed = feed();

        FeedState state = poller.poll(feed, null);

        assertThat(accepted).isEmpty();
        assertThat(state.itemsFailed()).isEqualTo(3);
        assertThat(state.seen()).hasSize(3);
        requested.clear();
        poller.poll(feed, state);
        assertThat(requested).containsExactly("/feed.xml");
    }

    @Test
    void pagesAreDecodedByTheirDeclaredOrSniffedCharset() {
        Charset latin = Charset.forName("windows-1252");
        // no charset in Content-Type: the page's <meta charset> decides
        pages.put("/meta.html", "<html><head><meta charset=\"windows-1252\"></head><body><p>Caf\u00e9 cr\u00e8me</p></body></html>"
                .getBytes(latin));
        types.put("/meta.html", "text/html");
        items.add("/meta.html");
        // a charset in Content-Type that contradicts nothing
        pages.put("/header.html", "<html><body><p>Stra\u00dfe</p></body></html>".getBytes(latin));
        types.put("/header.html", "text/html; charset=ISO-8859-1");
        items.add("/header.html");
        // no declaration at all, bytes not valid UTF-8: windows-1252, not replacement characters
        pages.put("/bare.html", "<html><body><p>na\u00efve</p></body></html>".getBytes(latin));
        types.put("/bare.html", "text/html");
        items.add("/bare.html");

        poller.poll(feed(), null);

        assertThat(accepted).hasSize(3);
        assertThat(accepted).extracting(a -> a.page().decode()).anySatisfy(html -> assertThat(html).contains("Caf\u00e9 cr\u00e8me"))
                .anySatisfy(html -> assertThat(html).contains("Stra\u00dfe"))
                .anySatisfy(html -> assertThat(html).contains("na\u00efve"))
                .noneSatisfy(html -> assertThat(html).contains("\ufffd"));
    }

    private Feed feed() {
        return new Feed(Feed.SCHEMA_VERSION, "f1", site + "/feed.xml", new Source("Local Times", null), "PT10M",
                "newsdesk", NOW);
    }

    private void addItem(String path, String html) {
        if (html != null) {
            pages.put(path, html.getBytes(StandardCharsets.UTF_8));
        }
        items.add(path);
    }

    private String rss() {
        List<String> entries = new ArrayList<>();
        for (String item : items) {
            entries.add("<item><title>Story " + item + "</title><link>" + site + item + "</link></item>");
        }
        return "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Local</title>" + String.join("", entries)
                + "</channel></rss>";
    }
}
