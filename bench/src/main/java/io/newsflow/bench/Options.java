package io.newsflow.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The command line of {@link IngestBenchmark}. Relative paths are resolved against the
 * repository root ({@code -Dnewsflow.root}, set by {@code ./newsflow bench-ingest}), else the
 * working directory.
 */
record Options(
        URI ingest,
        String kafka,
        Path corpus,
        Duration duration,
        Duration warmup,
        List<Integer> concurrencies,
        double rate,
        String apiKey,
        boolean ceiling,
        long ceilingRecords,
        Duration ceilingDuration,
        double ceilingRate,
        List<String> producerProps,
        boolean pauseConsumers,
        boolean jfr,
        Duration requestTimeout,
        Path root,
        Path out) {

    static final String USAGE = """
            usage: IngestBenchmark [options]   (./newsflow bench-ingest [options])

            Posts real news pages to POST /api/v1/articles of a running ingest service and reports
            accepted posts/s, MiB/s, latency percentiles and errors; with --ceiling, first measures
            what Kafka's own producer perf test does with the same payloads on the same broker.

              --ingest URL          ingest service (default http://127.0.0.1:8081)
              --kafka HOST:PORT     broker, for --ceiling (default 127.0.0.1:9092)
              --corpus DIR          *.html and *.html.gz pages (default ../shared/data/aeb-dev/html)
              --duration D          measured time per run (default 30s; 500ms, 30s, 2m)
              --warmup D            unmeasured load before it (default 10s)
              --concurrency N[,N..] connections / in-flight requests; a list runs one after the
                                    other, e.g. 4,8,16 (default 8)
              --max                 closed loop, each connection posts as fast as it is answered
                                    (default)
              --rate N/s            open loop at a fixed rate; latency is measured from the
                                    intended send time (no coordinated omission)
              --api-key KEY         sent as Authorization: Bearer KEY
              --ceiling             also run org.apache.kafka.tools.ProducerPerformance with the
                                    records ingest would write, same producer settings
              --ceiling-records N   records for the ceiling run (default: sized for --ceiling-duration)
              --ceiling-duration D  the ceiling run's target length (default 25s)
              --ceiling-rate N/s    run the perf test at this rate instead of flat out: Kafka's own
                                    send-to-ack latency at a given rate, the floor under ingest's
                                    latency at that rate (no ratio is computed then)
              --producer-prop K=V   override a producer setting of the ceiling run (repeatable),
                                    e.g. batch.size=1048576, to try settings before changing ingest
              --pause-consumers     SIGSTOP the enrich and publish services (pids in var/run) during
                                    the runs, SIGCONT after, so they do not compete for the CPU
              --jfr                 record a JFR profile of the ingest service during each measured
                                    run (needs var/run/ingest.pid) and print where it spends its time
                                    (JFR slows it by 20-30%: use it for where, not for how fast)
              --timeout D           per-request timeout (default 30s)
              --out DIR             where the JSON report goes (default var/bench)
            """;

    private static final java.util.Set<String> VALUED = java.util.Set.of("--ingest", "--kafka", "--corpus",
            "--duration", "--warmup", "--concurrency", "-c", "--rate", "--api-key", "--ceiling-records",
            "--ceiling-duration", "--ceiling-rate", "--producer-prop", "--timeout", "--out");
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)?");
    private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/s)?");

    static Options parse(String[] args) {
        Path root = Path.of(System.getProperty("newsflow.root", "")).toAbsolutePath().normalize();
        URI ingest = URI.create("http://127.0.0.1:8081");
        String kafka = "127.0.0.1:9092";
        String corpus = "../shared/data/aeb-dev/html";
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(10);
        List<Integer> concurrencies = List.of(8);
        double rate = 0;
        String apiKey = null;
        boolean ceiling = false;
        long ceilingRecords = 0;
        Duration ceilingDuration = Duration.ofSeconds(25);
        double ceilingRate = 0;
        List<String> producerProps = new ArrayList<>();
        boolean pause = false;
        boolean jfr = false;
        Duration timeout = Duration.ofSeconds(30);
        String out = "var/bench";
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                value = arg.substring(eq + 1);
                arg = arg.substring(0, eq);
            }
            switch (arg) {
                case "--max" -> rate = 0;
                case "--ceiling" -> ceiling = true;
                case "--pause-consumers" -> pause = true;
                case "--jfr" -> jfr = true;
                case "-h", "--help" -> throw new UsageException(null);
                default -> {
                    if (!VALUED.contains(arg)) {
                        throw new UsageException("unknown option '" + arg + "'");
                    }
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new UsageException(arg + " needs a value");
                        }
                        value = args[++i];
                    }
                    switch (arg) {
                        case "--ingest" -> ingest = URI.create(value.replaceAll("/+$", ""));
                        case "--kafka" -> kafka = value;
                        case "--corpus" -> corpus = value;
                        case "--duration" -> duration = duration(arg, value);
                        case "--warmup" -> warmup = duration(arg, value);
                        case "--concurrency", "-c" -> concurrencies = concurrencies(value);
                        case "--rate" -> rate = rate(value);
                        case "--api-key" -> apiKey = value;
                        case "--ceiling-records" -> ceilingRecords = positive(arg, value);
                        case "--ceiling-duration" -> ceilingDuration = duration(arg, value);
                        case "--ceiling-rate" -> {
                            ceilingRate = rate(value);
                            ceiling = true;
                        }
                        case "--producer-prop" -> {
                            if (!value.matches("[a-z0-9.]+=[^=]+")) {
                                throw new UsageException("--producer-prop takes KEY=VALUE, not '" + value + "'");
                            }
                            producerProps.add(value);
                        }
                        case "--timeout" -> timeout = duration(arg, value);
                        case "--out" -> out = value;
                        default -> throw new UsageException("unknown option '" + arg + "'");
                    }
                }
            }
        }
        if (duration.isZero()) {
            throw new UsageException("--duration must be positive");
        }
        return new Options(ingest, kafka, root.resolve(corpus).normalize(), duration, warmup, concurrencies,
                rate, apiKey, ceiling, ceilingRecords, ceilingDuration, ceilingRate, List.copyOf(producerProps), pause, jfr,
                timeout, root, root.resolve(out).normalize());
    }

    boolean fixedRate() {
        return rate > 0;
    }

    static Duration duration(String option, String value) {
        Matcher m = DURATION.matcher(value.trim());
        if (!m.matches()) {
            throw new UsageException(option + ": '" + value + "' is not a duration such as 500ms, 30s or 2m");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double millis = switch (unit) {
            case "ms" -> amount;
            case "m" -> amount * 60_000;
            default -> amount * 1000;
        };
        return Duration.ofMillis(Math.round(millis));
    }

    private static List<Integer> concurrencies(String value) {
        List<Integer> list = new ArrayList<>();
        for (String part : value.split(",")) {
            list.add((int) positive("--concurrency", part.trim()));
        }
        return List.copyOf(list);
    }

    private static double rate(String value) {
        Matcher m = RATE.matcher(value.trim());
        if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
            throw new UsageException("--rate: '" + value + "' is not a rate such as 400/s");
        }
        return Double.parseDouble(m.group(1));
    }

    private static long positive(String option, String value) {
        try {
            long n = Long.parseLong(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new UsageException(option + ": '" + value + "' is not a positive number");
    }

    /** A bad command line; a null message asks for the usage text only. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}
