package io.newsflow.enrich.places;

import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code PlacesBenchmark HTML_DIR [rounds] [seconds-per-round] [--print]}: gazetteer load time and
 * single-thread warm time of {@link PlaceResolver#resolve} per article over real pages (bodies
 * extracted and segmented beforehand, so only place resolution is timed), reported per article
 * and per 600 words. {@code --print} lists what was found on each page.
 */
public final class PlacesBenchmark {

    private PlacesBenchmark() {
    }

    private record Doc(String title, TextAnalysis body, String dateline, int words) {
    }

    public static void main(String[] args) throws IOException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = mx.getCurrentThreadCpuTime();
        PlaceResolver resolver = PlaceResolver.standard();
        long loadMs = (System.nanoTime() - t0) / 1_000_000;
        long loadCpuMs = (mx.getCurrentThreadCpuTime() - c0) / 1_000_000;
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        long heapMb = (rt.totalMemory() - rt.freeMemory()) >> 20;
        System.out.printf("gazetteer load: %d ms wall, %d ms cpu; heap after load: %d MB%n", loadMs, loadCpuMs, heapMb);

        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        double seconds = args.length > 2 ? Double.parseDouble(args[2]) : 2;
        boolean print = Arrays.asList(args).contains("--print");
        ArticleExtractor extractor = new ArticleExtractor();
        List<Doc> docs = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".html.gz")).sorted().toList();
        }
        for (Path p : files) {
            byte[] bytes;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                bytes = in.readAllBytes();
            }
            ExtractedArticle a = extractor.fromHtmlBytes(bytes, null);
            if (a.body() == null || a.body().isBlank()) {
                continue;
            }
            TextAnalysis body = TextAnalysis.of(a.body());
            int words = (int) body.tokens().stream().filter(t -> t.word()).count();
            String dateline = a.dateline() == null ? null : a.dateline().place();
            docs.add(new Doc(a.title(), body, dateline, words));
            if (print) {
                PlaceAnalysis r = resolver.resolve(a.title(), body, dateline, List.of());
                System.out.printf("%s | %s | dl=%s | primary=%s %s | %s%n", p.getFileName().toString().substring(0, 8),
                        a.title(), dateline, r.primaryCountry(), r.countries(),
                        r.places().stream()
                                .map(x -> x.name() + "/" + x.countryCode() + "/" + x.kind() + "x" + x.mentions())
                                .toList());
            }
        }
        long totalWords = docs.stream().mapToLong(Doc::words).sum();
        double[] perArticle = new double[rounds];
        measure(resolver, docs, 3);
        for (int r = 0; r < rounds; r++) {
            perArticle[r] = measure(resolver, docs, seconds);
        }
        Arrays.sort(perArticle);
        double median = perArticle[rounds / 2];
        double meanWords = (double) totalWords / docs.size();
        System.out.printf("articles: %d, mean words: %.0f%n", docs.size(), meanWords);
        System.out.printf(
                "resolve (thread cpu): median %.3f ms/article, %.3f ms per 600 words (best %.3f ms/article)%n",
                median, median * 600 / meanWords, perArticle[0]);
    }

    /**
     * Milliseconds of this thread's CPU per article: on a shared machine wall time also counts the
     * other processes' turns.
     */
    private static double measure(PlaceResolver resolver, List<Doc> docs, double seconds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long sink = 0;
        long done = 0;
        long cpu = mx.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long endAt = start + (long) (seconds * 1e9);
        while (System.nanoTime() < endAt) {
            for (Doc d : docs) {
                sink += resolver.resolve(d.title(), d.body(), d.dateline(), List.of()).places().size();
                done++;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
        return (mx.getCurrentThreadCpuTime() - cpu) / 1e6 / done;
    }
}
