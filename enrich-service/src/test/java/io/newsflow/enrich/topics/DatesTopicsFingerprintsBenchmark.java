package io.newsflow.enrich.topics;

import io.newsflow.enrich.dates.DateMention;
import io.newsflow.enrich.dates.DateMentionFinder;
import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import io.newsflow.enrich.fingerprints.Fingerprinter;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * {@code DatesTopicsFingerprintsBenchmark DIR [rounds | show | explain TITLE-PART]}: extracts the bodies of the pages in
 * {@code DIR/*.html.gz} once, then times date finding, topic classification and fingerprinting
 * on them, single-threaded and warm (segmentation excluded: the pipeline computes it once for all
 * enrichers). With {@code show}, prints what each part found per page instead.
 */
public final class DatesTopicsFingerprintsBenchmark {

    private record Article(String title, String body, TextAnalysis analysis, Instant published) {
    }

    public static void main(String[] args) throws IOException {
        long t0 = System.nanoTime();
        TopicClassifier classifier = TopicClassifier.standard();
        DateMentionFinder finder = DateMentionFinder.standard();
        Fingerprinter fingerprinter = new Fingerprinter();
        System.out.printf("start-up (topic lexicon, date words): %.0f ms%n", (System.nanoTime() - t0) / 1e6);
        ArticleExtractor extractor = new ArticleExtractor();
        List<Article> articles = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Files.list(Path.of(args[0], "html"))) {
            files = s.filter(p -> p.toString().endsWith(".html.gz")).sorted().toList();
        }
        long words = 0;
        for (Path p : files) {
            byte[] bytes;
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                bytes = in.readAllBytes();
            }
            ExtractedArticle a = extractor.fromHtmlBytes(bytes, null);
            if (a.body() == null || a.body().isBlank()) {
                continue;
            }
            Instant published = Instant.parse("2024-06-15T12:00:00Z");
            try {
                String v = a.publishedAt();
                if (v != null && v.length() == 10) {
                    published = java.time.LocalDate.parse(v).atTime(12, 0).toInstant(ZoneOffset.UTC);
                } else if (v != null) {
                    published = java.time.OffsetDateTime.parse(v).toInstant();
                }
            } catch (RuntimeException ignored) {
                // keep the default
            }
            TextAnalysis analysis = TextAnalysis.of(a.body());
            words += analysis.tokens().stream().filter(io.newsflow.enrich.text.Token::word).count();
            articles.add(new Article(a.title(), a.body(), analysis, published));
        }
        System.out.printf("articles: %d, mean words: %d%n", articles.size(), words / articles.size());
        if (args.length > 2 && args[1].equals("explain")) {
            for (Article a : articles) {
                if (a.title() != null && a.title().contains(args[2])) {
                    explain(a);
                }
            }
            return;
        }
        if (args.length > 1 && args[1].equals("show")) {
            for (Article a : articles) {
                System.out.println("== " + a.title() + " [" + a.published() + "]");
                System.out.println("   topics: " + classifier.classify(a.analysis(), a.title(), "en"));
                for (DateMention d : finder.find(a.analysis(), a.published(), ZoneOffset.UTC)) {
                    String ctx = a.body().substring(Math.max(0, d.start() - 50), Math.min(a.body().length(), d.end() + 30))
                            .replace('\n', ' ');
                    System.out.println("   date: " + d.text() + " -> " + d.value() + "   | " + ctx);
                }
            }
            return;
        }
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 9;
        double[][] ms = new double[4][rounds];
        time(articles, a -> finder.find(a.analysis(), a.published(), ZoneOffset.UTC).size()); // warm-up
        time(articles, a -> classifier.classify(a.analysis(), a.title(), "en").size());
        time(articles, a -> fingerprinter.fingerprint(a.body()).simhash().length());
        for (int round = 0; round < rounds; round++) {
            ms[0][round] = time(articles, a -> finder.find(a.analysis(), a.published(), ZoneOffset.UTC).size());
            ms[1][round] = time(articles, a -> classifier.classify(a.analysis(), a.title(), "en").size());
            ms[2][round] = time(articles, a -> fingerprinter.fingerprint(a.body()).simhash().length());
            ms[3][round] = time(articles, a -> TextAnalysis.of(a.body()).tokens().size());
        }
        String[] names = {"dates", "topics", "fingerprints", "segmentation (for scale, not ours)"};
        for (int k = 0; k < 4; k++) {
            Arrays.sort(ms[k]);
            System.out.printf("%-36s median %.3f ms, best %.3f ms per article%n", names[k], ms[k][rounds / 2], ms[k][0]);
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("heap used: %d MB%n", (rt.totalMemory() - rt.freeMemory()) >> 20);
    }

    /** Prints which cues of which topics a page's words hit (unigrams and prefixes, English lexicon). */
    private static void explain(Article a) {
        java.util.Map<String, Integer> index = new java.util.LinkedHashMap<>();
        List<String> codes = new ArrayList<>();
        try (var in = TopicClassifier.class.getResourceAsStream(TopicClassifier.TOPICS_RESOURCE)) {
            for (String line : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    String code = line.split("\t")[0];
                    index.put(code, index.size());
                    codes.add(line.split("\t")[1]);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        TopicLexicon en = TopicLexicon.load(TopicClassifier.CUES_RESOURCE, index).get("en");
        java.util.Map<String, double[]> hits = new java.util.TreeMap<>();
        for (var token : a.analysis().tokens()) {
            if (!token.word()) {
                continue;
            }
            String key = TopicLexicon.key(token.text(), "en");
            var entry = en.word(key);
            if (entry != null && entry.weights() != null) {
                double[] h = hits.computeIfAbsent(key, k -> new double[entry.weights().length + 1]);
                h[h.length - 1]++;
                for (int t = 0; t < entry.weights().length; t++) {
                    h[t] = entry.weights()[t];
                }
            }
        }
        System.out.println("== " + a.title());
        for (int t = 0; t < codes.size(); t++) {
            StringBuilder sb = new StringBuilder();
            for (var e : hits.entrySet()) {
                double w = e.getValue()[t];
                if (w != 0) {
                    sb.append(e.getKey()).append(' ').append(w).append('x').append((int) e.getValue()[e.getValue().length - 1]).append(", ");
                }
            }
            System.out.println(codes.get(t) + ": " + sb);
        }
    }

    private interface Work {
        int run(Article a);
    }

    private static double time(List<Article> articles, Work work) {
        long sink = 0;
        int done = 0;
        long start = System.nanoTime();
        long until = start + 2_000_000_000L;
        while (System.nanoTime() < until) {
            for (Article a : articles) {
                sink += work.run(a);
                done++;
            }
        }
        double ms = (System.nanoTime() - start) / 1e6 / done;
        if (sink == 42) {
            System.out.println(Arrays.toString(new int[0]));
        }
        return ms;
    }
}
