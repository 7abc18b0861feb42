package io.newsflow.tools.bench;

import io.newsflow.tools.offline.JvmCpu;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the machine and the stack did during a measured window: CPU of each stack process (pids
 * from {@code var/run/NAME.pid}, as {@code ./newsflow up} writes them), of this harness and of
 * the whole machine, from {@code /proc}; the ingest service's heap (its actuator metrics) and
 * resident memory, sampled every second.
 */
final class StackProbe {

    /** Linux reports process CPU in clock ticks of 1/100 s (USER_HZ) on every common platform. */
    private static final double TICKS_PER_SECOND = 100;
    /** The stack's processes by their var/run pid files; enrich-2 is a second enrich instance ({@code scale}). */
    private static final List<String> COMPONENTS = List.of("ingest", "kafka", "elasticsearch", "enrich", "enrich-2",
            "publish");
    private static final Pattern MEASUREMENT = Pattern.compile(
            "\"statistic\"\\s*:\\s*\"(\\w+)\"\\s*,\\s*\"value\"\\s*:\\s*([-+0-9.eE]+|\"?NaN\"?)");

    private final Path runDir;
    private final URI ingest;
    private final HttpClient http;

    StackProbe(Options options, HttpClient http) {
        this.runDir = options.root().resolve("var/run");
        this.ingest = options.ingest();
        this.http = http;
    }

    /**
     * The pid of a component started by {@code ./newsflow up}, if it runs; for the ingest service,
     * only if it is the one benchmarked (same port), not when --ingest points at another instance.
     */
    OptionalLong pid(String component) {
        if (component.equals("ingest") && !ingestIsTheStacks()) {
            return OptionalLong.empty();
        }
        Path file = component.equals("elasticsearch") ? elasticsearchPidFile() : runDir.resolve(component + ".pid");
        if (file == null || !Files.isReadable(file)) {
            return OptionalLong.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(file).trim());
            return Files.isDirectory(Path.of("/proc/" + pid)) ? OptionalLong.of(pid) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private boolean ingestIsTheStacks() {
        int port = ingest.getPort() > 0 ? ingest.getPort() : 80;
        try {
            return Integer.parseInt(Files.readString(runDir.resolve("ingest.port")).trim()) == port;
        } catch (IOException | NumberFormatException e) {
            return true; // no port file: trust the pid file
        }
    }

    /** Elasticsearch's server JVM (the launcher's pid is in var/run; the server's in its base folder). */
    private Path elasticsearchPidFile() {
        try {
            Path base = Path.of(Files.readString(runDir.resolve("elasticsearch.base")).trim());
            return base.resolve("es.pid");
        } catch (IOException e) {
            return runDir.resolve("elasticsearch.pid");
        }
    }

    /** CPU time (user + system) of a process, in seconds. */
    static double cpuSeconds(long pid) {
        return JvmCpu.processSeconds(pid);
    }

    /** CPU time of this process's children that have exited and been waited for (a subprocess). */
    static double childrenCpuSeconds() {
        String[] f = statFields(ProcessHandle.current().pid());
        return f == null ? Double.NaN : (Long.parseLong(f[13]) + Long.parseLong(f[14])) / TICKS_PER_SECOND;
    }

    /** Fields of /proc/PID/stat after the command name; f[0] is field 3 (state). */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** CPU seconds of every process on the machine, by pid. */
    static Map<Long, Double> allProcessesCpu() {
        Map<Long, Double> all = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.map(p -> p.getFileName().toString()).filter(name -> name.chars().allMatch(Character::isDigit))
                    .forEach(name -> {
                        long pid = Long.parseLong(name);
                        double cpu = cpuSeconds(pid);
                        if (!Double.isNaN(cpu)) {
                            all.put(pid, cpu);
                        }
                    });
        } catch (IOException e) {
            // no /proc: nothing to attribute
        }
        return all;
    }

    /** A short name for a process: what a developer would call it. */
    static String label(long pid) {
        String cmdline;
        try {
            cmdline = new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")),
                    java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            cmdline = "";
        }
        if (cmdline.contains("plexus-classworlds")) {
            return "maven";
        } else if (cmdline.contains("surefirebooter")) {
            return "surefire tests";
        } else if (cmdline.contains("failsafe") || cmdline.contains("Failsafe")) {
            return "failsafe tests";
        }
        Matcher jar = Pattern.compile("-jar (\\S+)").matcher(cmdline);
        if (jar.find()) {
            return Path.of(jar.group(1)).getFileName().toString();
        }
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).trim();
        } catch (IOException e) {
            return "pid " + pid;
        }
    }

    /** {busy, total} seconds of all CPUs of the machine since boot. */
    static double[] machineCpuSeconds() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < Math.min(f.length, 9); i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new double[] {(total - idle) / TICKS_PER_SECOND, total / TICKS_PER_SECOND};
        } catch (IOException | RuntimeException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }

    /** A line of /proc/PID/status in KiB (VmRSS: resident now, VmHWM: resident peak). */
    static OptionalLong statusKb(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith(field + ":")) {
                    return OptionalLong.of(Long.parseLong(line.replaceAll("[^0-9]", "")));
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return OptionalLong.empty();
    }

    /** A statistic of an actuator metric of the ingest service (e.g. jvm.memory.used, area:heap, VALUE). */
    Optional<Double> metric(String name, String tag, String statistic) {
        try {
            URI uri = ingest.resolve("/actuator/metrics/" + name + (tag == null ? "" : "?tag=" + tag));
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(3))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            Matcher m = MEASUREMENT.matcher(response.body());
            while (m.find()) {
                if (m.group(1).equals(statistic) && !m.group(2).contains("NaN")) {
                    return Optional.of(Double.parseDouble(m.group(2)));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not exposed, or the service is busy: leave it out
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Optional.empty();
    }

    /** Whether the ingest service answers its readiness probe, with its answer. */
    String readiness() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(ingest.resolve("/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body();
        } catch (IOException e) {
            return "unreachable (" + e.getClass().getSimpleName() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    Window window() {
        return new Window();
    }

    /**
     * Cumulative metrics of the ingest service read at both ends of a window: {name, tag,
     * statistic}. The request and produce timers split a request's time between the broker's
     * acknowledgement and everything else (reading, parsing, validating, serializing).
     */
    private static final Map<String, String[]> COUNTERS = Map.of(
            "gcPauses", new String[] {"jvm.gc.pause", null, "COUNT"},
            "gcPauseSeconds", new String[] {"jvm.gc.pause", null, "TOTAL_TIME"},
            "allocatedBytes", new String[] {"jvm.gc.memory.allocated", null, "COUNT"},
            "requests", new String[] {"http.server.requests", "uri:/api/v1/articles", "COUNT"},
            "requestSeconds", new String[] {"http.server.requests", "uri:/api/v1/articles", "TOTAL_TIME"},
            "produces", new String[] {"newsflow.ingest.produce", null, "COUNT"},
            "produceSeconds", new String[] {"newsflow.ingest.produce", null, "TOTAL_TIME"});

    /** One measured window: open it, close it, read what happened in between. */
    final class Window {
        private final Map<String, Long> pids = new LinkedHashMap<>();
        private final Map<String, Double> cpuAtOpen = new LinkedHashMap<>();
        private final Map<String, Double> cores = new LinkedHashMap<>();
        private final Map<String, Double> countersAtOpen = new LinkedHashMap<>();
        private final Map<String, Double> counters = new LinkedHashMap<>();
        private Map<Long, Double> allAtOpen = Map.of();
        private final Map<String, Double> others = new LinkedHashMap<>();
        private double[] machineAtOpen;
        private double childrenAtOpen;
        private long openedAt;
        private double seconds;
        private double machineBusyCores = Double.NaN;
        private double childrenCores = Double.NaN;
        private volatile double heapUsedPeak = Double.NaN;
        private double gcPauseMax = Double.NaN;
        private volatile long rssPeakKb = -1;
        private ScheduledExecutorService sampler;

        void open() {
            for (String component : COMPONENTS) {
                pid(component).ifPresent(pid -> pids.put(component, pid));
            }
            pids.put("bench", ProcessHandle.current().pid());
            COUNTERS.forEach((key, m) -> countersAtOpen.put(key, metric(m[0], m[1], m[2]).orElse(Double.NaN)));
            openedAt = System.nanoTime();
            pids.forEach((name, pid) -> cpuAtOpen.put(name, cpuSeconds(pid)));
            machineAtOpen = machineCpuSeconds();
            childrenAtOpen = childrenCpuSeconds();
            allAtOpen = allProcessesCpu();
            sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "bench-probe");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleAtFixedRate(this::sample, 0, 1, TimeUnit.SECONDS);
        }

        private void sample() {
            metric("jvm.memory.used", "area:heap", "VALUE").ifPresent(used -> {
                if (Double.isNaN(heapUsedPeak) || used > heapUsedPeak) {
                    heapUsedPeak = used;
                }
            });
            Long ingestPid = pids.get("ingest");
            if (ingestPid != null) {
                statusKb(ingestPid, "VmRSS").ifPresent(kb -> rssPeakKb = Math.max(rssPeakKb, kb));
            }
        }

        void close() {
            seconds = (System.nanoTime() - openedAt) / 1e9;
            for (String component : COMPONENTS) {
                if (!pids.containsKey(component)) {
                    // started inside the window (a second instance): all of its CPU time is in it
                    pid(component).ifPresent(pid -> {
                        pids.put(component, pid);
                        cpuAtOpen.put(component, 0.0);
                    });
                }
            }
            pids.forEach((name, pid) -> cores.put(name, (cpuSeconds(pid) - cpuAtOpen.get(name)) / seconds));
            double[] machine = machineCpuSeconds();
            machineBusyCores = (machine[0] - machineAtOpen[0]) / seconds;
            childrenCores = (childrenCpuSeconds() - childrenAtOpen) / seconds;
            Map<Long, Double> allAtClose = allProcessesCpu();
            Map<String, Double> byLabel = new LinkedHashMap<>();
            allAtClose.forEach((pid, cpu) -> {
                if (!pids.containsValue(pid)) {
                    double used = (cpu - allAtOpen.getOrDefault(pid, 0.0)) / seconds;
                    byLabel.merge(label(pid), used, Double::sum);
                }
            });
            byLabel.entrySet().stream().filter(e -> e.getValue() >= 0.03)
                    .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(4)
                    .forEach(e -> others.put(e.getKey(), e.getValue()));
            if (sampler != null) {
                sampler.shutdownNow();
            }
            COUNTERS.forEach((key, m) -> counters.put(key,
                    metric(m[0], m[1], m[2]).orElse(Double.NaN) - countersAtOpen.get(key)));
            // Micrometer's MAX is the longest in its last ~2 minutes: close enough to the window's.
            gcPauseMax = metric("jvm.gc.pause", null, "MAX").orElse(Double.NaN);
        }

        /**
         * Cores (CPU seconds per second) each process used, by component name, plus "bench" (this
         * harness), "producer-perf" (the ceiling's producer JVM, once it exited) and "other" (the rest
         * of the machine: builds, editors...).
         */
        Map<String, Double> cores() {
            Map<String, Double> all = new LinkedHashMap<>(cores);
            if (childrenCores > 0.005) {
                all.put("producer-perf", childrenCores);
            }
            double known = all.values().stream().filter(d -> !Double.isNaN(d)).mapToDouble(Double::doubleValue)
                    .sum();
            all.put("other", Math.max(0, machineBusyCores - known));
            return all;
        }

        /**
         * The busiest other processes in the window (cores; those that started and ended inside it
         * are missed, they count in "other" only), e.g. a build sharing the machine.
         */
        Map<String, Double> others() {
            return others;
        }

        /** Cores used by this harness's exited subprocesses (the ceiling's producer). */
        double childrenCores() {
            return childrenCores;
        }

        double machineBusyCores() {
            return machineBusyCores;
        }

        double seconds() {
            return seconds;
        }

        double heapUsedPeakBytes() {
            return heapUsedPeak;
        }

        long rssPeakKb() {
            return rssPeakKb;
        }

        /** GC pause time of the ingest service in the window, seconds (NaN when not exposed). */
        double gcPauseSeconds() {
            return counters.getOrDefault("gcPauseSeconds", Double.NaN);
        }

        /** Longest GC pause of the ingest service in about the last two minutes, ms. */
        double gcPauseMaxMs() {
            return gcPauseMax * 1000;
        }

        double gcPauses() {
            return counters.getOrDefault("gcPauses", Double.NaN);
        }

        /** What the ingest service allocated per second, MiB. */
        double allocatedMibPerSecond() {
            return counters.getOrDefault("allocatedBytes", Double.NaN) / seconds / (1024 * 1024);
        }

        /** Mean time the ingest service spent on a POST, by its own timer, ms. */
        double serverMeanMs() {
            return 1000 * counters.getOrDefault("requestSeconds", Double.NaN) / counters.getOrDefault("requests",
                    Double.NaN);
        }

        /**
         * Mean time from handing a record to the producer to the broker's acknowledgement, ms: it
         * includes serializing and compressing the record, which the producer does in send().
         */
        double produceMeanMs() {
            return 1000 * counters.getOrDefault("produceSeconds", Double.NaN) / counters.getOrDefault("produces",
                    Double.NaN);
        }
    }
}
