package io.newsflow.tools.offline;

import io.newsflow.contracts.EventJson;
import io.newsflow.enrich.stream.Warmup;
import io.newsflow.tools.DurationConverter;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code bench-warmup IN_DIR}: what the JIT still has to do for real pages once the enrich
 * service's start-up warm-up is over. It runs the service's own warm-up (its built-in samples, its
 * count, its settling rule, its time limit), then real pages down the same record path (JSON read,
 * re-post filter, pipeline, enriched JSON written), round after round, and reports for each round
 * the time per article and the compilers' time.
 *
 * <p>Why a benchmark of its own: on a fresh stack the first minute's latency is set by how much
 * the JIT competes with the consumers for the cores, and a stack run is too noisy (other JVMs
 * compiling, the broker, Elasticsearch) to tell one warm-up from another; here one JVM does one
 * thing, so the compilers' time is a figure that repeats. Run it with the JVM options of the
 * service ({@code ./newsflow bench-warmup} does) to measure what the service would do.
 */
@Command(name = "bench-warmup", mixinStandardHelpOptions = true,
        description = "The enrich service's warm-up, then real pages down the same path: how much the JIT still compiles, and the time per article, round by round.")
public final class WarmupBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "folder of *.html[.gz] pages")
    Path pagesDir;

    @Option(names = "--rounds", defaultValue = "30", description = "rounds over the pages after the warm-up (${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup-articles", defaultValue = "6000",
            description = "the warm-up's count, as the service's newsflow.enrich.warmup.articles (${DEFAULT-VALUE}; 0: no warm-up)")
    int warmupArticles;

    @Option(names = "--warmup-max-time", defaultValue = "90s", converter = DurationConverter.class,
            description = "the warm-up's time limit, as the service's newsflow.enrich.warmup.max-time (${DEFAULT-VALUE})")
    Duration warmupMaxTime;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (rounds < 3) {
            throw new IllegalArgumentException("--rounds must be 3 or more, was " + rounds);
        }
        PrintWriter out = spec.commandLine().getOut();
        List<byte[]> records = records(pagesDir); // PageFiles says so when there are none
        Warmup.Path path = Warmup.path(8 * 1024 * 1024);
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(option -> option.startsWith("-XX:")).toList();
        out.println("JVM options: " + (jvmOptions.isEmpty() ? "the JVM's defaults" : String.join(" ", jvmOptions)));
        long start = Warmup.compilationMillis();
        if (start < 0) {
            throw new IllegalStateException("this JVM does not report its compilers' time");
        }
        if (warmupArticles > 0) {
            Warmup.Result warm = Warmup.run(path, warmupArticles, warmupMaxTime);
            out.printf("warm-up: %d samples in %.1f s, JIT %s, compilers' time %.1f s%n", warm.articles(),
                    warm.took().toMillis() / 1e3, warm.settled() ? "settled" : "still compiling at the time limit",
                    (Warmup.compilationMillis() - start) / 1e3);
        } else {
            out.println("warm-up: none");
        }
        double[] msPerArticle = new double[rounds];
        double[] compiling = new double[rounds];
        out.printf("real pages: %d per round, %d rounds%n round  ms/article  compilers' time (s)%n", records.size(),
                rounds);
        for (int r = 0; r < rounds; r++) {
            long compiled = Warmup.compilationMillis();
            long began = System.nanoTime();
            int written = 0;
            for (byte[] record : records) {
                written += path.handle(record) ? 1 : 0;
            }
            if (written != records.size()) {
                throw new IllegalStateException((records.size() - written) + " pages were not enriched");
            }
            msPerArticle[r] = (System.nanoTime() - began) / 1e6 / records.size();
            compiling[r] = (Warmup.compilationMillis() - compiled) / 1e3;
            out.printf(" %5d  %10.2f  %8.2f%n", r + 1, msPerArticle[r], compiling[r]);
        }
        int third = rounds / 3;
        double[] last = Arrays.copyOfRange(msPerArticle, rounds - third, rounds);
        Arrays.sort(last);
        out.printf("compilers' time on real pages: %.1f s in all, %.1f s in the first third of the rounds, %.1f s in"
                        + " the last third%n", Arrays.stream(compiling).sum(),
                Arrays.stream(compiling, 0, third).sum(), Arrays.stream(compiling, rounds - third, rounds).sum());
        out.printf("ms/article: first round %.2f, median of the last third %.2f%n", msPerArticle[0],
                last[last.length / 2]);
        return 0;
    }

    /** Each page as a {@code news.raw} record value, with an id and URL of its own. */
    private static List<byte[]> records(Path dir) throws IOException {
        List<byte[]> records = new ArrayList<>();
        for (Path file : PageFiles.list(dir)) {
            PageFiles.Page page = PageFiles.read(file);
            records.add(EventJson.mapper().writeValueAsBytes(
                    page.asArticle(String.format("%032x", records.size() + 1), "https://bench.invalid/" + page.id())));
        }
        return records;
    }
}
