package io.newsflow.tools.bench;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Throughput and latency of the ingest service's {@code POST /api/v1/articles} with real news
 * pages, against the ceiling the broker allows for the same records in the same run (Kafka's own
 * producer perf test, {@link KafkaCeiling}). A harness run against a running stack
 * ({@code ./newsflow up}, then {@code ./newsflow bench-ingest}), never a test: the figures depend
 * on the machine, so they are measured and reported, not asserted.
 *
 * <p>Prints one table at the end and writes the same as JSON to
 * {@code var/bench/ingest-<timestamp>.json}. See {@link LoadOptions} for the options.
 */
public final class IngestBenchmark {

    /** Targets of the performance issue: ratio to the ceiling, p99 at half the maximum rate, heap. */
    static final double TARGET_RATIO = 0.5;
    static final double TARGET_P99_MS = 50;
    static final double TARGET_HEAP_MIB = 256;
    private static final double MIB = 1024.0 * 1024.0;

    private final Options options;

    private IngestBenchmark(Options options) {
        this.options = options;
    }

    /** {@code bench-ingest}: the ingest service under load against Kafka's own producer ceiling. */
    @Command(name = "bench-ingest", mixinStandardHelpOptions = true, description = {
            "Post real news pages to POST /api/v1/articles of a running ingest service and report accepted",
            "posts/s, MiB/s, latency percentiles and errors; with --ceiling, first measure what Kafka's own",
            "producer perf test does with the same payloads on the same broker."})
    public static final class Cli implements Callable<Integer> {

        @Mixin
        LoadOptions load;

        @Override
        public Integer call() throws Exception {
            // Before any Kafka class logs: the clients' INFO lines (every config value) drown the report.
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
            Options options = load.toOptions();
            // The JDK client keeps at most this many idle connections; each posting thread holds one.
            int maxConcurrency = options.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
            System.setProperty("jdk.httpclient.connectionPoolSize", Integer.toString(maxConcurrency));
            return new IngestBenchmark(options).run();
        }
    }

    private record Run(HttpLoad.Result load, StackProbe.Window window, Map<String, Map<String, Long>> profile,
            Path profileFile) {
    }

    private int run() throws Exception {
        Corpus corpus = Corpus.load(options.corpus());
        System.out.printf("corpus: %d pages from %s, mean %.0f KiB as a JSON string (min %.0f, max %.0f)%n",
                corpus.pages().size(), options.corpus(), corpus.meanJsonBytes() / 1024,
                corpus.pages().stream().mapToInt(p -> p.jsonHtml().length).min().orElse(0) / 1024.0,
                corpus.pages().stream().mapToInt(p -> p.jsonHtml().length).max().orElse(0) / 1024.0);

        HttpClient metricsClient = HttpLoad.newClient();
        StackProbe probe = new StackProbe(options, metricsClient);
        String readiness = probe.readiness();
        if (!readiness.startsWith("200")) {
            System.err.println("bench-ingest: the ingest service at " + options.ingest() + " is not ready: "
                    + readiness + "\n(start the stack with ./newsflow up)");
            return 1;
        }
        OptionalLong ingestPid = probe.pid("ingest");
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Files.createDirectories(options.out());

        Consumers paused = options.pauseConsumers() ? Consumers.pause(probe) : Consumers.NONE;
        KafkaCeiling.Result ceiling = null;
        String ceilingError = null;
        List<Run> runs = new ArrayList<>();
        try {
            if (options.ceiling()) {
                // First, so that the enrich service's backlog from the ingest runs does not slow it down.
                try {
                    ceiling = KafkaCeiling.run(options, corpus, probe, stamp.replace('-', '.'));
                } catch (Exception e) {
                    ceilingError = e.toString();
                    System.err.println("ceiling: failed: " + e);
                }
            }
            for (int concurrency : options.concurrencies()) {
                runs.add(load(corpus, probe, ingestPid, stamp, concurrency));
            }
        } finally {
            paused.resume();
        }

        Map<String, Object> memory = ingestMemory(probe, ingestPid, runs);
        printReport(corpus, runs, ceiling, ceilingError, memory);
        Path report = options.out().resolve("ingest-" + stamp + ".json");
        Files.writeString(report, Json.write(report(corpus, runs, ceiling, ceilingError, memory)));
        System.out.println("report: " + report);
        return 0;
    }

    private Run load(Corpus corpus, StackProbe probe, OptionalLong ingestPid, String stamp,
            int concurrency) throws InterruptedException, IOException {
        StackProbe.Window window = probe.window();
        Profile[] profile = new Profile[1];
        Path profileFile = options.out().resolve("ingest-" + stamp + "-c" + concurrency + ".jfr");
        HttpLoad load = new HttpLoad(options, corpus, stamp + "-c" + concurrency);
        System.out.printf("%nrun: %s, concurrency %d, %s warm-up + %s measured%n",
                options.fixedRate() ? String.format("open loop at %.0f posts/s", options.rate()) : "closed loop (max)",
                concurrency, human(options.warmup()), human(options.duration()));
        HttpLoad.Result result = load.run(concurrency, new HttpLoad.WindowListener() {
            @Override
            public void opened() {
                window.open();
                if (options.jfr() && ingestPid.isPresent()) {
                    try {
                        profile[0] = Profile.start(ingestPid.getAsLong(), profileFile);
                    } catch (IOException | InterruptedException e) {
                        System.err.println("jfr: " + e.getMessage());
                    }
                }
            }

            @Override
            public void closed() {
                window.close();
                if (profile[0] != null) {
                    try {
                        profile[0].stop();
                    } catch (IOException | InterruptedException e) {
                        System.err.println("jfr: " + e.getMessage());
                        profile[0] = null;
                    }
                }
            }
        });
        Map<String, Map<String, Long>> summary = null;
        if (profile[0] != null) {
            try {
                summary = Profile.summarize(profileFile, 25);
            } catch (IOException e) {
                System.err.println("jfr: cannot read " + profileFile + ": " + e.getMessage());
            }
        } else if (options.jfr()) {
            System.err.println("jfr: no profile (the ingest service's pid is not in var/run/ingest.pid)");
        }
        return new Run(result, window, summary, summary == null ? null : profileFile);
    }

    // ------------------------------------------------------------------------------------------
    // the report

    private Map<String, Object> ingestMemory(StackProbe probe, OptionalLong pid, List<Run> runs) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("pid", pid.isPresent() ? pid.getAsLong() : null);
        memory.put("heapUsedNowMiB", probe.metric("jvm.memory.used", "area:heap", "VALUE").map(b -> b / MIB)
                .orElse(null));
        memory.put("heapUsedPeakSampledMiB", runs.stream().mapToDouble(r -> r.window().heapUsedPeakBytes())
                .filter(d -> !Double.isNaN(d)).max().stream().mapToObj(d -> (Object) (d / MIB)).findFirst()
                .orElse(null));
        memory.put("heapCommittedMiB", probe.metric("jvm.memory.committed", "area:heap", "VALUE").map(b -> b / MIB)
                .orElse(null));
        memory.put("heapMaxMiB", probe.metric("jvm.memory.max", "area:heap", "VALUE").map(b -> b / MIB).orElse(null));
        memory.put("rssNowMiB", pid.isPresent() ? StackProbe.statusKb(pid.getAsLong(), "VmRSS").stream()
                .mapToObj(kb -> (Object) (kb / 1024.0)).findFirst().orElse(null) : null);
        memory.put("rssPeakMiB", pid.isPresent() ? StackProbe.statusKb(pid.getAsLong(), "VmHWM").stream()
                .mapToObj(kb -> (Object) (kb / 1024.0)).findFirst().orElse(null) : null);
        return memory;
    }

    private void printReport(Corpus corpus, List<Run> runs, KafkaCeiling.Result ceiling, String ceilingError,
            Map<String, Object> memory) {
        System.out.println();
        System.out.printf("ingest benchmark: %d pages (mean %.0f KiB), %s per run after %s warm-up, %s%n",
                corpus.pages().size(), corpus.meanJsonBytes() / 1024, human(options.duration()),
                human(options.warmup()), options.ingest());
        String header = String.format("%-16s %9s %8s %8s %8s %8s %8s %8s %7s %8s %6s %6s",
                "run", "posts/s", "MiB/s", "p50 ms", "p90 ms", "p99 ms", "p99.9", "max ms", "errors", "ceiling",
                "ingest", "busy");
        System.out.println(header);
        System.out.println("-".repeat(header.length()));
        for (Run run : runs) {
            HttpLoad.Result r = run.load();
            System.out.printf("%-16s %9.1f %8.1f %8.1f %8.1f %8.1f %8.1f %8.1f %7d %8s %6.2f %6.2f%n", r.name(),
                    r.postsPerSecond(), r.mibPerSecond(), r.millis(50), r.millis(90), r.millis(99), r.millis(99.9),
                    r.maxMillis(), r.errorCount(), ratio(r, ceiling) == null ? "-"
                            : String.format("%.1f%%", ratio(r, ceiling) * 100),
                    run.window().cores().getOrDefault("ingest", Double.NaN), run.window().machineBusyCores());
        }
        if (ceiling != null) {
            System.out.printf("%-16s %9.1f %8.1f %8d %8s %8d %8d %8.1f %7s %8s %6s %6.2f%n",
                    options.ceilingRate() > 0 ? String.format("kafka at %.0f/s", options.ceilingRate()) : "kafka ceiling",
                    ceiling.ceilingRecordsPerSecond(), ceiling.ceilingMibPerSecond(), ceiling.p50Ms(), "-",
                    ceiling.p99Ms(), ceiling.p999Ms(), ceiling.maxMs(), "-", options.ceilingRate() > 0 ? "-" : "100%", "-",
                    ceiling.window().machineBusyCores());
            if (options.ceilingRate() > 0) {
                System.out.printf("kafka at %.0f/s: Kafka's own producer, same records and settings, at a set rate:"
                        + " its send-to-ack latency is the floor under ingest's at that rate%n", options.ceilingRate());
            }
        } else if (ceilingError != null) {
            System.out.println("kafka ceiling: failed: " + ceilingError);
        }
        System.out.println("-".repeat(header.length()));
        System.out.println("ceiling = accepted posts/s / ProducerPerformance records/s (steady, same records, same"
                + " producer settings); ingest = cores the ingest JVM used; busy = cores busy on the machine (of "
                + Runtime.getRuntime().availableProcessors() + ")");
        if (ceiling != null) {
            System.out.printf("kafka ceiling: %d records in %.1f s; whole run %.1f records/s (%.1f MiB/s), steady"
                    + " %.1f records/s; latency avg %.1f ms, p50 %d, p95 %d, p99 %d, max %.0f ms (pipelined: not"
                    + " comparable to request latency); producer JVM %.2f cores; %s, %d partitions%n",
                    ceiling.records(), ceiling.seconds(), ceiling.recordsPerSecond(), ceiling.mibPerSecond(),
                    ceiling.steadyRecordsPerSecond(), ceiling.avgMs(), ceiling.p50Ms(), ceiling.p95Ms(),
                    ceiling.p99Ms(), ceiling.maxMs(), ceiling.window().childrenCores(), ceiling.topic(),
                    ceiling.partitions());
            System.out.printf("kafka ceiling: cores %s%n", cores(ceiling.window()));
        }
        for (Run run : runs) {
            HttpLoad.Result r = run.load();
            StackProbe.Window w = run.window();
            System.out.printf("%s: cores %s%n", r.name(), cores(w));
            StringBuilder sizes = new StringBuilder();
            for (int i = 0; i < HttpLoad.SIZE_CLASSES.size(); i++) {
                org.HdrHistogram.Histogram h = r.latencyBySize().get(i);
                if (h.getTotalCount() > 0) {
                    sizes.append(String.format("%s%s bodies (%.0f%%): p50 %.1f, p99 %.1f ms", sizes.length() == 0
                            ? "" : "; ", HttpLoad.SIZE_CLASSES.get(i), 100.0 * h.getTotalCount() / r.accepted(),
                            h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0));
                }
            }
            System.out.println("  latency by body size: " + sizes);
            System.out.printf("  ingest: %.1f ms per POST by its own timer, of which %.1f ms in KafkaTemplate.send"
                    + " until the ack (serializing and lz4 happen in it); allocates %.0f MiB/s; GC %s pauses, %.2f s paused, longest %.0f ms; heap peak (sampled) %s; RSS peak %s%n",
                    w.serverMeanMs(), w.produceMeanMs(), w.allocatedMibPerSecond(),
                    Double.isNaN(w.gcPauses()) ? "?" : String.format("%.0f", w.gcPauses()), w.gcPauseSeconds(),
                    w.gcPauseMaxMs(), mib(w.heapUsedPeakBytes() / MIB), w.rssPeakKb() < 0 ? "?" : mib(w.rssPeakKb() / 1024.0));
            if (!r.errors().isEmpty()) {
                r.errors().forEach((kind, n) -> System.out.printf("  %d x %s: %s%n", n, kind,
                        r.errorSamples().getOrDefault(kind, "")));
            }
            if (r.errors().containsKey("http 401") || r.errors().containsKey("http 403")) {
                System.out.println("  the ingest service wants an API key: --api-key KEY");
            }
            if (options.fixedRate() && r.lagAtOpenMillis() > 100) {
                System.out.printf("  the run was %.0f ms behind schedule when the window opened: the warm-up left a"
                        + " backlog (a JVM still compiling?); a longer --warmup measures the steady state%n",
                        r.lagAtOpenMillis());
            }
            if (options.fixedRate() && r.postsPerSecond() < 0.95 * options.rate()) {
                System.out.printf("  %.0f/s asked, %.0f/s accepted: the service (or %d connections) cannot keep up;"
                        + " latencies include the wait%n", options.rate(), r.postsPerSecond(), r.concurrency());
            }
            if (run.profile() != null) {
                printProfile(run);
            }
        }
        System.out.printf("ingest service memory: heap used %s now, %s peak sampled, max %s; RSS %s now, %s peak%n",
                mib(memory.get("heapUsedNowMiB")), mib(memory.get("heapUsedPeakSampledMiB")),
                mib(memory.get("heapMaxMiB")), mib(memory.get("rssNowMiB")), mib(memory.get("rssPeakMiB")));
        targets(runs, ceiling, memory).forEach((target, verdict) -> System.out.printf("target %s: %s%n", target,
                verdict));
    }

    private static String cores(StackProbe.Window w) {
        return w.cores().entrySet().stream().map(e -> e.getKey() + " " + String.format("%.2f", e.getValue()))
                .collect(Collectors.joining(", ")) + String.format(" (machine busy %.2f of %d)", w.machineBusyCores(),
                Runtime.getRuntime().availableProcessors())
                + (w.others().isEmpty() ? "" : "; other: " + w.others().entrySet().stream()
                        .map(e -> e.getKey() + " " + String.format("%.2f", e.getValue()))
                        .collect(Collectors.joining(", ")));
    }

    private static void printProfile(Run run) {
        Map<String, Map<String, Long>> p = run.profile();
        long total = p.get("samples").get("total");
        System.out.printf("  JFR %s (%d samples):%n", run.profileFile(), total);
        for (String section : List.of("threads", "categories", "leaf methods", "ingest methods on the stack")) {
            System.out.println("    " + section + ":");
            p.get(section).entrySet().stream().limit(section.equals("leaf methods") ? 15 : 10).forEach(e ->
                    System.out.printf("      %5.1f%%  %s%n", 100.0 * e.getValue() / Math.max(1, total), e.getKey()));
        }
    }

    private Map<String, Object> report(Corpus corpus, List<Run> runs, KafkaCeiling.Result ceiling,
            String ceilingError, Map<String, Object> memory) {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("benchmark", "ingest");
        report.put("at", Instant.now().toString());
        report.put("ingest", options.ingest().toString());
        report.put("kafka", options.kafka());
        report.put("machine", Map.of("cores", Runtime.getRuntime().availableProcessors()));
        Map<String, Object> corpusInfo = new LinkedHashMap<>();
        corpusInfo.put("dir", options.corpus().toString());
        corpusInfo.put("pages", corpus.pages().size());
        corpusInfo.put("meanHtmlJsonKiB", corpus.meanJsonBytes() / 1024);
        report.put("corpus", corpusInfo);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", options.fixedRate() ? "rate" : "max");
        settings.put("rate", options.fixedRate() ? options.rate() : null);
        settings.put("concurrency", options.concurrencies());
        settings.put("durationSeconds", options.duration().toMillis() / 1000.0);
        settings.put("warmupSeconds", options.warmup().toMillis() / 1000.0);
        settings.put("apiKey", options.apiKey() != null);
        settings.put("consumersPaused", options.pauseConsumers());
        report.put("settings", settings);
        List<Object> runList = new ArrayList<>();
        for (Run run : runs) {
            runList.add(runReport(run, ceiling));
        }
        report.put("runs", runList);
        if (ceiling != null) {
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("tool", "org.apache.kafka.tools.ProducerPerformance (kafka-tools 4.1.2), --throughput -1");
            c.put("topic", ceiling.topic());
            c.put("rate", options.ceilingRate() > 0 ? options.ceilingRate() : "max");
            c.put("partitions", ceiling.partitions());
            c.put("replicationFactor", ceiling.replicationFactor());
            c.put("records", ceiling.records());
            c.put("meanRecordKiB", ceiling.meanRecordBytes() / 1024);
            c.put("seconds", ceiling.seconds());
            c.put("recordsPerSecond", ceiling.recordsPerSecond());
            c.put("mibPerSecond", ceiling.mibPerSecond());
            c.put("steadyRecordsPerSecond", ceiling.steadyRecordsPerSecond());
            c.put("steadyMibPerSecond", ceiling.steadyMibPerSecond());
            c.put("latencyMs", Map.of("avg", ceiling.avgMs(), "p50", ceiling.p50Ms(), "p95", ceiling.p95Ms(),
                    "p99", ceiling.p99Ms(), "p99.9", ceiling.p999Ms(), "max", ceiling.maxMs()));
            c.put("producerProps", ceiling.producerProps());
            c.put("producerCores", ceiling.window().childrenCores());
            c.put("cpuCores", ceiling.window().cores());
            c.put("otherProcessesCores", ceiling.window().others());
            c.put("machineBusyCores", ceiling.window().machineBusyCores());
            report.put("ceiling", c);
        } else {
            report.put("ceiling", ceilingError == null ? null : Map.of("error", ceilingError));
        }
        report.put("ingestMemory", memory);
        report.put("targets", targets(runs, ceiling, memory));
        return report;
    }

    private Map<String, Object> runReport(Run run, KafkaCeiling.Result ceiling) {
        HttpLoad.Result r = run.load();
        StackProbe.Window w = run.window();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", r.name());
        m.put("mode", options.fixedRate() ? "rate" : "max");
        m.put("targetRate", options.fixedRate() ? r.targetRate() : null);
        m.put("concurrency", r.concurrency());
        m.put("seconds", r.seconds());
        m.put("accepted", r.accepted());
        m.put("postsPerSecond", r.postsPerSecond());
        m.put("mibPerSecond", r.mibPerSecond());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", r.millis(50));
        latency.put("p90", r.millis(90));
        latency.put("p99", r.millis(99));
        latency.put("p99.9", r.millis(99.9));
        latency.put("max", r.maxMillis());
        latency.put("mean", r.latencyMicros().getTotalCount() == 0 ? null : r.latencyMicros().getMean() / 1000);
        latency.put("from", options.fixedRate() ? "intended send time" : "send time");
        m.put("latencyMs", latency);
        Map<String, Object> bySize = new LinkedHashMap<>();
        for (int i = 0; i < HttpLoad.SIZE_CLASSES.size(); i++) {
            org.HdrHistogram.Histogram h = r.latencyBySize().get(i);
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("share", r.accepted() == 0 ? null : (double) h.getTotalCount() / r.accepted());
            c.put("p50", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(50) / 1000.0);
            c.put("p99", h.getTotalCount() == 0 ? null : h.getValueAtPercentile(99) / 1000.0);
            c.put("max", h.getTotalCount() == 0 ? null : h.getMaxValue() / 1000.0);
            bySize.put(HttpLoad.SIZE_CLASSES.get(i), c);
        }
        m.put("latencyMsByBodySize", bySize);
        m.put("errors", r.errors());
        m.put("errorSamples", r.errorSamples());
        m.put("warmup", Map.of("accepted", r.warmupAccepted(), "errors", r.warmupErrors()));
        m.put("scheduleLagAtWindowOpenMs", options.fixedRate() ? r.lagAtOpenMillis() : null);
        m.put("ratioToCeiling", ratio(r, ceiling));
        m.put("cpuCores", w.cores());
        m.put("otherProcessesCores", w.others());
        m.put("machineBusyCores", w.machineBusyCores());
        Map<String, Object> ingest = new LinkedHashMap<>();
        ingest.put("heapUsedPeakSampledMiB", Double.isNaN(w.heapUsedPeakBytes()) ? null : w.heapUsedPeakBytes() / MIB);
        ingest.put("rssPeakSampledMiB", w.rssPeakKb() < 0 ? null : w.rssPeakKb() / 1024.0);
        ingest.put("serverMeanMs", w.serverMeanMs());
        ingest.put("produceMeanMs", w.produceMeanMs());
        ingest.put("allocatedMiBPerSecond", w.allocatedMibPerSecond());
        ingest.put("gcPauses", w.gcPauses());
        ingest.put("gcPauseSeconds", w.gcPauseSeconds());
        ingest.put("gcPauseMaxMs", w.gcPauseMaxMs());
        m.put("ingest", ingest);
        if (run.profile() != null) {
            Map<String, Object> profile = new LinkedHashMap<>(run.profile());
            profile.put("file", run.profileFile().toString());
            m.put("profile", profile);
        }
        return m;
    }

    /** Accepted posts/s over the ceiling's; none when the perf test ran at a set rate, not flat out. */
    private Double ratio(HttpLoad.Result r, KafkaCeiling.Result ceiling) {
        return ceiling == null || ceiling.ceilingRecordsPerSecond() <= 0 || options.ceilingRate() > 0 ? null
                : r.postsPerSecond() / ceiling.ceilingRecordsPerSecond();
    }

    private Map<String, Object> targets(List<Run> runs, KafkaCeiling.Result ceiling, Map<String, Object> memory) {
        Map<String, Object> targets = new LinkedHashMap<>();
        if (ceiling != null && !options.fixedRate()) {
            double best = runs.stream().mapToDouble(r -> r.load().postsPerSecond()).max().orElse(0);
            double ratio = best / ceiling.ceilingRecordsPerSecond();
            targets.put("ratio >= " + TARGET_RATIO, String.format("%s (best %.1f posts/s = %.1f%% of %.1f records/s)",
                    ratio >= TARGET_RATIO ? "met" : "NOT met", best, ratio * 100, ceiling.ceilingRecordsPerSecond()));
        }
        if (options.fixedRate()) {
            for (Run run : runs) {
                double p99 = run.load().millis(99);
                targets.put("p99 <= " + (int) TARGET_P99_MS + " ms (" + run.load().name() + ")",
                        String.format("%s (p99 %.1f ms at %.1f posts/s; at half the max rate only if %.0f/s is)",
                                p99 <= TARGET_P99_MS ? "met" : "NOT met", p99, run.load().postsPerSecond(),
                                options.rate()));
            }
        }
        if (memory.get("heapMaxMiB") instanceof Double max) {
            targets.put("heap <= " + (int) TARGET_HEAP_MIB + " MiB", String.format("%s (max heap %.0f MiB)",
                    max <= TARGET_HEAP_MIB ? "met" : "NOT met", max));
        }
        return targets;
    }

    private static String mib(Object value) {
        return value instanceof Double d && !d.isNaN() ? String.format("%.0f MiB", d) : "?";
    }

    private static String human(java.time.Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** The enrich and publish services, stopped (SIGSTOP) for the runs and continued (SIGCONT) after. */
    private static final class Consumers {
        static final Consumers NONE = new Consumers(List.of());
        private final List<Long> pids;
        private boolean resumed;

        private Consumers(List<Long> pids) {
            this.pids = pids;
        }

        static Consumers pause(StackProbe probe) {
            List<Long> pids = new ArrayList<>();
            for (String name : List.of("enrich", "publish")) {
                probe.pid(name).ifPresent(pid -> {
                    if (Processes.signal("STOP", pid)) {
                        pids.add(pid);
                        System.out.println("paused " + name + " (pid " + pid + ") for the runs");
                    }
                });
            }
            Consumers consumers = new Consumers(pids);
            Runtime.getRuntime().addShutdownHook(new Thread(consumers::resume, "bench-resume"));
            return consumers;
        }

        synchronized void resume() {
            if (resumed) {
                return;
            }
            resumed = true;
            for (long pid : pids) {
                Processes.signal("CONT", pid);
            }
            if (!pids.isEmpty()) {
                System.out.println("resumed the enrich and publish services (pid " + pids + ")");
            }
        }
    }
}
