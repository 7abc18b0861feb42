package io.newsflow.tools.bench;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.AbstractHttpEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * One load run against {@code POST /api/v1/articles}: {@code concurrency} threads, each with at
 * most one request in flight over a blocking HTTP/1.1 client (so at most that many connections).
 *
 * <p>The posting client is Apache HttpClient's classic one, not the JDK's: the load generator
 * shares the machine's two cores with the stack it measures, and the JDK client's asynchronous
 * HTTP/1.1 path cost about half a millisecond of CPU per 160 KB post (0.5 of a core at 1,100
 * posts/s), CPU taken from the service under test. The classic client writes each page's bytes
 * straight to the socket.
 *
 * <p>Closed loop ({@code --max}): each thread posts again as soon as it is answered; throughput
 * counts the answers that arrive inside the measured window. Open loop ({@code --rate}): request
 * {@code n} is due at {@code start + n / rate}; a thread takes the next due request, waits for its
 * time and sends it, and its latency runs from the time it was due, not from when a thread got
 * round to it, so a stalled server shows up as latency instead of as fewer samples (coordinated
 * omission). The measured window is then the requests due inside it, each waited for.
 */
final class HttpLoad {

    /** Latencies above this (µs) are recorded as this. */
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    /** Body sizes the latency is also broken down by: a tail may be nothing but the largest pages. */
    static final List<String> SIZE_CLASSES = List.of("< 128 KiB", "128-512 KiB", ">= 512 KiB");

    static int sizeClass(long bytes) {
        return bytes < 128 * 1024 ? 0 : bytes < 512 * 1024 ? 1 : 2;
    }

    /**
     * What one run measured (inside the window only, apart from the warm-up counters);
     * {@code lagAtOpenMillis}: open loop, how far behind schedule the run was when the window
     * opened (a backlog left by the warm-up, e.g. of a JVM still compiling, inflates the latency).
     */
    record Result(String name, int concurrency, double targetRate, double seconds, long accepted,
            long acceptedBytes, Histogram latencyMicros, List<Histogram> latencyBySize, Map<String, Long> errors,
            Map<String, String> errorSamples, long warmupAccepted, long warmupErrors, double lagAtOpenMillis) {

        double postsPerSecond() {
            return accepted / seconds;
        }

        double mibPerSecond() {
            return acceptedBytes / seconds / (1024.0 * 1024.0);
        }

        long errorCount() {
            return errors.values().stream().mapToLong(Long::longValue).sum();
        }

        double millis(double percentile) {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN
                    : latencyMicros.getValueAtPercentile(percentile) / 1000.0;
        }

        double maxMillis() {
            return latencyMicros.getTotalCount() == 0 ? Double.NaN : latencyMicros.getMaxValue() / 1000.0;
        }
    }

    /** Called by the load's timer when the measured window opens and closes. */
    interface WindowListener {
        void opened();

        void closed();
    }

    private final Options options;
    private final Corpus corpus;
    private final URI articles;
    private final String runTag;

    HttpLoad(Options options, Corpus corpus, String runTag) {
        this.options = options;
        this.corpus = corpus;
        this.articles = options.ingest().resolve("/api/v1/articles");
        this.runTag = runTag;
    }

    /** The JDK client, for the benchmarks' few small requests (metrics, queries), not the load. */
    static HttpClient newClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    Result run(int concurrency, WindowListener listener) throws InterruptedException, IOException {
        try (CloseableHttpClient client = postingClient(concurrency)) {
            return run(client, concurrency, listener);
        }
    }

    private CloseableHttpClient postingClient(int concurrency) {
        Timeout timeout = Timeout.ofMilliseconds(options.requestTimeout().toMillis());
        return HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(concurrency)
                        .setMaxConnPerRoute(concurrency)
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.ofSeconds(5))
                                .setSocketTimeout(timeout)
                                .build())
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(timeout).build())
                .disableAutomaticRetries()
                .disableRedirectHandling()
                .disableCookieManagement()
                .disableContentCompression()
                .build();
    }

    private Result run(CloseableHttpClient client, int concurrency, WindowListener listener)
            throws InterruptedException {
        String name = (options.fixedRate() ? String.format("rate %.0f/s", options.rate()) : "max")
                + " c=" + concurrency;
        long start = System.nanoTime();
        long windowFrom = start + options.warmup().toNanos();
        long windowTo = windowFrom + options.duration().toNanos();
        AtomicLong sequence = new AtomicLong();
        LongAdder liveOk = new LongAdder();
        LongAdder liveErrors = new LongAdder();
        Map<String, String> errorSamples = new ConcurrentHashMap<>();

        List<Worker> workers = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Worker worker = new Worker(client, start, windowFrom, windowTo, sequence, liveOk, liveErrors, errorSamples);
            workers.add(worker);
            Thread thread = new Thread(worker, "bench-post-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }

        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bench-timer");
            t.setDaemon(true);
            return t;
        });
        long[] last = {0, 0, start};
        timer.scheduleAtFixedRate(() -> {
            long now = System.nanoTime();
            long ok = liveOk.sum();
            long errors = liveErrors.sum();
            double secs = (now - last[2]) / 1e9;
            String phase = now < windowFrom ? "warm-up" : now < windowTo ? "measure" : "drain";
            System.out.printf("  [%s %4.0fs %-7s] %7.1f posts/s accepted, %d errors%s%n", name, (now - start) / 1e9,
                    phase, (ok - last[0]) / secs, errors - last[1], options.fixedRate()
                            ? String.format(", %.0f ms behind schedule", scheduleLagMillis(start, sequence, now))
                            : "");
            last[0] = ok;
            last[1] = errors;
            last[2] = now;
        }, 5, 5, TimeUnit.SECONDS);
        double[] lagAtOpen = {0};
        timer.schedule(() -> {
            lagAtOpen[0] = options.fixedRate() ? scheduleLagMillis(start, sequence, System.nanoTime()) : 0;
            listener.opened();
        }, windowFrom - start, TimeUnit.NANOSECONDS);
        timer.schedule(listener::closed, windowTo - start, TimeUnit.NANOSECONDS);

        threads.forEach(Thread::start);
        for (Thread thread : threads) {
            thread.join();
        }
        // Not shutdownNow: the window's closing task (probes, JFR dump) may still be running.
        timer.shutdown();
        timer.awaitTermination(2, TimeUnit.MINUTES);

        Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        List<Histogram> bySize = new ArrayList<>();
        for (int i = 0; i < SIZE_CLASSES.size(); i++) {
            bySize.add(new Histogram(HIGHEST_MICROS, 3));
        }
        Map<String, Long> errors = new TreeMap<>();
        long accepted = 0;
        long bytes = 0;
        long warmupAccepted = 0;
        long warmupErrors = 0;
        for (Worker worker : workers) {
            latency.add(worker.latency);
            for (int i = 0; i < SIZE_CLASSES.size(); i++) {
                bySize.get(i).add(worker.latencyBySize.get(i));
            }
            worker.errors.forEach((kind, n) -> errors.merge(kind, n, Long::sum));
            accepted += worker.accepted;
            bytes += worker.acceptedBytes;
            warmupAccepted += worker.warmupAccepted;
            warmupErrors += worker.warmupErrors;
        }
        double seconds = options.duration().toNanos() / 1e9;
        return new Result(name, concurrency, options.rate(), seconds, accepted, bytes, latency, bySize, errors,
                new TreeMap<>(errorSamples), warmupAccepted, warmupErrors, lagAtOpen[0]);
    }

    /**
     * Open loop: how late the next request to be taken is, i.e. how far the posting threads are
     * behind the schedule (0 when they keep up; each thread takes its next request only when free).
     */
    private double scheduleLagMillis(long start, AtomicLong sequence, long now) {
        double nextDue = start + sequence.get() * (1e9 / options.rate());
        return Math.max(0, (now - nextDue) / 1e6);
    }

    /** The URL request {@code n} of a run posts under: a new one each time, so each post is a new article. */
    static String url(Corpus corpus, String runTag, long n) {
        return "https://bench.example/" + corpus.page(n).id() + "/" + runTag + "-" + n;
    }

    private HttpPost request(long n) {
        Corpus.Page page = corpus.page(n);
        byte[] head = ("{\"url\":\"" + url(corpus, runTag, n) + "\",\"source\":\"bench\",\"html\":")
                .getBytes(StandardCharsets.UTF_8);
        HttpPost post = new HttpPost(articles);
        post.setHeader("Accept", "application/json");
        if (options.apiKey() != null) {
            post.setHeader("Authorization", "Bearer " + options.apiKey());
        }
        post.setEntity(new ArticleBody(head, page.jsonHtml()));
        return post;
    }

    /**
     * {@code head + page + "}"} with a Content-Length (not chunked), like a typical client's; the
     * page's bytes are shared by every request and written to the socket without a copy.
     */
    private static final class ArticleBody extends AbstractHttpEntity {
        private static final byte[] TAIL = {'}'};
        private final byte[] head;
        private final byte[] page;

        ArticleBody(byte[] head, byte[] page) {
            super(ContentType.APPLICATION_JSON, null);
            this.head = head;
            this.page = page;
        }

        @Override
        public long getContentLength() {
            return head.length + page.length + TAIL.length;
        }

        @Override
        public void writeTo(OutputStream out) throws IOException {
            out.write(head);
            out.write(page);
            out.write(TAIL);
        }

        @Override
        public InputStream getContent() {
            return new SequenceInputStream(new SequenceInputStream(new ByteArrayInputStream(head),
                    new ByteArrayInputStream(page)), new ByteArrayInputStream(TAIL));
        }

        @Override
        public boolean isRepeatable() {
            return true;
        }

        @Override
        public boolean isStreaming() {
            return false;
        }

        @Override
        public void close() {
        }
    }

    private final class Worker implements Runnable {
        private final CloseableHttpClient client;
        private final long start;
        private final long windowFrom;
        private final long windowTo;
        private final AtomicLong sequence;
        private final LongAdder liveOk;
        private final LongAdder liveErrors;
        private final Map<String, String> errorSamples;
        private final double periodNanos;

        final Histogram latency = new Histogram(HIGHEST_MICROS, 3);
        final List<Histogram> latencyBySize = SIZE_CLASSES.stream().map(c -> new Histogram(HIGHEST_MICROS, 3))
                .toList();
        final Map<String, Long> errors = new TreeMap<>();
        long accepted;
        long acceptedBytes;
        long warmupAccepted;
        long warmupErrors;

        Worker(CloseableHttpClient client, long start, long windowFrom, long windowTo, AtomicLong sequence,
                LongAdder liveOk, LongAdder liveErrors, Map<String, String> errorSamples) {
            this.client = client;
            this.start = start;
            this.windowFrom = windowFrom;
            this.windowTo = windowTo;
            this.sequence = sequence;
            this.liveOk = liveOk;
            this.liveErrors = liveErrors;
            this.errorSamples = errorSamples;
            this.periodNanos = options.fixedRate() ? 1e9 / options.rate() : 0;
        }

        @Override
        public void run() {
            boolean fixedRate = periodNanos > 0;
            while (true) {
                long n = sequence.getAndIncrement();
                long due;
                if (fixedRate) {
                    due = start + (long) (n * periodNanos);
                    if (due >= windowTo) {
                        return;
                    }
                    long wait;
                    while ((wait = due - System.nanoTime()) > 0) {
                        LockSupport.parkNanos(wait);
                    }
                } else {
                    due = System.nanoTime();
                    if (due >= windowTo) {
                        return;
                    }
                }
                HttpPost request = request(n);
                long length = request.getEntity().getContentLength();
                String error = null;
                String sample = null;
                try {
                    String[] failure = client.execute(request, response -> {
                        String body = response.getEntity() == null ? "" : EntityUtils.toString(response.getEntity());
                        return response.getCode() == 202 ? null : new String[] {"http " + response.getCode(), body};
                    });
                    if (failure != null) {
                        error = failure[0];
                        sample = failure[1];
                    }
                } catch (SocketTimeoutException e) {
                    error = "timeout";
                    sample = e.getMessage();
                } catch (ConnectException e) {
                    error = "connect";
                    sample = String.valueOf(e.getMessage());
                } catch (IOException e) {
                    error = "io " + e.getClass().getSimpleName();
                    sample = String.valueOf(e.getMessage());
                } catch (RuntimeException e) {
                    error = "client " + e.getClass().getSimpleName();
                    sample = String.valueOf(e.getMessage());
                }
                long done = System.nanoTime();
                // Open loop: the window holds the requests due in it. Closed loop: the answers in it.
                long at = fixedRate ? due : done;
                boolean measured = at >= windowFrom && at < windowTo;
                if (error == null) {
                    liveOk.increment();
                    if (measured) {
                        long micros = Math.min(HIGHEST_MICROS, Math.max(0, (done - due) / 1000));
                        accepted++;
                        acceptedBytes += length;
                        latency.recordValue(micros);
                        latencyBySize.get(sizeClass(length)).recordValue(micros);
                    } else {
                        warmupAccepted++;
                    }
                } else {
                    liveErrors.increment();
                    errorSamples.putIfAbsent(error, sample == null ? "" : abbreviate(sample));
                    if (measured) {
                        errors.merge(error, 1L, Long::sum);
                    } else {
                        warmupErrors++;
                    }
                }
            }
        }
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "...";
    }
}
