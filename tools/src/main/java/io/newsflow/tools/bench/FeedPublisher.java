package io.newsflow.tools.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The publisher {@code bench-feeds} has the ingest service follow: one JDK {@link HttpServer} per
 * "host", each bound to its own loopback address (127.0.0.2, 127.0.0.3, ...; Linux routes all of
 * 127/8 to the loopback interface) on a free port. The ingest service is polite per host name (one
 * request at a time, at least a second apart), so feeds spread over many hosts measure the
 * service's polling, not that limit.
 *
 * <p>Every host serves {@code /robots.txt} (allow all), its share of the feeds as RSS 2.0 (the
 * latest {@code items} items, with an ETag and Last-Modified, 304 to a matching conditional GET),
 * and the items' article pages (a few KB of HTML, unique per item). Each request is counted here,
 * and each feed request kept with its time: the benchmark measures from this side, not from the
 * service's own account.
 *
 * <p>Where pages live: the items a feed starts with (its backlog) link to pages on the <em>other</em>
 * hosts, so that the first poll of a feed, which fetches all of them, is not held to one page a
 * second by the per-host limit (1,000 feeds x 20 pages at one page a second per poll worker would
 * take over an hour). Items published during the run ({@link #publish}) link to a page on the
 * feed's own host, as a real publisher's do: that is the steady state being measured.
 */
final class FeedPublisher implements AutoCloseable {

    /** The first path segment of everything served but robots.txt: marks the benchmark's feeds in a listing. */
    static final String PREFIX = "/newsflow-bench-feeds/";
    /** Most hosts: 127.0.0.2 to 127.0.0.254. */
    static final int MAX_HOSTS = 253;
    private static final byte[] ROBOTS = "User-agent: *\nAllow: /\n".getBytes(StandardCharsets.UTF_8);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;
    private static final Duration BACKLOG_SPACING = Duration.ofMinutes(10);
    private static final String[] WORDS = ("council minister market river harbour election budget railway "
            + "hospital school festival museum court police weather storm harvest factory bridge airport "
            + "research university museum league stadium coach players season orchestra theatre library "
            + "parliament mayor village coast mountain forest energy prices workers union strike talks summit "
            + "agreement report survey inquiry officials residents visitors tourists farmers fishermen engineers "
            + "announced confirmed rejected approved delayed opened closed expanded reduced doubled warned "
            + "praised criticised planned launched reviewed").split(" ");

    /**
     * @param feeds feeds in all, spread round-robin over the hosts
     * @param hosts loopback addresses to serve from, 127.0.0.2 onwards
     * @param items items a feed lists (its latest)
     * @param run   a path segment unique to the run (the URLs, hence the articles' ids, are new each run)
     */
    record Settings(int feeds, int hosts, int items, String run) {
        Settings {
            if (feeds < 1 || hosts < 1 || hosts > MAX_HOSTS || hosts > feeds || items < 1 || items > 1000) {
                throw new IllegalArgumentException("a publisher needs 1 or more feeds, 1-" + MAX_HOSTS
                        + " hosts but no more than feeds, and 1-1000 items per feed (feeds " + feeds + ", hosts "
                        + hosts + ", items " + items + ")");
            }
            if (!run.matches("[A-Za-z0-9_-]+")) {
                throw new IllegalArgumentException("the run's name goes into URLs: letters, digits, - and _ only");
            }
        }
    }

    /** A request for a feed as this side saw it: when it arrived and what it was answered (200 or 304). */
    record FeedRequest(Instant at, int status) {
    }

    /** Requests answered so far (cumulative: subtract two snapshots for a window). */
    record Counts(long robots, long feedsChanged, long feedsNotModified, long pages, long other) {

        long feeds() {
            return feedsChanged + feedsNotModified;
        }

        Counts minus(Counts earlier) {
            return new Counts(robots - earlier.robots, feedsChanged - earlier.feedsChanged,
                    feedsNotModified - earlier.feedsNotModified, pages - earlier.pages, other - earlier.other);
        }
    }

    /**
     * How far the first polls have come: feeds answered a 200 at least once, and of the pages their
     * first answer listed, how many were fetched. The first polls are ingestion, not polling: the
     * benchmark measures after they are done.
     */
    record Progress(int feedsPolled, int feeds, long backlogPagesFetched, long backlogPages) {

        boolean done() {
            return feedsPolled == feeds && backlogPagesFetched == backlogPages;
        }
    }

    /** One feed's state; guarded by itself. */
    private static final class Feed {
        final int index;
        final int home;
        /** Publication time of each item ever published, oldest first; the feed lists the last {@code items}. */
        final List<Instant> published = new ArrayList<>();
        final List<FeedRequest> requests = new ArrayList<>();
        byte[] rss;
        String etag;
        Instant lastModified;
        boolean polled;
        /** Items the first 200 listed whose pages were not fetched yet. */
        final BitSet backlog = new BitSet();

        Feed(int index, int home) {
            this.index = index;
            this.home = home;
        }
    }

    private final Settings settings;
    private final List<HttpServer> servers;
    private final List<URI> origins;
    private final ExecutorService handlers;
    private final Feed[] feeds;
    private final Pattern feedPath;
    private final Pattern pagePath;
    private final AtomicLong robots = new AtomicLong();
    private final AtomicLong feedsChanged = new AtomicLong();
    private final AtomicLong feedsNotModified = new AtomicLong();
    private final AtomicLong pages = new AtomicLong();
    private final AtomicLong other = new AtomicLong();
    private final AtomicInteger feedsPolled = new AtomicInteger();
    private final AtomicLong backlogPages = new AtomicLong();
    private final AtomicLong backlogFetched = new AtomicLong();

    private FeedPublisher(Settings settings, List<HttpServer> servers, ExecutorService handlers) {
        this.settings = settings;
        this.servers = servers;
        this.handlers = handlers;
        this.origins = servers.stream().map(s -> URI.create("http://" + s.getAddress().getAddress().getHostAddress()
                + ":" + s.getAddress().getPort())).toList();
        String base = Pattern.quote(PREFIX + settings.run());
        this.feedPath = Pattern.compile(base + "/feeds/f(\\d+)\\.xml");
        this.pagePath = Pattern.compile(base + "/articles/f(\\d+)-(\\d+)\\.html");
        this.feeds = new Feed[settings.feeds()];
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int f = 0; f < feeds.length; f++) {
            Feed feed = new Feed(f, hostOf(f));
            for (int i = 0; i < settings.items(); i++) {
                feed.published.add(now.minus(BACKLOG_SPACING.multipliedBy(settings.items() - i)));
            }
            render(feed);
            feeds[f] = feed;
        }
    }

    /**
     * Binds one server per host on 127.0.0.2, 127.0.0.3, ... (port 0: any free port) and starts them.
     *
     * @throws IOException when an address cannot be bound (not Linux: only 127.0.0.1 is there)
     */
    static FeedPublisher start(Settings settings) throws IOException {
        // Small answers on kept-alive connections: without TCP_NODELAY a response can sit out a
        // delayed ACK (40 ms), which would be the publisher's latency, not the service's.
        System.setProperty("sun.net.httpserver.nodelay", System.getProperty("sun.net.httpserver.nodelay", "true"));
        AtomicInteger threads = new AtomicInteger();
        ExecutorService handlers = Executors.newFixedThreadPool(8, r -> {
            Thread thread = new Thread(r, "feed-publisher-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        List<HttpServer> servers = new ArrayList<>();
        try {
            for (int h = 0; h < settings.hosts(); h++) {
                InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + h)});
                HttpServer server;
                try {
                    server = HttpServer.create(new InetSocketAddress(address, 0), 128);
                } catch (BindException e) {
                    throw new IOException("cannot listen on " + address.getHostAddress() + " (" + e.getMessage()
                            + "): the publisher needs the loopback addresses 127.0.0.2-127.0.0." + (1 + settings.hosts())
                            + ", which Linux has; elsewhere add them to the loopback interface, or use fewer --hosts", e);
                }
                servers.add(server);
            }
        } catch (IOException | RuntimeException e) {
            servers.forEach(s -> s.stop(0));
            handlers.shutdownNow();
            throw e;
        }
        FeedPublisher publisher = new FeedPublisher(settings, servers, handlers);
        for (HttpServer server : servers) {
            server.setExecutor(handlers);
            server.createContext("/", publisher::handle);
            server.start();
        }
        return publisher;
    }

    Settings settings() {
        return settings;
    }

    /** The address of host {@code h} (0-based: 127.0.0.2 is host 0). */
    URI origin(int h) {
        return origins.get(h);
    }

    List<URI> origins() {
        return origins;
    }

    /** Feed {@code f}'s URL, on host {@code f % hosts}. */
    URI feedUrl(int f) {
        return origins.get(hostOf(f)).resolve(PREFIX + settings.run() + "/feeds/f" + f + ".xml");
    }

    /** The host feed {@code f} is served from (0-based). */
    int hostOf(int f) {
        return f % settings.hosts();
    }

    /** Item {@code i}'s page of feed {@code f}: backlog items on another host, later ones on the feed's own. */
    URI pageUrl(int f, int i) {
        int host = i < settings.items() ? (hostOf(f) + 1 + i) % settings.hosts() : hostOf(f);
        return origins.get(host).resolve(PREFIX + settings.run() + "/articles/f" + f + "-" + i + ".html");
    }

    /** Publishes a new item in feed {@code f}: its next poll is a 200 with one page to fetch. */
    void publish(int f) {
        Feed feed = feeds[f];
        synchronized (feed) {
            Instant now = Instant.now();
            // Last-Modified has whole seconds: never let a new version look as old as the one before
            Instant last = feed.published.get(feed.published.size() - 1);
            feed.published.add(now.isAfter(last) ? now : last.plusSeconds(1));
            render(feed);
        }
    }

    Counts counts() {
        return new Counts(robots.get(), feedsChanged.get(), feedsNotModified.get(), pages.get(), other.get());
    }

    Progress progress() {
        return new Progress(feedsPolled.get(), feeds.length, backlogFetched.get(), backlogPages.get());
    }

    /** The requests for feed {@code f} so far, in the order they came. */
    List<FeedRequest> requests(int f) {
        Feed feed = feeds[f];
        synchronized (feed) {
            return List.copyOf(feed.requests);
        }
    }

    @Override
    public void close() {
        servers.forEach(s -> s.stop(0));
        handlers.shutdownNow();
    }

    // ------------------------------------------------------------------------------------------
    // serving

    private void handle(HttpExchange exchange) {
        Instant at = Instant.now();
        try {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                other.incrementAndGet();
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain", new byte[0]);
                return;
            }
            String path = exchange.getRequestURI().getRawPath();
            if (path.equals("/robots.txt")) {
                robots.incrementAndGet();
                send(exchange, 200, "text/plain; charset=utf-8", ROBOTS);
                return;
            }
            Matcher m = feedPath.matcher(path);
            if (m.matches() && index(m.group(1), feeds.length) >= 0) {
                serveFeed(exchange, feeds[index(m.group(1), feeds.length)], at);
                return;
            }
            m = pagePath.matcher(path);
            if (m.matches() && index(m.group(1), feeds.length) >= 0) {
                Feed feed = feeds[index(m.group(1), feeds.length)];
                int item = index(m.group(2), Integer.MAX_VALUE);
                byte[] page = page(feed, item);
                if (page != null) {
                    pages.incrementAndGet();
                    send(exchange, 200, "text/html; charset=utf-8", page);
                    return;
                }
            }
            other.incrementAndGet();
            send(exchange, 404, "text/plain", "not found\n".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            // the client went away, or the publisher is stopping: nothing to answer
        } finally {
            exchange.close();
        }
    }

    private void serveFeed(HttpExchange exchange, Feed feed, Instant at) throws IOException {
        byte[] rss;
        String etag;
        Instant lastModified;
        boolean notModified;
        synchronized (feed) {
            rss = feed.rss;
            etag = feed.etag;
            lastModified = feed.lastModified;
            notModified = notModified(exchange, etag, lastModified);
            feed.requests.add(new FeedRequest(at, notModified ? 304 : 200));
            if (!notModified && !feed.polled) {
                feed.polled = true;
                int from = Math.max(0, feed.published.size() - settings.items());
                feed.backlog.set(from, feed.published.size());
                backlogPages.addAndGet(feed.published.size() - from);
                feedsPolled.incrementAndGet();
            }
        }
        (notModified ? feedsNotModified : feedsChanged).incrementAndGet();
        exchange.getResponseHeaders().set("ETag", etag);
        exchange.getResponseHeaders().set("Last-Modified", HTTP_DATE.format(lastModified.atZone(ZoneOffset.UTC)));
        if (notModified) {
            exchange.sendResponseHeaders(304, -1);
        } else {
            send(exchange, 200, "application/rss+xml; charset=utf-8", rss);
        }
    }

    /** RFC 9110 13.1: If-None-Match decides when present; If-Modified-Since only without it. */
    private static boolean notModified(HttpExchange exchange, String etag, Instant lastModified) {
        String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
        if (ifNoneMatch != null) {
            for (String tag : ifNoneMatch.split(",")) {
                String t = tag.strip();
                if (t.equals("*") || t.equals(etag) || t.startsWith("W/") && t.substring(2).equals(etag)) {
                    return true;
                }
            }
            return false;
        }
        String ifModifiedSince = exchange.getRequestHeaders().getFirst("If-Modified-Since");
        if (ifModifiedSince != null) {
            try {
                return !lastModified.isAfter(ZonedDateTime.parse(ifModifiedSince, HTTP_DATE).toInstant());
            } catch (DateTimeParseException e) {
                return false;
            }
        }
        return false;
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static int index(String digits, int bound) {
        try {
            int i = Integer.parseInt(digits);
            return i < bound ? i : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    // ------------------------------------------------------------------------------------------
    // content

    /** Renders the feed's RSS for its current items (once per version, not per request). */
    private void render(Feed feed) {
        int count = feed.published.size();
        Instant newest = feed.published.get(count - 1);
        URI origin = origins.get(feed.home);
        StringBuilder xml = new StringBuilder(512 + settings.items() * 400);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\">\n<channel>\n")
                .append("<title>Newsflow bench publisher ").append(origin.getHost()).append(", feed ")
                .append(feed.index).append("</title>\n<link>").append(origin).append("/</link>\n")
                .append("<description>A feed served by bench-feeds</description>\n<language>en</language>\n")
                .append("<lastBuildDate>").append(HTTP_DATE.format(newest.atZone(ZoneOffset.UTC)))
                .append("</lastBuildDate>\n");
        for (int i = count - 1; i >= Math.max(0, count - settings.items()); i--) {
            String url = pageUrl(feed.index, i).toString();
            xml.append("<item>\n<title>").append(title(feed.index, i)).append("</title>\n<link>").append(url)
                    .append("</link>\n<guid isPermaLink=\"true\">").append(url).append("</guid>\n<pubDate>")
                    .append(HTTP_DATE.format(feed.published.get(i).atZone(ZoneOffset.UTC)))
                    .append("</pubDate>\n<category>").append(WORDS[(feed.index + i) % WORDS.length])
                    .append("</category>\n<description>").append(sentence(random(feed.index, i)))
                    .append("</description>\n</item>\n");
        }
        xml.append("</channel>\n</rss>\n");
        feed.rss = xml.toString().getBytes(StandardCharsets.UTF_8);
        feed.etag = "\"" + settings.run() + "-" + feed.index + "-" + count + "\"";
        feed.lastModified = newest.truncatedTo(ChronoUnit.SECONDS);
    }

    /** Item {@code item}'s article page, or null if the feed has not published it; counts a backlog page fetched. */
    private byte[] page(Feed feed, int item) {
        Instant published;
        synchronized (feed) {
            if (item < 0 || item >= feed.published.size()) {
                return null;
            }
            published = feed.published.get(item);
            if (feed.backlog.get(item)) {
                feed.backlog.clear(item);
                backlogFetched.incrementAndGet();
            }
        }
        Random random = random(feed.index, item);
        String title = title(feed.index, item);
        StringBuilder html = new StringBuilder(4096);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(title)
                .append("</title>\n<link rel=\"canonical\" href=\"").append(pageUrl(feed.index, item))
                .append("\">\n<meta property=\"article:published_time\" content=\"").append(published)
                .append("\">\n</head>\n<body>\n<header><a href=\"/\">Newsflow bench publisher</a></header>\n")
                .append("<article>\n<h1>").append(title).append("</h1>\n<p class=\"byline\">By ")
                .append(capitalized(WORDS[random.nextInt(WORDS.length)])).append(' ')
                .append(capitalized(WORDS[random.nextInt(WORDS.length)])).append("son</p>\n<time datetime=\"")
                .append(published).append("\">").append(published).append("</time>\n");
        for (int p = 0; p < 6; p++) {
            html.append("<p>");
            for (int s = 0; s < 4; s++) {
                html.append(sentence(random)).append(' ');
            }
            html.append("</p>\n");
        }
        html.append("<p>Feed ").append(feed.index).append(", story ").append(item).append(".</p>\n</article>\n")
                .append("<footer>Served by bench-feeds</footer>\n</body>\n</html>\n");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String title(int feed, int item) {
        Random random = random(feed, item);
        return capitalized(WORDS[random.nextInt(WORDS.length)]) + " " + WORDS[random.nextInt(WORDS.length)] + " "
                + WORDS[random.nextInt(WORDS.length)] + " (feed " + feed + ", story " + item + ")";
    }

    private static String sentence(Random random) {
        StringBuilder s = new StringBuilder(capitalized(WORDS[random.nextInt(WORDS.length)]));
        for (int w = 0, n = 8 + random.nextInt(8); w < n; w++) {
            s.append(' ').append(WORDS[random.nextInt(WORDS.length)]);
        }
        return s.append('.').toString();
    }

    private static Random random(int feed, int item) {
        return new Random(feed * 1_000_003L + item);
    }

    private static String capitalized(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }
}
