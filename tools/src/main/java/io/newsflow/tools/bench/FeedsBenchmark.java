package io.newsflow.tools.bench;

import io.newsflow.tools.DurationConverter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./newsflow bench-feeds}: how many feed polls per second one ingest instance sustains,
 * against a publisher this command serves itself ({@link FeedPublisher}: RSS feeds and article
 * pages on loopback addresses 127.0.0.2 onwards, so that the service's per-host politeness is not
 * what is measured).
 *
 * <p>It registers the feeds through the feeds API with a key of their own, waits for the first
 * poll of every feed to be done (it fetches and ingests every listed page: ingestion, not
 * polling), then measures from the publisher's side over a window: feed requests per second (200
 * and 304 apart), page requests, robots.txt requests, and how late each poll came against the due
 * time the service itself had set for it ({@code nextPollAt}, read from the API's listing during
 * the window). Lateness is measured against that, not against the interval, because the service
 * polls a feed that keeps not changing less often (up to four times its interval) on purpose: a
 * gap of 80 s between polls of a one-minute feed is its schedule, not a delay. The gaps are
 * reported too.
 *
 * <p>What it offers is at most feeds / interval polls per second (1,000 feeds at one minute: 16.7/s,
 * less as unchanged feeds stretch): if polls come on time, the instance kept up and its ceiling is
 * higher. An API key may hold 1,000 feeds by default, the largest {@code --feeds} that works.
 *
 * <p>Cleans up after itself whatever happens (a shutdown hook covers Ctrl-C): every feed it
 * registered is deleted, and feeds an earlier run could not delete (its publisher gone) are
 * deleted at the start. All its traffic goes to 127.0.0.x. The pages ingested stay in the
 * pipeline, as any ingested article does: each run adds feeds x items articles.
 */
public final class FeedsBenchmark {

    /**
     * The API's listing is read this often during the window (a quarter of the interval if that is
     * shorter), so that every poll's due time is seen before the next poll replaces it.
     */
    private static final Duration LISTING_EVERY = Duration.ofSeconds(15);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(15);
    /** A feed due longer ago than this when the window closes is overdue (one being polled is not). */
    private static final Duration OVERDUE = Duration.ofSeconds(5);
    /** A poll starts (lastPolledAt) at most this long before its request arrives (robots.txt, the host's turn). */
    private static final Duration POLL_START_SLACK = Duration.ofSeconds(60);
    /** A poll earlier than due by more than this is counted: the listing and the requests disagree. */
    private static final long EARLY_SLACK_MILLIS = 100;
    private static final int DEFAULT_MAX_PER_KEY = 1000;
    private static final int API_THREADS = 4;
    private static final long HIGHEST_MILLIS = Duration.ofDays(2).toMillis();
    private static final Pattern BENCH_FEED = Pattern.compile("http://127\\.0\\.0\\.\\d+:\\d+"
            + Pattern.quote(FeedPublisher.PREFIX) + ".*");

    /**
     * What a run does, as read from the command line.
     *
     * @param newItemsPerMinute items published per minute over all feeds, each in a feed drawn at random
     * @param warmup            least time before the window, even when the first polls are done sooner
     * @param warmupMax         longest wait for the first polls; the window opens then regardless (flagged)
     */
    record Settings(URI ingest, String apiKey, int feeds, int hosts, int items, Duration interval,
            int newItemsPerMinute, Duration warmup, Duration warmupMax, Duration duration, Path out) {
    }

    @Command(name = "bench-feeds", mixinStandardHelpOptions = true, description = {
            "Feed polls per second one running ingest service sustains. Serves RSS feeds",
            "and their pages itself on 127.0.0.2..127.0.0.(1+H), registers the feeds",
            "through /api/v1/feeds, waits until their first polls are done (they ingest",
            "every listed page), then measures from the publisher's side: feed requests/s",
            "(200 and 304), page and robots.txt requests, and how late polls come against",
            "the service's own schedule (nextPollAt), p50/p95/max; and the ingest CPU.",
            "Deletes its feeds at the end, also on Ctrl-C.",
            "Writes var/bench/feeds-<time>.json."})
    public static final class Cli implements Callable<Integer> {

        @Option(names = "--ingest", defaultValue = "http://127.0.0.1:8081", description = "ingest service (${DEFAULT-VALUE})")
        String ingest;

        @Option(names = "--api-key", description = "the key the feeds are registered with (Authorization: Bearer KEY); "
                + "better one of their own: its feeds are listed and counted")
        String apiKey;

        @Option(names = "--feeds", defaultValue = "1000", description = "feeds to follow (${DEFAULT-VALUE}); an API key "
                + "holds 1000 at most by default, so keep --feeds <= 1000 less what the key already has")
        int feeds;

        @Option(names = "--hosts", defaultValue = "50", description = "loopback addresses the feeds are spread over, "
                + "127.0.0.2 onwards, 1-" + FeedPublisher.MAX_HOSTS + " (${DEFAULT-VALUE})")
        int hosts;

        @Option(names = "--items", defaultValue = "20", description = "items each feed lists; the first poll of a feed "
                + "fetches and ingests all of them (${DEFAULT-VALUE})")
        int items;

        @Option(names = "--interval", defaultValue = "PT1M", converter = IntervalConverter.class,
                description = "polling interval of every feed, ISO-8601 or 90s/2m; the service accepts 1 minute or "
                        + "more by default (${DEFAULT-VALUE})")
        Duration interval;

        @Option(names = "--new-items-per-minute", defaultValue = "0", paramLabel = "N", description = "items published "
                + "per minute, each in a feed drawn at random: its next poll is a 200 with one page to fetch "
                + "(${DEFAULT-VALUE})")
        int newItemsPerMinute;

        @Option(names = "--warmup", defaultValue = "90s", converter = DurationConverter.class, description = "least "
                + "time before the window; it also waits until the first poll of every feed is done (${DEFAULT-VALUE})")
        Duration warmup;

        @Option(names = "--warmup-max", defaultValue = "30m", converter = DurationConverter.class, description =
                "longest wait for the first polls; the window opens then anyway, flagged (${DEFAULT-VALUE})")
        Duration warmupMax;

        @Option(names = "--duration", defaultValue = "120s", converter = DurationConverter.class,
                description = "the measured window (${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--out", defaultValue = "var/bench", description = "where the JSON report goes (${DEFAULT-VALUE})")
        String out;

        @Override
        public Integer call() throws Exception {
            if (feeds < 1 || feeds > 100_000) {
                throw new IllegalArgumentException("--feeds must be 1-100000 (and an API key holds 1000 by default)");
            }
            if (hosts < 1 || hosts > FeedPublisher.MAX_HOSTS) {
                throw new IllegalArgumentException("--hosts must be 1-" + FeedPublisher.MAX_HOSTS);
            }
            if (hosts > feeds) {
                System.out.printf("note: %d feeds on %d hosts, not %d (a host serves one feed at least)%n", feeds, feeds,
                        hosts);
                hosts = feeds;
            }
            if (items < 1 || items > 1000) {
                throw new IllegalArgumentException("--items must be 1-1000");
            }
            if (interval.compareTo(Duration.ofSeconds(1)) < 0 || newItemsPerMinute < 0 || newItemsPerMinute > 60_000) {
                throw new IllegalArgumentException("--interval must be 1 s or more, --new-items-per-minute 0-60000");
            }
            if (duration.compareTo(Duration.ofSeconds(1)) < 0 || warmupMax.compareTo(warmup) < 0) {
                throw new IllegalArgumentException("--duration must be 1 s or more, and --warmup-max no less than --warmup");
            }
            URI base = URI.create(ingest.replaceAll("/+$", ""));
            if (base.getHost() == null || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
                throw new IllegalArgumentException("--ingest must be an http(s) URL, not '" + ingest + "'");
            }
            Path root = Path.of(System.getProperty("newsflow.root", "")).toAbsolutePath().normalize();
            return new FeedsBenchmark(new Settings(base, apiKey, feeds, hosts, items, interval, newItemsPerMinute,
                    warmup, warmupMax, duration, root.resolve(out).normalize())).run();
        }
    }

    /** An interval as the API takes it ({@code PT1M}), or as people type one ({@code 90s}, {@code 2m}). */
    static final class IntervalConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException notIso) {
                try {
                    return new DurationConverter().convert(value);
                } catch (TypeConversionException e) {
                    throw new TypeConversionException("'" + value + "' is not an interval such as PT1M, 90s or 2m");
                }
            }
        }
    }

    private final Settings settings;
    private final FeedsApi api;
    /** The feeds this run registered: API id to publisher index. */
    private final Map<String, Integer> registered = new ConcurrentHashMap<>();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong published = new AtomicLong();
    private final ExecutorService apiPool = Executors.newFixedThreadPool(API_THREADS, daemon("bench-feeds-api"));
    private volatile ScheduledExecutorService newItems;
    private volatile FeedPublisher publisher;
    private boolean cleanedUp;

    private FeedsBenchmark(Settings settings) {
        this.settings = settings;
        this.api = new FeedsApi(settings.ingest(), settings.apiKey());
    }

    // ------------------------------------------------------------------------------------------
    // the run

    /** How the warm-up went: how long, and whether the first polls were all done. */
    private record Warmup(Duration took, boolean complete, FeedPublisher.Progress progress, FeedPublisher.Counts counts) {
    }

    /** CPU seconds at one moment: the ingest process (NaN if not found), this harness, the machine {busy, total}. */
    private record CpuSample(long nanos, double ingest, double self, double[] machine) {

        static CpuSample take(OptionalLong ingestPid) {
            return new CpuSample(System.nanoTime(), ingestPid.isPresent()
                    ? StackProbe.cpuSeconds(ingestPid.getAsLong()) : Double.NaN,
                    StackProbe.cpuSeconds(ProcessHandle.current().pid()), StackProbe.machineCpuSeconds());
        }
    }

    /** What the window measured, and the service's own account at its end. */
    private record Result(Duration registering, Warmup warmup, Instant open, Duration window,
            FeedPublisher.Counts counts, long itemsPublished, Histogram lateness, Histogram gaps, int unmatched,
            int early, int listings, int listingFailures, List<FeedsApi.Listed> finalListing, Instant finalListedAt,
            OptionalLong ingestPid, CpuSample cpuOpen, CpuSample cpuClose, Long ingestRssKb) {
    }

    private int run() throws Exception {
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        // the service and the key first: a clear error before anything is started
        List<FeedsApi.Listed> before = api.list();
        publisher = FeedPublisher.start(new FeedPublisher.Settings(settings.feeds(), settings.hosts(), settings.items(),
                "run-" + stamp));
        Thread hook = new Thread(this::cleanup, "bench-feeds-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Result result;
        try {
            System.out.printf(Locale.ROOT, "publisher: %d feeds of %d items on %d hosts %s-%s (a free port each)%n",
                    settings.feeds(), settings.items(), settings.hosts(), publisher.origin(0).getHost(),
                    publisher.origin(settings.hosts() - 1).getHost());
            removeStale(before);
            Duration registering = register();
            startNewItems();
            OptionalLong ingestPid = ingestPid();
            Warmup warmup = warmup();
            result = window(registering, warmup, ingestPid);
        } finally {
            cleanup();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) already
            }
        }
        Map<String, Object> report = report(result);
        Files.createDirectories(settings.out());
        Path file = settings.out().resolve("feeds-" + stamp + ".json");
        Files.writeString(file, Json.write(report));
        System.out.println("report: " + file);
        return 0;
    }

    /** Deletes feeds an earlier run left (its process killed): benchmark URLs whose publisher no longer answers. */
    private void removeStale(List<FeedsApi.Listed> before) {
        Map<String, Boolean> alive = new HashMap<>();
        List<FeedsApi.Listed> stale = before.stream().filter(feed -> BENCH_FEED.matcher(feed.url()).matches())
                .filter(feed -> !alive.computeIfAbsent(URI.create(feed.url()).getAuthority(), FeedsBenchmark::answers))
                .toList();
        int removed = 0;
        for (FeedsApi.Listed feed : stale) {
            if (api.delete(feed.id())) {
                removed++;
            }
        }
        if (removed > 0) {
            System.out.printf("removed %d feeds an earlier bench-feeds run left behind (their publisher is gone)%n",
                    removed);
        }
        int others = before.size() - stale.size();
        if (others > 0) {
            System.out.printf(Locale.ROOT, "note: this API key holds %d other feeds%s%n", others,
                    others + settings.feeds() > DEFAULT_MAX_PER_KEY ? "; with " + settings.feeds() + " more it passes the "
                            + "default limit of " + DEFAULT_MAX_PER_KEY + " per key, and registering will be refused (409)"
                            : "");
        }
    }

    private static boolean answers(String authority) {
        int colon = authority.lastIndexOf(':');
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(authority.substring(0, colon),
                    Integer.parseInt(authority.substring(colon + 1))), 500);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Registers every feed, a few requests at a time; the first refusal stops it (and the cleanup deletes what was made). */
    private Duration register() throws InterruptedException {
        long start = System.nanoTime();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        List<Future<?>> futures = new ArrayList<>();
        for (int f = 0; f < settings.feeds(); f++) {
            int feed = f;
            futures.add(apiPool.submit(() -> {
                if (closing.get() || failure.get() != null) {
                    return;
                }
                try {
                    FeedsApi.Registered made = api.register(publisher.feedUrl(feed),
                            "Newsflow bench publisher " + publisher.origin(publisher.hostOf(feed)).getHost(),
                            settings.interval());
                    registered.put(made.id(), feed);
                } catch (RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }));
        }
        for (Future<?> future : futures) {
            try {
                future.get();
            } catch (ExecutionException e) {
                failure.compareAndSet(null, new IllegalStateException(e.getCause()));
            }
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        long pages = (long) settings.feeds() * settings.items();
        System.out.printf(Locale.ROOT, "registered %d feeds in %.1f s, interval %s; their first polls fetch %,d pages: "
                        + "at one request a second per host, at least %s%n", registered.size(), took.toMillis() / 1000.0,
                settings.interval(), pages, human(Duration.ofSeconds((pages + settings.feeds()) / settings.hosts())));
        return took;
    }

    private void startNewItems() {
        if (settings.newItemsPerMinute() == 0) {
            return;
        }
        long periodMicros = 60_000_000L / settings.newItemsPerMinute();
        Random random = new Random(42);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("bench-feeds-items"));
        scheduler.scheduleAtFixedRate(() -> {
            publisher.publish(random.nextInt(settings.feeds()));
            published.incrementAndGet();
        }, periodMicros, periodMicros, TimeUnit.MICROSECONDS);
        newItems = scheduler;
    }

    /** The ingest process, by the port --ingest names (only on this machine). */
    private OptionalLong ingestPid() {
        String host = settings.ingest().getHost();
        if (!host.equals("localhost") && !host.startsWith("127.") && !host.equals("[::1]")) {
            return OptionalLong.empty();
        }
        int port = settings.ingest().getPort() > 0 ? settings.ingest().getPort()
                : "https".equals(settings.ingest().getScheme()) ? 443 : 80;
        return Processes.listeningOn(port);
    }

    /** Waits at least --warmup, and until the first poll of every feed is done (at most --warmup-max). */
    private Warmup warmup() throws InterruptedException {
        long start = System.nanoTime();
        long nextProgress = PROGRESS_EVERY.toNanos();
        long pagesAtLast = publisher.counts().pages();
        boolean diagnosed = false;
        System.out.printf("warm-up: at least %s, until the first poll of every feed is done (at most %s)%n",
                human(settings.warmup()), human(settings.warmupMax()));
        while (true) {
            long elapsed = System.nanoTime() - start;
            FeedPublisher.Progress progress = publisher.progress();
            if (elapsed >= settings.warmup().toNanos() && progress.done()) {
                return new Warmup(Duration.ofNanos(elapsed), true, progress, publisher.counts());
            }
            if (elapsed >= settings.warmupMax().toNanos()) {
                System.out.printf(Locale.ROOT, "warning: after %s the first polls are not done (%d of %d feeds, %,d of "
                                + "%,d pages): the window measures ingestion too%n", human(settings.warmupMax()),
                        progress.feedsPolled(), progress.feeds(), progress.backlogPagesFetched(), progress.backlogPages());
                return new Warmup(Duration.ofNanos(elapsed), false, progress, publisher.counts());
            }
            if (elapsed >= nextProgress) {
                long pages = publisher.counts().pages();
                System.out.printf(Locale.ROOT, "  %s: first polls of %d/%d feeds, %,d/%,d of their pages fetched "
                                + "(%.0f pages/s)%n", human(Duration.ofNanos(elapsed)), progress.feedsPolled(),
                        progress.feeds(), progress.backlogPagesFetched(), progress.backlogPages(),
                        (pages - pagesAtLast) / (double) PROGRESS_EVERY.toSeconds());
                pagesAtLast = pages;
                nextProgress += PROGRESS_EVERY.toNanos();
                if (!diagnosed && progress.feedsPolled() == 0 && elapsed >= Duration.ofSeconds(30).toNanos()) {
                    diagnosed = true;
                    System.out.println("  " + whyNothingPolled());
                }
            }
            Thread.sleep(200);
        }
    }

    private String whyNothingPolled() {
        try {
            return api.list().stream().filter(feed -> registered.containsKey(feed.id()) && feed.lastError() != null)
                    .findFirst().map(feed -> "no feed was fetched yet; the service says: " + feed.lastError())
                    .orElse("no feed was fetched yet and none failed: is the service polling (it joins a consumer "
                            + "group on the feeds topic first; see ./newsflow logs ingest)?");
        } catch (RuntimeException e) {
            return "no feed was fetched yet, and the listing failed: " + e.getMessage();
        }
    }

    private Result window(Duration registering, Warmup warmup, OptionalLong ingestPid) throws InterruptedException {
        Map<Integer, NavigableMap<Instant, Instant>> schedule = new HashMap<>();
        Instant open = Instant.now();
        long openNanos = System.nanoTime();
        FeedPublisher.Counts countsOpen = publisher.counts();
        long publishedOpen = published.get();
        CpuSample cpuOpen = CpuSample.take(ingestPid);
        System.out.printf("window: %s from %s%n", human(settings.duration()), open);
        int listings = 0;
        int listingFailures = 0;
        long end = openNanos + settings.duration().toNanos();
        long every = Math.max(Duration.ofSeconds(1).toNanos(),
                Math.min(LISTING_EVERY.toNanos(), settings.interval().toNanos() / 4));
        for (long next = openNanos; next < end; next += every) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            if (listInto(schedule) == null) {
                listingFailures++;
            } else {
                listings++;
            }
        }
        long wait = end - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
        Instant close = Instant.now();
        CpuSample cpuClose = CpuSample.take(ingestPid);
        FeedPublisher.Counts counts = publisher.counts().minus(countsOpen);
        long itemsPublished = published.get() - publishedOpen;
        Instant listedAt = Instant.now();
        List<FeedsApi.Listed> last = listInto(schedule);
        if (last == null) {
            listingFailures++;
        } else {
            listings++;
        }
        Histogram lateness = new Histogram(HIGHEST_MILLIS, 3);
        Histogram gaps = new Histogram(HIGHEST_MILLIS, 3);
        int unmatched = 0;
        int early = 0;
        for (int f = 0; f < settings.feeds(); f++) {
            List<Instant> times = publisher.requests(f).stream().map(FeedPublisher.FeedRequest::at).toList();
            Lateness l = lateness(times, schedule.getOrDefault(f, Collections.emptyNavigableMap()), open, close);
            l.lateMillis().forEach(ms -> lateness.recordValue(Math.min(ms, HIGHEST_MILLIS)));
            l.gapMillis().forEach(ms -> gaps.recordValue(Math.min(ms, HIGHEST_MILLIS)));
            unmatched += l.unmatched();
            early += l.early();
        }
        Long rss = ingestPid.isPresent() ? StackProbe.statusKb(ingestPid.getAsLong(), "VmRSS").stream().boxed()
                .findFirst().orElse(null) : null;
        return new Result(registering, warmup, open, Duration.ofNanos(cpuClose.nanos() - openNanos), counts,
                itemsPublished, lateness, gaps, unmatched, early, listings, listingFailures, last, listedAt, ingestPid,
                cpuOpen, cpuClose, rss);
    }

    /** Reads the listing and keeps each of our feeds' (lastPolledAt, nextPollAt); null if it failed. */
    private List<FeedsApi.Listed> listInto(Map<Integer, NavigableMap<Instant, Instant>> schedule) {
        try {
            List<FeedsApi.Listed> listing = api.list();
            for (FeedsApi.Listed feed : listing) {
                Integer f = registered.get(feed.id());
                if (f != null && feed.lastPolledAt() != null && feed.nextPollAt() != null) {
                    schedule.computeIfAbsent(f, k -> new TreeMap<>()).put(feed.lastPolledAt(), feed.nextPollAt());
                }
            }
            return listing;
        } catch (RuntimeException e) {
            System.err.println("bench-feeds: listing the feeds failed: " + e.getMessage());
            return null;
        }
    }

    /**
     * One feed's polls in a window.
     *
     * @param lateMillis each poll's arrival minus its due time, in ms (never negative)
     * @param gapMillis  the time since the feed's previous request, for each request in the window
     * @param unmatched  polls whose due time the listings did not show
     * @param early      polls that came before their due time by more than 100 ms (should be none)
     */
    record Lateness(List<Long> lateMillis, List<Long> gapMillis, int unmatched, int early) {
    }

    /**
     * The lateness of each request for one feed arriving in [open, close): its arrival minus the
     * due time the poll before it set ({@code nextPollAt}). That poll's (lastPolledAt, nextPollAt)
     * is the listed entry with the latest lastPolledAt not after the previous request's arrival (a
     * poll notes its start, then sends its request) and after the request before that one (else
     * the listings missed it: unmatched).
     *
     * @param requests the feed's request arrivals, in order, also those before the window
     * @param schedule lastPolledAt to nextPollAt, as the API listed them
     */
    static Lateness lateness(List<Instant> requests, NavigableMap<Instant, Instant> schedule, Instant open,
            Instant close) {
        List<Long> late = new ArrayList<>();
        List<Long> gaps = new ArrayList<>();
        int unmatched = 0;
        int early = 0;
        for (int k = 1; k < requests.size(); k++) {
            Instant at = requests.get(k);
            if (at.isBefore(open) || !at.isBefore(close)) {
                continue;
            }
            Instant previous = requests.get(k - 1);
            gaps.add(Duration.between(previous, at).toMillis());
            Map.Entry<Instant, Instant> poll = schedule.floorEntry(previous);
            Instant after = k >= 2 ? requests.get(k - 2) : previous.minus(POLL_START_SLACK);
            if (poll == null || !poll.getKey().isAfter(after)) {
                unmatched++;
                continue;
            }
            long millis = Duration.between(poll.getValue(), at).toMillis();
            if (millis < -EARLY_SLACK_MILLIS) {
                early++;
            }
            late.add(Math.max(0, millis));
        }
        return new Lateness(late, gaps, unmatched, early);
    }

    // ------------------------------------------------------------------------------------------
    // cleaning up

    /**
     * Stops publishing, deletes every feed this run registered (also any whose registration's
     * answer was lost, found by URL), then stops the publisher. Once, from the end of the run or
     * the shutdown hook, whichever comes first; never throws.
     */
    private void cleanup() {
        synchronized (this) {
            if (cleanedUp) {
                return;
            }
            cleanedUp = true;
        }
        closing.set(true);
        try {
            ScheduledExecutorService items = newItems;
            if (items != null) {
                items.shutdownNow();
            }
            apiPool.shutdownNow();
            if (!apiPool.awaitTermination(40, TimeUnit.SECONDS)) {
                System.err.println("bench-feeds: registrations still running after 40 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        FeedPublisher serving = publisher;
        if (serving == null) {
            return;
        }
        AtomicInteger deleted = new AtomicInteger();
        Map<String, String> failed = new ConcurrentHashMap<>();
        ExecutorService deleting = Executors.newFixedThreadPool(API_THREADS, daemon("bench-feeds-delete"));
        try {
            for (String id : List.copyOf(registered.keySet())) {
                deleting.execute(() -> {
                    try {
                        if (api.delete(id)) {
                            deleted.incrementAndGet();
                        }
                    } catch (RuntimeException e) {
                        failed.put(id, e.getMessage());
                    }
                });
            }
            deleting.shutdown();
            if (!deleting.awaitTermination(5, TimeUnit.MINUTES)) {
                System.err.println("bench-feeds: deleting the feeds took more than 5 minutes; stopped");
            }
            // a registration interrupted by the cleanup may have been made without its answer coming back
            List<String> origins = serving.origins().stream().map(o -> o + FeedPublisher.PREFIX).toList();
            for (FeedsApi.Listed feed : api.list()) {
                if (!registered.containsKey(feed.id()) && origins.stream().anyMatch(feed.url()::startsWith)
                        && api.delete(feed.id())) {
                    deleted.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            failed.putIfAbsent("(listing)", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            deleting.shutdownNow();
            serving.close();
        }
        System.out.printf("deleted the %d feeds of this run; publisher stopped%n", deleted.get());
        if (!failed.isEmpty()) {
            System.err.printf("bench-feeds: %d feeds could not be deleted (%s); the next bench-feeds run deletes them, or "
                    + "./newsflow feeds list / feeds rm ID%n", failed.size(), failed.values().iterator().next());
        }
    }

    // ------------------------------------------------------------------------------------------
    // the report

    private Map<String, Object> report(Result r) {
        double seconds = r.window().toNanos() / 1e9;
        FeedPublisher.Counts c = r.counts();
        Map<String, Object> health = health(r);
        double cpuSeconds = (r.cpuClose().nanos() - r.cpuOpen().nanos()) / 1e9;
        double ingestCores = (r.cpuClose().ingest() - r.cpuOpen().ingest()) / cpuSeconds;
        double selfCores = (r.cpuClose().self() - r.cpuOpen().self()) / cpuSeconds;
        double busyCores = (r.cpuClose().machine()[0] - r.cpuOpen().machine()[0]) / cpuSeconds;
        int overdue = ((Number) health.get("overdue")).intValue();
        boolean keptUp = overdue == 0 && r.lateness().getTotalCount() > 0
                && r.lateness().getValueAtPercentile(95) <= 2_000;

        System.out.println();
        System.out.printf(Locale.ROOT, "bench-feeds: %d feeds on %d hosts, %d items each, interval %s, %d new items/min"
                        + " -> %s%n", settings.feeds(), settings.hosts(), settings.items(), settings.interval(),
                settings.newItemsPerMinute(), settings.ingest());
        Warmup w = r.warmup();
        System.out.printf(Locale.ROOT, "warm-up %s: first polls %s (%d/%d feeds, %,d pages); %,d page requests, %.1f/s%n",
                human(w.took()), w.complete() ? "done" : "NOT done", w.progress().feedsPolled(), w.progress().feeds(),
                w.progress().backlogPagesFetched(), w.counts().pages(), w.counts().pages() / (w.took().toNanos() / 1e9));
        System.out.printf(Locale.ROOT, "window %.0f s:%n", seconds);
        System.out.printf(Locale.ROOT, "  feed polls     %8.2f/s   200: %.2f/s, 304: %.2f/s   (%,d polls)%n",
                c.feeds() / seconds, c.feedsChanged() / seconds, c.feedsNotModified() / seconds, c.feeds());
        System.out.printf(Locale.ROOT, "  item pages     %8.2f/s   (%,d; %,d new items published)%n", c.pages() / seconds,
                c.pages(), r.itemsPublished());
        System.out.printf(Locale.ROOT, "  robots.txt     %8d requests (%d before the window)%s%n", c.robots(),
                w.counts().robots(), c.other() > 0 ? "; other requests: " + c.other() : "");
        Histogram late = r.lateness();
        if (late.getTotalCount() > 0) {
            System.out.printf(Locale.ROOT, "  lateness       p50 %.2f s, p95 %.2f s, max %.2f s   (%,d polls against the"
                            + " service's nextPollAt; it checks every 1 s)%n", late.getValueAtPercentile(50) / 1000.0,
                    late.getValueAtPercentile(95) / 1000.0, late.getMaxValue() / 1000.0, late.getTotalCount());
        } else {
            System.out.println("  lateness       none measured: no feed was polled twice with its due time listed");
        }
        if (r.unmatched() > 0 || r.early() > 0) {
            System.out.printf("                 %d polls without a listed due time, %d earlier than due%n",
                    r.unmatched(), r.early());
        }
        Histogram gaps = r.gaps();
        if (gaps.getTotalCount() > 0) {
            System.out.printf(Locale.ROOT, "  gaps           p50 %.1f s, p95 %.1f s, max %.1f s between two polls of a feed"
                            + " (interval %s; a feed that does not change is polled up to 4x less often, by design)%n",
                    gaps.getValueAtPercentile(50) / 1000.0, gaps.getValueAtPercentile(95) / 1000.0,
                    gaps.getMaxValue() / 1000.0, settings.interval());
        }
        System.out.printf(Locale.ROOT, "  at the end     %d feeds overdue (due more than %d s ago)%s; %d failing; items "
                        + "ingested %,d, failed %,d%n", overdue, OVERDUE.toSeconds(),
                health.get("maxOverdueSeconds") instanceof Double d ? String.format(Locale.ROOT, ", the most by %.0f s", d)
                        : "", health.get("failing"), health.get("itemsIngested"), health.get("itemsFailed"));
        if (health.get("errors") instanceof Map<?, ?> errors && !errors.isEmpty()) {
            errors.forEach((error, n) -> System.out.printf("    %s x %s%n", n, error));
        }
        System.out.printf(Locale.ROOT, "  cpu            ingest %s, this harness %.2f, machine busy %.2f of %d cores%s%n",
                r.ingestPid().isPresent() ? String.format(Locale.ROOT, "(pid %d) %.2f cores", r.ingestPid().getAsLong(),
                        ingestCores) : "not found by its port", selfCores, busyCores,
                Runtime.getRuntime().availableProcessors(),
                r.ingestRssKb() == null ? "" : String.format(Locale.ROOT, "; ingest RSS %.0f MiB", r.ingestRssKb() / 1024.0));
        if (keptUp) {
            System.out.printf(Locale.ROOT, "the instance kept up: %.2f polls/s is the load offered (%d feeds / %s, fewer as"
                            + " unchanged feeds stretch), not its ceiling; more feeds (API keys hold 1000), a shorter"
                            + " interval or more new items offer more%n", c.feeds() / seconds, settings.feeds(),
                    settings.interval());
        } else if (late.getTotalCount() > 0) {
            System.out.printf(Locale.ROOT, "the instance fell behind (p95 lateness over 2 s or feeds overdue): it sustains"
                    + " about %.2f polls/s at this load%n", c.feeds() / seconds);
        }

        Map<String, Object> report = new LinkedHashMap<>();
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("ingest", settings.ingest().toString());
        run.put("feeds", settings.feeds());
        run.put("hosts", settings.hosts());
        run.put("itemsPerFeed", settings.items());
        run.put("interval", settings.interval().toString());
        run.put("newItemsPerMinute", settings.newItemsPerMinute());
        run.put("windowStart", r.open().toString());
        run.put("windowSeconds", seconds);
        run.put("registeringSeconds", r.registering().toMillis() / 1000.0);
        report.put("run", run);
        Map<String, Object> warmup = new LinkedHashMap<>();
        warmup.put("seconds", w.took().toMillis() / 1000.0);
        warmup.put("firstPollsDone", w.complete());
        warmup.put("feedsPolled", w.progress().feedsPolled());
        warmup.put("backlogPages", w.progress().backlogPages());
        warmup.put("backlogPagesFetched", w.progress().backlogPagesFetched());
        warmup.put("pageRequests", w.counts().pages());
        warmup.put("pagesPerSecond", w.counts().pages() / (w.took().toNanos() / 1e9));
        warmup.put("feedRequests", w.counts().feeds());
        warmup.put("robotsRequests", w.counts().robots());
        report.put("warmup", warmup);
        Map<String, Object> window = new LinkedHashMap<>();
        window.put("feedPollsPerSecond", c.feeds() / seconds);
        window.put("feed200PerSecond", c.feedsChanged() / seconds);
        window.put("feed304PerSecond", c.feedsNotModified() / seconds);
        window.put("pagesPerSecond", c.pages() / seconds);
        window.put("feedPolls", c.feeds());
        window.put("feed200", c.feedsChanged());
        window.put("feed304", c.feedsNotModified());
        window.put("pages", c.pages());
        window.put("robotsRequests", c.robots());
        window.put("otherRequests", c.other());
        window.put("itemsPublished", r.itemsPublished());
        window.put("lateness", seconds(late));
        window.put("latenessUnmatched", r.unmatched());
        window.put("latenessEarly", r.early());
        window.put("gaps", seconds(gaps));
        window.put("listings", r.listings());
        window.put("listingFailures", r.listingFailures());
        window.put("keptUp", keptUp);
        report.put("window", window);
        report.put("serviceAtEnd", health);
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("ingestPid", r.ingestPid().isPresent() ? r.ingestPid().getAsLong() : null);
        cpu.put("ingestCores", r.ingestPid().isPresent() ? ingestCores : null);
        cpu.put("ingestRssMiB", r.ingestRssKb() == null ? null : r.ingestRssKb() / 1024.0);
        cpu.put("harnessCores", selfCores);
        cpu.put("machineBusyCores", busyCores);
        cpu.put("machineCores", Runtime.getRuntime().availableProcessors());
        report.put("cpu", cpu);
        return report;
    }

    /** The service's own account of our feeds at the window's end: overdue, failing, items. */
    private Map<String, Object> health(Result r) {
        Map<String, Object> health = new LinkedHashMap<>();
        if (r.finalListing() == null) {
            health.put("overdue", 0);
            health.put("note", "the listing at the end failed");
            return health;
        }
        List<FeedsApi.Listed> ours = r.finalListing().stream().filter(f -> registered.containsKey(f.id())).toList();
        Instant threshold = r.finalListedAt().minus(OVERDUE);
        List<Duration> overdue = ours.stream().filter(f -> f.nextPollAt() != null && f.nextPollAt().isBefore(threshold))
                .map(f -> Duration.between(f.nextPollAt(), r.finalListedAt())).toList();
        health.put("feeds", ours.size());
        health.put("neverPolled", ours.stream().filter(f -> f.lastPolledAt() == null).count());
        health.put("overdue", overdue.size());
        health.put("maxOverdueSeconds", overdue.stream().mapToLong(Duration::toMillis).max().stream()
                .mapToObj(ms -> (Object) (ms / 1000.0)).findFirst().orElse(null));
        health.put("failing", ours.stream().filter(f -> f.failures() > 0).count());
        health.put("itemsSeen", ours.stream().mapToLong(FeedsApi.Listed::itemsSeen).sum());
        health.put("itemsIngested", ours.stream().mapToLong(FeedsApi.Listed::itemsIngested).sum());
        health.put("itemsFailed", ours.stream().mapToLong(FeedsApi.Listed::itemsFailed).sum());
        Map<String, Long> errors = ours.stream().filter(f -> f.lastError() != null)
                .collect(Collectors.groupingBy(f -> f.lastError().length() > 160 ? f.lastError().substring(0, 160) + "…"
                        : f.lastError(), LinkedHashMap::new, Collectors.counting()));
        Map<String, Long> top = new LinkedHashMap<>();
        errors.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(5)
                .forEach(e -> top.put(e.getKey(), e.getValue()));
        health.put("errors", top);
        return health;
    }

    private static Map<String, Object> seconds(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", h.getTotalCount());
        m.put("p50Seconds", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
        m.put("p95Seconds", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(95) / 1000.0);
        m.put("maxSeconds", h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000.0);
        return m;
    }

    private static String human(Duration d) {
        long s = d.toSeconds();
        if (s < 120) {
            return s + " s";
        }
        return s < 7200 ? (s / 60) + " min" + (s % 60 == 0 ? "" : " " + (s % 60) + " s")
                : (s / 3600) + " h" + (s % 3600 / 60 == 0 ? "" : " " + (s % 3600 / 60) + " min");
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, name + "-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    // ------------------------------------------------------------------------------------------
    // the feeds API

    /** {@code /api/v1/feeds} of the ingest service, with the key's bearer token; errors explained. */
    static final class FeedsApi {

        record Registered(String id, String url) {
        }

        /** A feed as listed, with the health fields the benchmark reads. */
        record Listed(String id, String url, Instant lastPolledAt, Instant nextPollAt, int failures, String lastError,
                long itemsSeen, long itemsIngested, long itemsFailed) {
        }

        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        private final JsonMapper json = JsonMapper.builder().build();
        private final URI base;
        private final String apiKey;

        FeedsApi(URI base, String apiKey) {
            this.base = base;
            this.apiKey = apiKey;
        }

        Registered register(URI url, String source, Duration interval) {
            String body = "{\"url\":" + Corpus.jsonString(url.toString()) + ",\"source\":" + Corpus.jsonString(source)
                    + ",\"interval\":" + Corpus.jsonString(interval.toString()) + "}";
            HttpResponse<String> response = send(request("/api/v1/feeds").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
            if (response.statusCode() != 201 && response.statusCode() != 200) {
                throw new IllegalStateException(explain("registering " + url, response));
            }
            JsonNode feed = json.readTree(response.body());
            return new Registered(feed.get("id").asString(), feed.get("url").asString());
        }

        List<Listed> list() {
            HttpResponse<String> response = send(request("/api/v1/feeds").GET());
            // a service just started answers 503 until it has read the feeds topic: wait for it, up to 2 minutes
            for (int tries = 0; response.statusCode() == 503 && tries < 60; tries++) {
                try {
                    Thread.sleep(2_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                response = send(request("/api/v1/feeds").GET());
            }
            if (response.statusCode() != 200) {
                throw new IllegalStateException(explain("listing the feeds", response));
            }
            List<Listed> feeds = new ArrayList<>();
            for (JsonNode feed : json.readTree(response.body()).path("feeds")) {
                JsonNode h = feed.path("health");
                feeds.add(new Listed(feed.get("id").asString(), feed.get("url").asString(),
                        instant(h.get("lastPolledAt")), instant(h.get("nextPollAt")), h.path("failures").asInt(0),
                        text(h.get("lastError")), h.path("itemsSeen").asLong(0), h.path("itemsIngested").asLong(0),
                        h.path("itemsFailed").asLong(0)));
            }
            return feeds;
        }

        /** True if deleted, false if it was gone already. */
        boolean delete(String id) {
            HttpResponse<String> response = send(request("/api/v1/feeds/" + id).DELETE());
            if (response.statusCode() == 204) {
                return true;
            }
            if (response.statusCode() == 404 && !response.body().contains("feeds-disabled")) {
                return false;
            }
            throw new IllegalStateException(explain("deleting feed " + id, response));
        }

        private HttpRequest.Builder request(String path) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json");
            return apiKey == null || apiKey.isBlank() ? request : request.header("Authorization", "Bearer " + apiKey);
        }

        private HttpResponse<String> send(HttpRequest.Builder request) {
            try {
                return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new IllegalStateException("the ingest service at " + base + " did not answer (./newsflow up "
                        + "first): " + e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while talking to the ingest service");
            }
        }

        private static String explain(String what, HttpResponse<String> response) {
            String body = response.body() == null ? "" : response.body().replaceAll("\\s+", " ");
            String detail = body.length() > 400 ? body.substring(0, 400) + "…" : body;
            return switch (response.statusCode()) {
                case 401, 403 -> what + ": the API key was refused (" + response.statusCode() + "); pass the stack's "
                        + "key with --api-key (./newsflow bench-feeds does)";
                case 404 -> body.contains("feeds-disabled")
                        ? "the ingest service runs with feeds turned off (newsflow.ingest.feeds.enabled=false)"
                        : what + " answered 404: " + detail;
                case 409 -> what + ": this API key holds its maximum of feeds (" + DEFAULT_MAX_PER_KEY + " by default); "
                        + "use fewer --feeds, or a key with fewer feeds: " + detail;
                case 422 -> body.contains("refused")
                        ? what + ": the ingest service refuses feeds on loopback addresses; its local profile "
                                + "(./newsflow up) allows them (NEWSFLOW_FETCH_ALLOW_PRIVATE=true): " + detail
                        : what + " was refused (422): " + detail;
                case 503 -> what + ": the feeds are unavailable for now (the broker): " + detail;
                default -> what + " answered " + response.statusCode() + ": " + detail;
            };
        }

        private static String text(JsonNode node) {
            return node == null || node.isNull() || node.isMissingNode() ? null : node.asString();
        }

        /** An instant as Jackson writes one: ISO-8601, or seconds since the epoch with a fraction. */
        static Instant instant(JsonNode node) {
            if (node == null || node.isNull() || node.isMissingNode()) {
                return null;
            }
            if (node.isNumber()) {
                BigDecimal seconds = node.decimalValue();
                long whole = seconds.longValue();
                return Instant.ofEpochSecond(whole, seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9)
                        .longValue());
            }
            return Instant.parse(node.asString());
        }
    }
}
