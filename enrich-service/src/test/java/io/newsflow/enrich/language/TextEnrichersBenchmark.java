package io.newsflow.enrich.language;

import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import io.newsflow.enrich.keywords.KeywordExtractor;
import io.newsflow.enrich.sentiment.SentimentAnalyzer;
import io.newsflow.enrich.summary.Summarizer;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code TextEnrichersBenchmark DIR [show]}: start-up, heap and warm single-thread cost of the
 * language, sentiment, keyword and summary enrichers over the bodies of a folder of pages
 * ({@code *.html.gz} or {@code *.html}), reported per article and per 600 words. With
 * {@code show} it prints what each enricher made of each page instead. Times are the thread's CPU
 * time, so that other work on a shared machine does not count (cache effects still do).
 */
public final class TextEnrichersBenchmark {

    private TextEnrichersBenchmark() {
    }

    record Body(String text, String title, String lang, TextAnalysis analysis, int words) {
    }

    public static void main(String[] args) throws IOException {
        Runtime rt = Runtime.getRuntime();
        System.gc();
        long heap0 = rt.totalMemory() - rt.freeMemory();
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        long t0 = System.nanoTime();
        long c0 = cpu.getCurrentThreadCpuTime();
        LanguageDetector detector = LanguageDetector.standard();
        long c1 = cpu.getCurrentThreadCpuTime();
        SentimentAnalyzer sentiment = SentimentAnalyzer.standard();
        long c2 = cpu.getCurrentThreadCpuTime();
        KeywordExtractor keywords = KeywordExtractor.standard();
        Summarizer summarizer = Summarizer.standard();
        long c3 = cpu.getCurrentThreadCpuTime();
        long t1 = System.nanoTime();
        System.gc();
        long heap1 = rt.totalMemory() - rt.freeMemory();
        System.out.printf("start-up %.0f ms wall, CPU ms: language %.0f, sentiment %.0f, stopwords %.0f; data heap %.1f MB%n",
                (t1 - t0) / 1e6, (c1 - c0) / 1e6, (c2 - c1) / 1e6, (c3 - c2) / 1e6, (heap1 - heap0) / 1e6);

        ArticleExtractor extractor = new ArticleExtractor();
        List<Body> bodies = new ArrayList<>();
        if (Files.isRegularFile(Path.of(args[0]))) { // a plain-text body, shown
            String text = Files.readString(Path.of(args[0]));
            TextAnalysis analysis = TextAnalysis.of(text);
            bodies.add(new Body(text, null, null, analysis, (int) analysis.tokens().stream().filter(t -> t.word()).count()));
            args = new String[] {args[0], "show"};
        } else try (Stream<Path> files = Files.list(Path.of(args[0]))) {
            for (Path p : files.sorted().toList()) {
                String name = p.getFileName().toString();
                if (!name.endsWith(".html") && !name.endsWith(".html.gz")) {
                    continue;
                }
                byte[] bytes;
                try (InputStream in = name.endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(p)) : Files.newInputStream(p)) {
                    bytes = in.readAllBytes();
                }
                ExtractedArticle a = extractor.fromHtmlBytes(bytes, null);
                if (a.body() == null || a.body().isBlank()) {
                    continue;
                }
                TextAnalysis analysis = TextAnalysis.of(a.body());
                int words = (int) analysis.tokens().stream().filter(t -> t.word()).count();
                bodies.add(new Body(a.body(), a.title(), a.htmlLang(), analysis, words));
            }
        }
        if (args.length > 1 && args[1].equals("show")) {
            for (Body b : bodies) {
                DetectedLanguage lang = detector.detect(b.text, b.title, b.lang);
                System.out.println("== " + b.title + " [" + b.words + " words, html lang " + b.lang + "]");
                System.out.println("language:  " + lang);
                System.out.println("sentiment: " + sentiment.analyze(b.analysis, lang.code()));
                System.out.println("keywords:  " + keywords.extract(b.analysis, b.title, lang.code()));
                System.out.println("summary:   " + summarizer.summarize(b.analysis, b.title, lang.code()));
            }
            return;
        }
        long words = bodies.stream().mapToLong(Body::words).sum();
        String[] codes = new String[bodies.size()];
        for (int round = 0; round < 6; round++) {
            long[] ns = new long[4];
            for (int rep = 0; rep < 20; rep++) {
                for (int i = 0; i < bodies.size(); i++) {
                    Body b = bodies.get(i);
                    long a = cpu.getCurrentThreadCpuTime();
                    codes[i] = detector.detect(b.text, b.title, b.lang).code();
                    long c = cpu.getCurrentThreadCpuTime();
                    sentiment.analyze(b.analysis, codes[i]);
                    long d = cpu.getCurrentThreadCpuTime();
                    keywords.extract(b.analysis, b.title, codes[i]);
                    long e = cpu.getCurrentThreadCpuTime();
                    summarizer.summarize(b.analysis, b.title, codes[i]);
                    long f = cpu.getCurrentThreadCpuTime();
                    ns[0] += c - a;
                    ns[1] += d - c;
                    ns[2] += e - d;
                    ns[3] += f - e;
                }
            }
            if (round < 2) {
                continue; // warm-up
            }
            double articles = 20.0 * bodies.size();
            double per600 = 600.0 / (words / (double) bodies.size());
            long total = ns[0] + ns[1] + ns[2] + ns[3];
            System.out.printf("%d bodies, %.0f words avg | per article ms: language %.3f sentiment %.3f keywords %.3f "
                            + "summary %.3f total %.3f | total per 600 words %.3f ms%n",
                    bodies.size(), words / (double) bodies.size(), ns[0] / articles / 1e6, ns[1] / articles / 1e6,
                    ns[2] / articles / 1e6, ns[3] / articles / 1e6, total / articles / 1e6, total / articles / 1e6 * per600);
        }
        System.gc();
        System.out.printf("heap after: %.1f MB%n", (rt.totalMemory() - rt.freeMemory()) / 1e6);
    }
}
