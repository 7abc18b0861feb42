package io.newsflow.tools.offline;

import io.newsflow.enrich.entities.EntityRecognizer;
import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code EntityBenchmark PAGES_DIR [rounds] [seconds-per-round]}: data load time and heap, then
 * single-thread warm time of {@link EntityRecognizer#recognize} per article over the bodies
 * extracted from a folder of pages ({@code .html} or {@code .html.gz}), scaled to a 600-word
 * article. Segmentation ({@link TextAnalysis#of}) is computed once per article by the pipeline
 * and shared, so it is measured apart.
 */
@Command(name = "bench-entities", mixinStandardHelpOptions = true,
        description = "Entity recognition alone, one thread, warm, over the bodies extracted from a folder of pages.")
public final class EntityBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "folder of *.html[.gz] pages")
    Path pagesDir;

    @Parameters(index = "1", defaultValue = "5", description = "rounds (${DEFAULT-VALUE})")
    int rounds;

    @Parameters(index = "2", defaultValue = "2", description = "seconds per round (${DEFAULT-VALUE})")
    double seconds;

    @Override
    public Integer call() throws IOException {
        List<String> bodies = new ArrayList<>();
        ArticleExtractor extractor = new ArticleExtractor();
        List<Path> files;
        try (Stream<Path> s = Files.walk(pagesDir)) {
            files = s.filter(p -> p.toString().endsWith(".html") || p.toString().endsWith(".html.gz")).sorted()
                    .toList();
        }
        for (Path p : files) {
            byte[] bytes;
            try (InputStream in = p.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p))
                    : Files.newInputStream(p)) {
                bytes = in.readAllBytes();
            }
            String body = extractor.fromHtmlBytes(bytes, null).body();
            if (body != null && !body.isBlank()) {
                bodies.add(body);
            }
        }
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heapBefore = rt.totalMemory() - rt.freeMemory();
        long t0 = System.nanoTime();
        EntityRecognizer recognizer = EntityRecognizer.standard();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        System.gc();
        long heapAfter = rt.totalMemory() - rt.freeMemory();

        List<TextAnalysis> analyses = bodies.stream().map(TextAnalysis::of).toList();
        long words = analyses.stream().mapToLong(a -> a.tokens().stream().filter(t -> t.word()).count()).sum();
        double wordsPerArticle = (double) words / analyses.size();
        int entities = 0;
        for (TextAnalysis a : analyses) {
            entities += recognizer.recognize(a, "en").size();
        }
        measure(analyses, recognizer, 3); // warm-up
        double[] ms = new double[rounds];
        double[] seg = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ms[r] = measure(analyses, recognizer, seconds);
            seg[r] = measureSegmentation(bodies, seconds / 2);
        }
        Arrays.sort(ms);
        Arrays.sort(seg);
        System.out.printf("bodies: %d, %.0f words on average, %.1f entities per article%n", analyses.size(),
                wordsPerArticle, (double) entities / analyses.size());
        System.out.printf("data load: %d ms, heap for the data: about %d MB%n", loadMs,
                (heapAfter - heapBefore) / (1024 * 1024));
        System.out.printf("recognize: median %.3f ms/article (best %.3f), %.3f ms per 600 words%n", ms[rounds / 2],
                ms[0], ms[rounds / 2] * 600 / wordsPerArticle);
        System.out.printf("segmentation (shared, for scale): median %.3f ms/article%n", seg[rounds / 2]);
        return 0;
    }

    private static double measure(List<TextAnalysis> analyses, EntityRecognizer recognizer, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (TextAnalysis a : analyses) {
                sink += recognizer.recognize(a, "en").size();
                n++;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }

    private static double measureSegmentation(List<String> bodies, double seconds) {
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long start = System.nanoTime();
        long n = 0;
        long sink = 0;
        while (System.nanoTime() < end) {
            for (String b : bodies) {
                sink += TextAnalysis.of(b).tokens().size();
                n++;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        return (System.nanoTime() - start) / 1e6 / n;
    }
}
