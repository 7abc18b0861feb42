package io.newsflow.tools.offline;

import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.pages.PageCharsets;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.jsoup.Jsoup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ExtractionBenchmark IN_DIR [rounds] [seconds-per-round]}: single-thread, warm throughput
 * of {@link ArticleExtractor#fromHtmlBytes} over a folder of pages, with jsoup's bare
 * decode+parse measured in alternating rounds for scale. Alternating rounds and reporting the
 * median and best keep the figure meaningful on a machine shared with other builds. Pages are read
 * into memory first so disk and gzip costs are excluded.
 */
@Command(name = "bench-extraction", mixinStandardHelpOptions = true,
        description = "Extraction speed, one thread, warm: full extraction against the decode and parse alone, medians over alternating rounds.")
public final class ExtractionBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "folder of *.html[.gz] pages")
    Path pagesDir;

    @Parameters(index = "1", defaultValue = "7", description = "rounds (${DEFAULT-VALUE})")
    int rounds;

    @Parameters(index = "2", defaultValue = "2", description = "seconds per round (${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws IOException {
        List<PageFiles.Page> pages = new ArrayList<>();
        for (Path p : PageFiles.list(pagesDir)) {
            pages.add(PageFiles.read(p));
        }
        ArticleExtractor extractor = new ArticleExtractor();
        Work extract = page -> extractor.fromHtmlBytes(page.bytes(), null).body().length();
        Work parse = page -> Jsoup.parse(PageCharsets.decode(page.bytes())).childNodeSize();
        measure(pages, 5, extract); // warm-up
        measure(pages, 3, parse);
        double[] e = new double[rounds];
        double[] p = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            e[r] = measure(pages, seconds, extract);
            p[r] = measure(pages, seconds, parse);
        }
        Arrays.sort(e);
        Arrays.sort(p);
        System.out.printf("pages: %d, rounds: %d x %.1fs%n", pages.size(), rounds, seconds);
        System.out.printf("extract (decode+parse+extract): median %.1f pages/s, best %.1f pages/s%n",
                e[rounds / 2], e[rounds - 1]);
        System.out.printf("jsoup decode+parse only:        median %.1f pages/s, best %.1f pages/s%n",
                p[rounds / 2], p[rounds - 1]);
        return 0;
    }

    private interface Work {
        int run(PageFiles.Page page);
    }

    private static double measure(List<PageFiles.Page> pages, double seconds, Work work) {
        long sink = 0;
        long start = System.nanoTime();
        long endAt = start + (long) (seconds * 1e9);
        long done = 0;
        while (System.nanoTime() < endAt) {
            for (PageFiles.Page page : pages) {
                sink += work.run(page);
                done++;
            }
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (sink == 42) {
            System.out.println();
        }
        return done / elapsed;
    }
}
