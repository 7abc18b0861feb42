package io.newsflow.tools.bench;

import io.newsflow.tools.DurationConverter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The load options {@code bench-ingest} and {@code bench} share (a picocli mixin), read into an
 * {@link Options}. Relative paths are resolved against the repository root
 * ({@code -Dnewsflow.root}, set by {@code ./newsflow}), else the working directory.
 */
final class LoadOptions {

    @Option(names = "--ingest", defaultValue = "http://127.0.0.1:8081", description = "ingest service (${DEFAULT-VALUE})")
    String ingest;

    @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", description = "broker, for the ceilings (${DEFAULT-VALUE})")
    String kafka;

    @Option(names = "--corpus", defaultValue = "../shared/data/aeb-dev/html",
            description = "*.html and *.html.gz pages (${DEFAULT-VALUE})")
    String corpus;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
            description = "measured time per run: 500ms, 30s, 2m (${DEFAULT-VALUE})")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "10s", converter = DurationConverter.class,
            description = "unmeasured load before it (${DEFAULT-VALUE})")
    Duration warmup;

    @Option(names = {"-c", "--concurrency"}, split = ",", defaultValue = "8", paramLabel = "N[,N...]",
            description = "connections / in-flight requests; a list runs one after the other, e.g. 4,8,16 (${DEFAULT-VALUE})")
    List<Integer> concurrencies;

    @Option(names = "--max", description = "closed loop: each connection posts as fast as it is answered (the default)")
    boolean max;

    @Option(names = "--rate", converter = RateConverter.class, paramLabel = "N/s",
            description = "open loop at a fixed rate; latency is measured from the intended send time (no coordinated omission)")
    double rate;

    @Option(names = "--api-key", description = "sent as Authorization: Bearer KEY")
    String apiKey;

    @Option(names = "--ceiling", description = "also run Kafka's ProducerPerformance with the records ingest would write, "
            + "same producer settings")
    boolean ceiling;

    @Option(names = "--ceiling-records", description = "records for the ceiling run (default: sized for --ceiling-duration)")
    long ceilingRecords;

    @Option(names = "--ceiling-duration", defaultValue = "25s", converter = DurationConverter.class,
            description = "the ceiling run's target length (${DEFAULT-VALUE})")
    Duration ceilingDuration;

    @Option(names = "--ceiling-rate", converter = RateConverter.class, paramLabel = "N/s",
            description = "run the perf test at this rate instead of flat out: Kafka's own send-to-ack latency at a "
                    + "given rate (no ratio is computed then); implies --ceiling")
    double ceilingRate;

    @Option(names = "--producer-prop", paramLabel = "KEY=VALUE",
            description = "override a producer setting of the ceiling run (repeatable), e.g. batch.size=1048576")
    List<String> producerProps = new ArrayList<>();

    @Option(names = "--pause-consumers", description = "SIGSTOP the enrich and publish services (pids in var/run) during "
            + "the runs, SIGCONT after, so they do not compete for the CPU")
    boolean pauseConsumers;

    @Option(names = "--jfr", description = "record a JFR profile of the ingest service during each measured run and "
            + "print where it spends its time (JFR slows it by 20-30%%)")
    boolean jfr;

    @Option(names = "--timeout", defaultValue = "30s", converter = DurationConverter.class,
            description = "per-request timeout (${DEFAULT-VALUE})")
    Duration requestTimeout;

    @Option(names = "--out", defaultValue = "var/bench", description = "where the JSON report goes (${DEFAULT-VALUE})")
    String out;

    Options toOptions() {
        Path root = Path.of(System.getProperty("newsflow.root", "")).toAbsolutePath().normalize();
        if (duration.isZero()) {
            throw new TypeConversionException("--duration must be positive");
        }
        for (String prop : producerProps) {
            if (!prop.matches("[a-z0-9.]+=[^=]+")) {
                throw new TypeConversionException("--producer-prop takes KEY=VALUE, not '" + prop + "'");
            }
        }
        for (int concurrency : concurrencies) {
            if (concurrency <= 0) {
                throw new TypeConversionException("--concurrency must be positive");
            }
        }
        return new Options(URI.create(ingest.replaceAll("/+$", "")), kafka, root.resolve(corpus).normalize(), duration,
                warmup, List.copyOf(concurrencies), max ? 0 : rate, apiKey, ceiling || ceilingRate > 0, ceilingRecords,
                ceilingDuration, ceilingRate, List.copyOf(producerProps), pauseConsumers, jfr, requestTimeout, root,
                root.resolve(out).normalize());
    }

    /** 400/s (or 400). */
    static final class RateConverter implements ITypeConverter<Double> {
        private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(?:/s)?");

        @Override
        public Double convert(String value) {
            Matcher m = RATE.matcher(value.trim());
            if (!m.matches() || Double.parseDouble(m.group(1)) <= 0) {
                throw new TypeConversionException("'" + value + "' is not a rate such as 400/s");
            }
            return Double.parseDouble(m.group(1));
        }
    }
}
