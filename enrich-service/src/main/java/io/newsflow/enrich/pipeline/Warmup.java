package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Feeds the pipeline built-in sample pages for a while before the service takes real articles.
 *
 * <p>Why: the pipeline is a lot of code (HTML parsing, extraction, nine enrichers), and a fresh
 * JVM runs it interpreted and then half-compiled for its first minute or two, at a third of its
 * warm speed, while the JIT competes for the same cores. Articles arriving then pile up. A few
 * seconds of sample pages at start-up, before the consumers join their group, move that cost to a
 * moment when nothing waits. The samples are short news paragraphs written for this project
 * ({@code enrich/warmup/articles.tsv}), dressed as pages with navigation, metadata, a byline, a
 * dateline and a footer so that extraction runs its usual paths too.
 */
public final class Warmup {

    private static final String ARTICLES = "/enrich/warmup/articles.tsv";

    private Warmup() {
    }

    /** What a warm-up did. */
    public record Result(int pages, Duration took) {
    }

    /**
     * Enriches sample pages one after the other until {@code duration} has passed.
     *
     * @param pipeline a pipeline of the service's kind (its own metrics are best kept apart)
     */
    public static Result run(EnrichmentPipeline pipeline, Duration duration) {
        List<ArticleReceived> pages = pages();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int done = 0;
        while (System.nanoTime() < end) {
            pipeline.enrich(pages.get(done % pages.size()), 1);
            done++;
        }
        return new Result(done, Duration.ofNanos(System.nanoTime() - start));
    }

    /** One page per sample, each with two more samples' paragraphs as the rest of its body. */
    static List<ArticleReceived> pages() {
        List<String[]> samples = samples();
        List<ArticleReceived> pages = new ArrayList<>(samples.size());
        Instant published = Instant.parse("2024-05-01T10:00:00Z");
        for (int i = 0; i < samples.size(); i++) {
            String[] lead = samples.get(i);
            String second = samples.get((i + 7) % samples.size())[1];
            String third = samples.get((i + 13) % samples.size())[1];
            String html = """
                    <!doctype html><html lang="en"><head><meta charset="utf-8">
                    <title>%1$s | The Sample Times</title>
                    <meta property="og:title" content="%1$s">
                    <meta property="article:published_time" content="%2$s">
                    <script type="application/ld+json">{"@type":"NewsArticle","headline":"%1$s",\
                    "author":{"@type":"Person","name":"Jane Doe"},"datePublished":"%2$s"}</script></head>
                    <body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/business">Business</a>
                    <a href="/sport">Sport</a></nav><div class="ad">Advertisement</div>
                    <article><h1>%1$s</h1><p class="byline">By Jane Doe</p>
                    <p>GENEVA (Sample Wire) - %3$s</p><p>%4$s</p><figure><img src="/a.jpg">
                    <figcaption>A caption of the picture.</figcaption></figure><p>%5$s</p></article>
                    <aside><h3>Most read</h3><ul><li><a href="/1">Another story</a></li>
                    <li><a href="/2">And one more</a></li></ul></aside>
                    <footer>&copy; The Sample Times. All rights reserved.</footer></body></html>
                    """.formatted(escape(lead[0]), published, escape(lead[1]), escape(second), escape(third));
            pages.add(new ArticleReceived(ArticleReceived.SCHEMA_VERSION, String.format("%032x", i),
                    "https://warmup.invalid/" + i, null, Source.named("warm-up"), null, null, published, null, null,
                    null, null, html, null));
        }
        return pages;
    }

    private static List<String[]> samples() {
        List<String[]> samples = new ArrayList<>();
        try (InputStream in = Warmup.class.getResourceAsStream(ARTICLES)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + ARTICLES);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t");
                if (!line.startsWith("#") && fields.length == 2) {
                    samples.add(fields);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + ARTICLES, e);
        }
        return samples;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
