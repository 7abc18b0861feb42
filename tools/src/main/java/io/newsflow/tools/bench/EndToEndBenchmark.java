package io.newsflow.tools.bench;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.Topics;
import io.newsflow.tools.DurationConverter;
import io.newsflow.tools.NewsflowTools;
import io.newsflow.tools.offline.JvmCpu;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./newsflow bench}: the whole running stack under load. Real pages are posted (each under
 * a new URL, so each is a new article) at a fixed rate or as fast as the stack takes them, and in
 * the same run it measures what each stage did: posts accepted, articles enriched and indexed per
 * second (from the consumer groups' committed offsets), consumer lag over time, the
 * received-to-indexed latency of a sample of the posted articles (their documents'
 * {@code indexedAt - receivedAt}; searchable at most one refresh later), CPU and resident memory
 * of every process, errors by kind; then, unless {@code --no-ceilings}, the ceilings each stage is
 * judged against: Kafka's own producer with the same records, a plain {@code _bulk} loader with
 * the same documents, and the enrichment pipeline offline on one thread.
 *
 * <p>Options are those of {@code bench-ingest} (see {@link Options}) plus {@code --elasticsearch
 * URL}, {@code --drain D} (how long to wait for the backlog to clear after the load, default 2m),
 * {@code --no-ceilings} and {@code --scale-enrich-at D}: that long into the run, start a second
 * enrich instance ({@code ./newsflow scale enrich 2}) and report the enriched rate before and after
 * it joined the consumer group.
 *
 * <p>After the drain it checks that nothing was lost or doubled: every accepted article of the run
 * must be in the index (looked up by id), and the records written to {@code news.enriched} are
 * compared with the articles accepted (more means re-deliveries, e.g. around a rebalance: harmless
 * for the index, which keeps one document per id at its revision).
 */
public final class EndToEndBenchmark {

    private static final String ENRICH_GROUP = "enrich-service";
    private static final String PUBLISH_GROUP = "publish-service";
    private static final List<String> COMPONENTS = List.of("kafka", "elasticsearch", "ingest", "enrich", "enrich-2",
            "publish");

    private EndToEndBenchmark() {
    }

    /** {@code bench}: the whole running stack under load, with each stage's ceiling. */
    @Command(name = "bench", mixinStandardHelpOptions = true, description = {
            "The whole running stack under load: post real pages (each a new article) and report accepted,",
            "enriched and indexed per second, lag over time, received-to-indexed latency, CPU and memory, then",
            "each stage's ceiling; check afterwards that every accepted article was indexed."})
    public static final class Cli implements Callable<Integer> {

        @Mixin
        LoadOptions load;

        @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200", description = "(${DEFAULT-VALUE})")
        String elasticsearch;

        @Option(names = "--drain", defaultValue = "2m", converter = DurationConverter.class,
                description = "how long to wait for the backlog to clear after the load (${DEFAULT-VALUE})")
        Duration drain;

        @Option(names = "--no-ceilings", description = "skip the stage ceilings")
        boolean noCeilings;

        @Option(names = "--scale-enrich-at", converter = DurationConverter.class, paramLabel = "D",
                description = "that long into the run, start a second enrich instance (./newsflow scale enrich 2)")
        Duration scaleAt;

        @Override
        public Integer call() throws Exception {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            return run(load.toOptions(), elasticsearch, drain, !noCeilings, scaleAt);
        }
    }

    private static int run(Options options, String es, Duration drain, boolean ceilings, Duration scaleAt)
            throws Exception {
        Corpus corpus = Corpus.load(options.corpus());
        HttpClient http = HttpLoad.newClient();
        StackProbe probe = new StackProbe(options, http);
        if (!probe.readiness().startsWith("200")) {
            System.err.println("bench: the ingest service is not ready (./newsflow up first)");
            return 1;
        }
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        int concurrency = options.concurrencies().get(0);
        System.out.printf("bench: %d pages (mean %.0f KiB), %s, %s warm-up + %s measured, concurrency %d%n",
                corpus.pages().size(), corpus.meanJsonBytes() / 1024,
                options.fixedRate() ? String.format("%.0f posts/s", options.rate()) : "as fast as it goes",
                options.warmup().toSeconds() + " s", options.duration().toSeconds() + " s", concurrency);

        Properties adminProps = new Properties();
        adminProps.put("bootstrap.servers", options.kafka());
        try (Admin admin = Admin.create(adminProps)) {
            Stages stages = new Stages(admin, es);
            List<Map<String, Object>> timeline = new ArrayList<>();
            Map<String, Long> rssPeakKb = new LinkedHashMap<>();
            long[] stackRssPeakKb = {0};
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-stages");
                t.setDaemon(true);
                return t;
            });
            long t0 = System.nanoTime();
            Stages.Sample[] previous = {stages.sample()};
            Stages.Sample previous0 = previous[0];
            if (previous[0].rawLag() > 0 || previous[0].enrichedLag() > 0) {
                System.out.printf("warning: the stack has a backlog before the run (lag raw %d, enriched %d): the "
                        + "latencies will include it; ./newsflow down && ./newsflow clean && ./newsflow up for a "
                        + "clean run%n", previous[0].rawLag(), previous[0].enrichedLag());
            }
            sampler.scheduleAtFixedRate(() -> {
                try {
                    Stages.Sample now = stages.sample();
                    double seconds = (now.nanos() - previous[0].nanos()) / 1e9;
                    long stack = 0;
                    for (String component : COMPONENTS) {
                        long kb = probe.pid(component).stream().map(pid -> StackProbe.statusKb(pid, "VmRSS").orElse(0))
                                .findFirst().orElse(0L);
                        rssPeakKb.merge(component, kb, Math::max);
                        stack += kb;
                    }
                    stackRssPeakKb[0] = Math.max(stackRssPeakKb[0], stack);
                    Map<String, Object> point = new LinkedHashMap<>();
                    point.put("t", Math.round((now.nanos() - t0) / 1e8) / 10.0);
                    point.put("enrichedPerSecond", (now.enriched() - previous[0].enriched()) / seconds);
                    point.put("indexedPerSecond", (now.indexed() - previous[0].indexed()) / seconds);
                    point.put("enrichConsumers", now.enrichConsumers());
                    point.put("rawLag", now.rawLag());
                    point.put("enrichedLag", now.enrichedLag());
                    point.put("stackRssMiB", stack / 1024);
                    synchronized (timeline) {
                        timeline.add(point);
                    }
                    System.out.printf("  [%5.0fs] enriched %6.1f/s (%d consumers), indexed %6.1f/s, lag raw %d,"
                            + " enriched %d, stack %d MiB%n", point.get("t"), point.get("enrichedPerSecond"),
                            now.enrichConsumers(), point.get("indexedPerSecond"), now.rawLag(), now.enrichedLag(),
                            stack / 1024);
                    previous[0] = now;
                } catch (Exception e) {
                    System.err.println("  sample failed: " + e.getMessage());
                }
            }, 5, 5, TimeUnit.SECONDS);

            double[] scaledAt = {Double.NaN};
            if (scaleAt != null) {
                Thread scaler = new Thread(() -> {
                    try {
                        Thread.sleep(scaleAt.toMillis());
                        scaledAt[0] = (System.nanoTime() - t0) / 1e9;
                        scaleEnrich(options.root(), 2);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "bench-scale");
                scaler.setDaemon(true);
                scaler.start();
            }
            StackProbe.Window window = probe.window();
            Stages.Sample[] atOpen = new Stages.Sample[1];
            Stages.Sample[] atClose = new Stages.Sample[1];
            JvmCpu[] enrichCpu = new JvmCpu[2];
            long enrichPid = probe.pid("enrich").orElse(-1);
            HttpLoad load = new HttpLoad(options, corpus, "e2e-" + stamp);
            HttpLoad.Result posted = load.run(concurrency, new HttpLoad.WindowListener() {
                @Override
                public void opened() {
                    window.open();
                    atOpen[0] = stages.sampleQuietly();
                    enrichCpu[0] = enrichPid > 0 ? JvmCpu.of(enrichPid) : null;
                }

                @Override
                public void closed() {
                    atClose[0] = stages.sampleQuietly();
                    enrichCpu[1] = enrichPid > 0 ? JvmCpu.of(enrichPid) : null;
                    window.close();
                }
            });
            // the backlog the load left, worked off
            long drainStart = System.nanoTime();
            Stages.Sample drained = stages.sample();
            int quiet = 0; // two quiet samples in a row: a record in an open transaction shows as no lag
            while (quiet < 2 && System.nanoTime() - drainStart < drain.toNanos()) {
                quiet = drained.rawLag() == 0 && drained.enrichedLag() == 0 ? quiet + 1 : 0;
                if (quiet < 2) {
                    Thread.sleep(1000);
                    drained = stages.sample();
                }
            }
            double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
            sampler.shutdownNow();

            double windowSeconds = (atClose[0].nanos() - atOpen[0].nanos()) / 1e9;
            double enrichedPerSecond = (atClose[0].enriched() - atOpen[0].enriched()) / windowSeconds;
            double indexedPerSecond = (atClose[0].indexed() - atOpen[0].indexed()) / windowSeconds;

            PublishBenchmark elastic = new PublishBenchmark(es, options.kafka(), options.root());
            double[] latency = latencies(elastic, corpus, options, posted, "e2e-" + stamp);
            Map<String, Object> completeness = completeness(elastic, options.kafka(), corpus, posted, "e2e-" + stamp, concurrency,
                    previous0, drained);

            Map<String, Object> ceilingsReport = new LinkedHashMap<>();
            if (ceilings) {
                ceilingsReport = ceilings(options, corpus, probe, elastic, stamp);
            }

            Map<String, Object> report = new LinkedHashMap<>();
            report.put("benchmark", "end-to-end");
            report.put("at", java.time.Instant.now().toString());
            report.put("mode", options.fixedRate() ? "rate" : "max");
            report.put("targetRate", options.fixedRate() ? options.rate() : null);
            report.put("seconds", windowSeconds);
            report.put("acceptedPerSecond", posted.postsPerSecond());
            report.put("enrichedPerSecond", enrichedPerSecond);
            report.put("indexedPerSecond", indexedPerSecond);
            report.put("postLatencyMs", Map.of("p50", posted.millis(50), "p99", posted.millis(99)));
            report.put("receivedToIndexedMs", Map.of("sampled", latency.length, "p50", PublishBenchmark.pct(latency, 0.5),
                    "p95", PublishBenchmark.pct(latency, 0.95), "p99", PublishBenchmark.pct(latency, 0.99)));
            report.put("lagAtEnd", Map.of("raw", atClose[0].rawLag(), "enriched", atClose[0].enrichedLag()));
            report.put("drainSeconds", drainSeconds);
            report.put("lagAfterDrain", Map.of("raw", drained.rawLag(), "enriched", drained.enrichedLag()));
            report.put("errors", posted.errors());
            report.put("completeness", completeness);
            if (scaleAt != null) {
                report.put("scaling", scaling(timeline, scaledAt[0]));
            }
            report.put("cpuCores", window.cores());
            report.put("cpuPerArticleIndexedMs", stackCpuPerArticle(window.cores(), indexedPerSecond));
            if (enrichCpu[0] != null && enrichCpu[1] != null && scaleAt == null) {
                report.put("enrichCpuPerArticleMs", cpuPerArticle(enrichCpu[1].minus(enrichCpu[0]),
                        atClose[0].enriched() - atOpen[0].enriched()));
            }
            Map<String, Object> rss = new LinkedHashMap<>();
            rssPeakKb.forEach((k, v) -> rss.put(k, v / 1024));
            rss.put("stackPeak", stackRssPeakKb[0] / 1024);
            report.put("rssPeakMiB", rss);
            report.put("ceilings", ceilingsReport);
            report.put("timeline", timeline);

            print(report);
            Path out = options.out().resolve("e2e-" + stamp + ".json");
            Files.createDirectories(out.getParent());
            Files.writeString(out, Json.write(report));
            System.out.println("report: " + out);
        }
        return 0;
    }

    /**
     * Nothing lost, nothing doubled: each article the run had accepted looked up in the index by
     * id, and the records written to news.enriched over the run against the articles accepted.
     */
    private static Map<String, Object> completeness(PublishBenchmark elastic, String kafka, Corpus corpus,
            HttpLoad.Result posted, String runTag, int concurrency, Stages.Sample before, Stages.Sample after)
            throws IOException, InterruptedException {
        long accepted = posted.warmupAccepted() + posted.accepted();
        long issued = accepted + posted.warmupErrors() + posted.errorCount();
        List<String> ids = new ArrayList<>();
        // request numbers are taken in order; the last few taken may not have been sent
        for (long n = 0; n < issued + concurrency; n++) {
            ids.add(ArticleIds.fromUrl(HttpLoad.url(corpus, runTag, n)));
        }
        long indexed = elastic.latencies(ids).length;
        long written = committedRecords(kafka, before.enrichedEnds(), after.enrichedEnds());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("accepted", accepted);
        out.put("indexed", indexed);
        out.put("missing", Math.max(0, accepted - indexed));
        out.put("enrichedRecordsWritten", written);
        out.put("redelivered", Math.max(0, written - accepted));
        out.put("backlogLeft", after.rawLag() + after.enrichedLag());
        return out;
    }

    /**
     * The committed records of news.enriched between two sets of end offsets (read with
     * read_committed: records of aborted transactions and transaction markers are not counted).
     */
    private static long committedRecords(String kafka, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to) {
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", "false");
        config.put("max.partition.fetch.bytes", "16777216");
        long count = 0;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(config,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            Map<TopicPartition, Long> remaining = new LinkedHashMap<>();
            to.forEach((partition, end) -> {
                if (end > from.getOrDefault(partition, 0L)) {
                    remaining.put(partition, end);
                }
            });
            consumer.assign(remaining.keySet());
            remaining.keySet().forEach(partition -> consumer.seek(partition, from.getOrDefault(partition, 0L)));
            while (!remaining.isEmpty()) {
                for (var record : consumer.poll(Duration.ofMillis(500))) {
                    Long end = remaining.get(new TopicPartition(record.topic(), record.partition()));
                    if (end != null && record.offset() < end) {
                        count++;
                    }
                }
                remaining.keySet().removeIf(partition -> consumer.position(partition) >= remaining.get(partition));
                consumer.assign(remaining.keySet());
            }
        }
        return count;
    }

    /** Enriched/s before the second instance started and once it had joined (while a backlog lasted). */
    private static Map<String, Object> scaling(List<Map<String, Object>> timeline, double scaledAt) {
        double before = 0;
        int beforeN = 0;
        double after = 0;
        int afterN = 0;
        int consumersBefore = 0;
        int consumersAfter = 0;
        synchronized (timeline) {
            for (Map<String, Object> point : timeline) {
                double t = (double) point.get("t");
                double rate = (double) point.get("enrichedPerSecond");
                int consumers = (int) point.get("enrichConsumers");
                boolean backlog = (long) point.get("rawLag") > 0;
                if (t > scaledAt - 30 && t <= scaledAt && backlog) {
                    before += rate;
                    beforeN++;
                    consumersBefore = consumers;
                } else if (t > scaledAt + 30 && backlog) {
                    after += rate;
                    afterN++;
                    consumersAfter = Math.max(consumersAfter, consumers);
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("startedAtSeconds", scaledAt);
        out.put("enrichConsumersBefore", consumersBefore);
        out.put("enrichConsumersAfter", consumersAfter);
        out.put("enrichedPerSecondBefore", beforeN == 0 ? Double.NaN : before / beforeN);
        out.put("enrichedPerSecondAfter", afterN == 0 ? Double.NaN : after / afterN);
        out.put("samples", List.of(beforeN, afterN));
        return out;
    }

    /** {@code ./newsflow scale enrich N}, its output shown as it comes. */
    private static void scaleEnrich(Path root, int instances) {
        System.out.printf("  [scale] starting enrich instance %d (./newsflow scale enrich %d)%n", instances, instances);
        try {
            Process process = new ProcessBuilder(root.resolve("newsflow").toString(), "scale", "enrich",
                    Integer.toString(instances)).directory(root.toFile()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    System.out.println("  [scale] " + line);
                }
            }
            System.out.println("  [scale] exit " + process.waitFor());
        } catch (IOException e) {
            System.out.println("  [scale] failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** indexedAt - receivedAt of up to 3,000 of the articles posted in the measured window, spread over it. */
    private static double[] latencies(PublishBenchmark elastic, Corpus corpus, Options options, HttpLoad.Result posted,
            String runTag) throws IOException, InterruptedException {
        // the requests HttpLoad numbered in the measured window (the warm-up's come first), accepted
        // or not: the ids of those not accepted are simply not found
        long first = posted.warmupAccepted() + posted.warmupErrors();
        double end = (first + posted.accepted() + posted.errorCount()) * 1.02;
        long step = Math.max(1, (long) ((end - first) / 3000));
        List<String> ids = new ArrayList<>();
        for (long n = first; n < end; n += step) {
            ids.add(ArticleIds.fromUrl(HttpLoad.url(corpus, runTag, n)));
        }
        double[] values = elastic.latencies(ids);
        Arrays.sort(values);
        return values;
    }

    private static Map<String, Object> ceilings(Options options, Corpus corpus, StackProbe probe,
            PublishBenchmark elastic, String stamp) {
        Map<String, Object> out = new LinkedHashMap<>();
        // the services stopped, so the ceilings get the machine the way each stage had its share of it
        List<Long> stopped = new ArrayList<>();
        for (String service : List.of("enrich", "publish")) {
            probe.pid(service).ifPresent(pid -> {
                if (Processes.signal("STOP", pid)) {
                    stopped.add(pid);
                }
            });
        }
        Thread resume = new Thread(() -> stopped.forEach(pid -> Processes.signal("CONT", pid)));
        Runtime.getRuntime().addShutdownHook(resume);
        try {
            measureCeilings(options, corpus, probe, elastic, stamp, out);
        } finally {
            stopped.forEach(pid -> Processes.signal("CONT", pid));
            Runtime.getRuntime().removeShutdownHook(resume);
        }
        return out;
    }

    private static void measureCeilings(Options options, Corpus corpus, StackProbe probe, PublishBenchmark elastic,
            String stamp, Map<String, Object> out) {
        try {
            System.out.println("ceiling 1/3: Kafka's producer with the same records ...");
            out.put("kafkaProducerRecordsPerSecond",
                    KafkaCeiling.run(options, corpus, probe, stamp.replace('-', '.')).ceilingRecordsPerSecond());
        } catch (Exception e) {
            out.put("kafkaProducerError", e.toString());
        }
        try {
            System.out.println("ceiling 2/3: a plain _bulk loader with the same documents ...");
            var documents = elastic.sampleDocuments(200);
            out.put("bulkDocsPerSecond", documents.isEmpty() ? null : elastic.ceiling(documents, 10_000));
        } catch (Exception e) {
            out.put("bulkError", e.toString());
        }
        try {
            System.out.println("ceiling 3/3: the enrichment pipeline offline, one thread ...");
            out.put("enrichmentOneThreadArticlesPerSecond", offlineEnrichment(options, out));
        } catch (Exception e) {
            out.put("enrichmentError", e.toString());
        }
    }

    /** The offline pipeline's median rate; its CPU per article goes into {@code out}. */
    private static double offlineEnrichment(Options options, Map<String, Object> out)
            throws IOException, InterruptedException {
        // this very command line's bench-enrichment, in a JVM of its own (one thread, its own heap)
        Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx512m",
                "-cp", System.getProperty("java.class.path"), "-Dloader.main=" + NewsflowTools.class.getName(),
                "org.springframework.boot.loader.launch.PropertiesLauncher", "bench-enrichment",
                options.corpus().toString(), "3", "3")
                .redirectErrorStream(true).start();
        Pattern median = Pattern.compile("median ([0-9.]+) articles/s");
        Pattern cpu = Pattern.compile("CPU per article: ([0-9.]+) ms on the enriching thread; ([0-9.]+) ms for the whole JVM");
        double rate = Double.NaN;
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                Matcher m = median.matcher(line);
                if (m.find()) {
                    rate = Double.parseDouble(m.group(1));
                }
                Matcher c = cpu.matcher(line);
                if (c.find()) {
                    out.put("enrichmentOneThreadCpuPerArticleMs", Map.of("thread", Double.parseDouble(c.group(1)),
                            "jvm", Double.parseDouble(c.group(2))));
                }
            }
        }
        process.waitFor();
        return rate;
    }

    @SuppressWarnings("unchecked")
    private static void print(Map<String, Object> r) {
        Map<String, Object> c = (Map<String, Object>) r.get("ceilings");
        Map<String, Object> lat = (Map<String, Object>) r.get("receivedToIndexedMs");
        System.out.println();
        System.out.println("stage       per second   ceiling      ratio");
        System.out.println("--------------------------------------------");
        row("accepted", (double) r.get("acceptedPerSecond"), c.get("kafkaProducerRecordsPerSecond"));
        row("enriched", (double) r.get("enrichedPerSecond"), c.get("enrichmentOneThreadArticlesPerSecond"));
        row("indexed", (double) r.get("indexedPerSecond"), c.get("bulkDocsPerSecond"));
        System.out.println("--------------------------------------------");
        System.out.printf("received-to-indexed (%s sampled): p50 %.0f ms, p95 %.0f ms, p99 %.0f ms (+ up to 1 s refresh "
                + "until searchable)%n", lat.get("sampled"), lat.get("p50"), lat.get("p95"), lat.get("p99"));
        System.out.printf("lag at the end of the load: %s; drained in %.0f s to %s%n", r.get("lagAtEnd"),
                r.get("drainSeconds"), r.get("lagAfterDrain"));
        Map<String, Object> complete = (Map<String, Object>) r.get("completeness");
        System.out.printf("completeness: %s of %s accepted articles indexed (%s missing%s); %s records written to"
                + " news.enriched (%s re-delivered)%n", complete.get("indexed"), complete.get("accepted"),
                complete.get("missing"), ((long) complete.get("backlogLeft")) > 0
                        ? ", " + complete.get("backlogLeft") + " still in the backlog" : "",
                complete.get("enrichedRecordsWritten"), complete.get("redelivered"));
        if (r.get("scaling") instanceof Map<?, ?> scaling) {
            System.out.printf("scaling: second enrich instance started at %.0f s; enriched %.1f/s with %s consumers"
                    + " before, %.1f/s with %s after it joined (%s samples of 5 s)%n",
                    scaling.get("startedAtSeconds"), scaling.get("enrichedPerSecondBefore"),
                    scaling.get("enrichConsumersBefore"), scaling.get("enrichedPerSecondAfter"),
                    scaling.get("enrichConsumersAfter"), scaling.get("samples"));
        }
        if (r.get("enrichCpuPerArticleMs") instanceof Map<?, ?> cpu) {
            System.out.printf("enrich's CPU per article enriched: %.2f ms (garbage collection %.2f, JIT compilation %.2f, "
                            + "the rest %.2f)%s%n", cpu.get("total"), cpu.get("gc"), cpu.get("jit"), cpu.get("rest"),
                    c.get("enrichmentOneThreadCpuPerArticleMs") instanceof Map<?, ?> offline
                            ? String.format("; offline, one thread: %.2f ms (whole JVM; %.2f on the thread), %.2fx",
                            offline.get("jvm"), offline.get("thread"), (double) cpu.get("total") / (double) offline.get("jvm"))
                            : "");
        }
        System.out.printf("errors: %s; cores: %s%n", r.get("errors"), r.get("cpuCores"));
        if (r.get("cpuPerArticleIndexedMs") instanceof Map<?, ?> perArticle && !perArticle.isEmpty()) {
            System.out.println(perArticle.entrySet().stream()
                    .map(e -> String.format("%s %.1f ms", e.getKey(), (double) e.getValue()))
                    .collect(java.util.stream.Collectors.joining(", ", "CPU per article indexed: ",
                            " (what one article cost the machine in the window, by process)")));
        }
        System.out.printf("resident memory peak (MiB): %s%n", r.get("rssPeakMiB"));
    }

    /**
     * What one article indexed in the window cost each of the stack's processes, in ms of CPU,
     * and the stack in all: the figure to compare with a machine's cores (at N articles/s the
     * stack needs N x total / 1000 cores). The harness itself and the rest of the machine are
     * left out; empty when nothing was indexed.
     */
    static Map<String, Double> stackCpuPerArticle(Map<String, Double> cores, double indexedPerSecond) {
        Map<String, Double> perArticle = new LinkedHashMap<>();
        if (!(indexedPerSecond > 0)) {
            return perArticle;
        }
        double total = 0;
        for (Map.Entry<String, Double> process : cores.entrySet()) {
            String name = process.getKey();
            if (name.equals("bench") || name.equals("other") || name.equals("producer-perf")
                    || process.getValue() == null || process.getValue().isNaN()) {
                continue;
            }
            double ms = process.getValue() * 1000 / indexedPerSecond;
            perArticle.put(name, ms);
            total += ms;
        }
        if (!perArticle.isEmpty()) {
            perArticle.put("stack", total);
        }
        return perArticle;
    }

    /** A JVM's CPU over a window, per article enriched in it, in ms. */
    private static Map<String, Object> cpuPerArticle(JvmCpu spent, long articles) {
        Map<String, Object> perArticle = new LinkedHashMap<>();
        double scale = articles > 0 ? 1000.0 / articles : Double.NaN;
        perArticle.put("articles", articles);
        perArticle.put("total", spent.seconds() * scale);
        perArticle.put("gc", spent.gcSeconds() * scale);
        perArticle.put("jit", spent.jitSeconds() * scale);
        perArticle.put("rest", spent.restSeconds() * scale);
        return perArticle;
    }

    private static void row(String stage, double perSecond, Object ceiling) {
        if (ceiling instanceof Double d && !d.isNaN()) {
            System.out.printf("%-10s %10.1f %10.1f %9.1f%%%n", stage, perSecond, d, 100 * perSecond / d);
        } else {
            System.out.printf("%-10s %10.1f %10s %10s%n", stage, perSecond, "-", "-");
        }
    }

    /** The consumer groups' progress: committed offsets summed over partitions, and lag. */
    private static final class Stages {
        private final Admin admin;
        private final String elasticsearch;
        private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

        Stages(Admin admin, String elasticsearch) {
            this.admin = admin;
            this.elasticsearch = elasticsearch;
        }

        /**
         * {@code enriched}: the enrich group's committed offsets on news.raw summed (records
         * processed); {@code indexed}: the documents in the index (every article a run posts is
         * new), not the publish group's offsets, which also count news.enriched's transaction
         * markers; the lags: end offsets minus committed (on news.enriched less the one marker that
         * follows a partition's last transaction; markers inside a backlog still count, so it is
         * approximate while there is one);
         * {@code enrichedEnds}: news.enriched's end offsets, to count the records written between
         * two samples; {@code enrichConsumers}: members of the enrich group (threads of all
         * instances).
         */
        record Sample(long nanos, long enriched, long indexed, long rawLag, long enrichedLag,
                Map<TopicPartition, Long> enrichedEnds, int enrichConsumers) {
        }

        Sample sampleQuietly() {
            try {
                return sample();
            } catch (Exception e) {
                throw new IllegalStateException("cannot read the consumer groups: " + e.getMessage(), e);
            }
        }

        Sample sample() throws Exception {
            long[] raw = progress(ENRICH_GROUP, Topics.RAW, false);
            long[] enriched = progress(PUBLISH_GROUP, Topics.ENRICHED, true);
            int consumers = admin.describeConsumerGroups(List.of(ENRICH_GROUP)).all().get(10, TimeUnit.SECONDS)
                    .get(ENRICH_GROUP).members().size();
            return new Sample(System.nanoTime(), raw[0], documents(), raw[1], enriched[1], ends(Topics.ENRICHED),
                    consumers);
        }

        private long documents() throws IOException, InterruptedException {
            var response = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                            elasticsearch + "/news-articles/_count")).timeout(Duration.ofSeconds(10)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return 0; // no index yet
            }
            Matcher count = Pattern.compile("\"count\"\\s*:\\s*(\\d+)").matcher(response.body());
            if (response.statusCode() != 200 || !count.find()) {
                throw new IOException("_count answered " + response.statusCode() + ": " + response.body());
            }
            return Long.parseLong(count.group(1));
        }

        private Map<TopicPartition, Long> ends(String topic) throws Exception {
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            Map<TopicPartition, Long> ends = new LinkedHashMap<>();
            admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((partition, info) ->
                    ends.put(partition, info.offset()));
            return ends;
        }

        /**
         * {committed offsets summed, lag summed, end offsets summed} of a group on a topic. On a
         * topic written in transactions, each commit leaves a marker at the end of a partition
         * that a consumer never commits past, so one offset per partition is not counted as lag.
         */
        private long[] progress(String group, String topic, boolean transactional) throws Exception {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
            partitions.forEach(p -> latest.put(p, OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
            long done = 0;
            long lag = 0;
            long end = 0;
            for (TopicPartition partition : partitions) {
                OffsetAndMetadata offset = committed.get(partition);
                long position = offset == null ? 0 : offset.offset();
                done += position;
                lag += Math.max(0, ends.get(partition).offset() - position - (transactional ? 1 : 0));
                end += ends.get(partition).offset();
            }
            return new long[] {done, lag, end};
        }
    }
}
