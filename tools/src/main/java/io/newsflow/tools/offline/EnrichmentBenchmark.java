package io.newsflow.tools.offline;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleReceived;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code EnrichmentBenchmark IN_DIR [rounds] [seconds-per-round]}: single-thread, warm throughput
 * of the whole pipeline (extraction and every enricher) over a folder of real pages, the time
 * share of each step, the data start-up time and the heap the loaded data holds. Pages are read
 * and decoded into memory first, so disk and charset costs are excluded; the median of several
 * rounds keeps the figure meaningful on a machine shared with other work.
 */
@Command(name = "bench-enrichment", mixinStandardHelpOptions = true,
        description = "The whole enrichment pipeline, one thread, warm: articles/s, the time share of each step, data start-up time and heap, CPU per article.")
public final class EnrichmentBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "folder of *.html[.gz] pages")
    Path pagesDir;

    @Parameters(index = "1", defaultValue = "5", description = "rounds (${DEFAULT-VALUE})")
    int rounds;

    @Parameters(index = "2", defaultValue = "3", description = "seconds per round (${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws IOException {
        List<ArticleReceived> articles = new ArrayList<>();
        for (Path file : PageFiles.list(pagesDir)) {
            PageFiles.Page page = PageFiles.read(file);
            articles.add(page.asArticle(page.id(), null));
        }
        long heapBefore = usedHeapAfterGc();
        long loadStart = System.nanoTime();
        EnrichmentPipeline warm = EnrichmentPipeline.standard(Clock.systemUTC(), new SimpleMeterRegistry());
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        long dataHeap = usedHeapAfterGc() - heapBefore;
        long words = 0;
        for (ArticleReceived article : articles) {
            words += warm.enrich(article, 1).wordCount();
        }
        measure(warm, articles, seconds * 2);
        // a fresh registry, so the step shares cover the measured rounds only
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        EnrichmentPipeline pipeline = EnrichmentPipeline.standard(Clock.systemUTC(), registry);
        double[] rates = new double[rounds];
        JvmCpu before = JvmCpu.ofThisJvm();
        long threadBefore = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        long enriched = 0;
        for (int r = 0; r < rounds; r++) {
            Round round = measure(pipeline, articles, seconds);
            rates[r] = round.rate();
            enriched += round.articles();
        }
        JvmCpu spent = JvmCpu.ofThisJvm().minus(before);
        double threadSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - threadBefore) / 1e9;
        Arrays.sort(rates);
        double meanWords = (double) words / articles.size();
        System.out.printf("pages: %d (mean %.0f body words), rounds: %d x %.1fs, one thread%n", articles.size(),
                meanWords, rounds, seconds);
        System.out.printf("pipeline: median %.1f articles/s, best %.1f articles/s (%.2f ms/article; %.0f words/s)%n",
                rates[rounds / 2], rates[rounds - 1], 1000 / rates[rounds / 2], rates[rounds / 2] * meanWords);
        System.out.printf("data start-up: %.2f s, heap held by the loaded pipeline: %d MiB%n", loadSeconds,
                dataHeap >> 20);
        System.out.printf("CPU per article: %.2f ms on the enriching thread; %.2f ms for the whole JVM, of which "
                        + "garbage collection %.2f ms and JIT compilation %.2f ms%n", 1000 * threadSeconds / enriched,
                1000 * spent.seconds() / enriched, 1000 * spent.gcSeconds() / enriched,
                1000 * spent.jitSeconds() / enriched);
        List<Timer> steps = new ArrayList<>(registry.find("newsflow.enrich.step").timers());
        double total = steps.stream().mapToDouble(t -> t.totalTime(TimeUnit.NANOSECONDS)).sum();
        steps.sort(Comparator.comparingDouble((Timer t) -> t.totalTime(TimeUnit.NANOSECONDS)).reversed());
        System.out.println("share of pipeline time by step:");
        for (Timer timer : steps) {
            System.out.printf("  %-12s %5.1f%%  %7.3f ms/article%n", timer.getId().getTag("step"),
                    100 * timer.totalTime(TimeUnit.NANOSECONDS) / total, timer.mean(TimeUnit.MILLISECONDS));
        }
        return 0;
    }

    /** Articles enriched in a round, and how long it took. */
    private record Round(long articles, double seconds) {
        double rate() {
            return articles / seconds;
        }
    }

    private static Round measure(EnrichmentPipeline pipeline, List<ArticleReceived> articles, double seconds) {
        long sink = 0;
        long start = System.nanoTime();
        long endAt = start + (long) (seconds * 1e9);
        long done = 0;
        while (System.nanoTime() < endAt) {
            for (ArticleReceived article : articles) {
                sink += pipeline.enrich(article, 1).wordCount();
                done++;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return new Round(done, (System.nanoTime() - start) / 1e9);
    }

    private static long usedHeapAfterGc() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
