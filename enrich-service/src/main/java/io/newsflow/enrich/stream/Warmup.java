package io.newsflow.enrich.stream;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
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
 * Runs built-in sample pages through a record's whole path, as a consumer thread would but without
 * Kafka, before the service takes real articles: the raw record's JSON read, the re-post filter,
 * extraction and every enricher, the enriched record's JSON written.
 *
 * <p>Why: that path is a lot of code (HTML parsing, extraction, a dozen enrichers, two JSON
 * mappings of pages of 100 KB and more), and a fresh JVM runs it interpreted, then half-compiled,
 * for its first minute while the JIT competes with it for the same cores; measured on a fresh stack
 * at 50 articles/s, the enrich service's JIT took more CPU than its consumers did. Articles
 * arriving then waited up to a minute. Running samples at start-up, before the consumers join their
 * group (the handler bean that runs this is made before the listener containers start, and the
 * health endpoint answers only after), moves that cost to a moment when no article waits.
 *
 * <p>The samples are short news paragraphs written for this project ({@code
 * enrich/warmup/articles.tsv}), dressed as pages of a realistic size and shape: navigation, an
 * inline script, metadata, JSON-LD, a byline, a dateline, a figure, related links and a footer, so
 * that extraction takes its usual paths. Bounded twice: a number of articles and a time, so that a
 * slow or busy machine does not keep the service from consuming for long.
 */
final class Warmup {

    private static final String ARTICLES = "/enrich/warmup/articles.tsv";

    private Warmup() {
    }

    /** What a warm-up did: sample records handled, enriched records made of them (all, unless a sample failed). */
    record Result(int articles, int written, Duration took) {
    }

    /**
     * Handles sample records one after the other, a poll of one, until {@code articles} are done
     * or {@code maxTime} has passed.
     *
     * @param handler a handler of the service's kind, with no linking (nothing may be stored) and
     *                a pipeline whose metrics are kept apart from the service's
     */
    static Result run(RawArticleHandler handler, int articles, Duration maxTime) {
        List<byte[]> records = records();
        long start = System.nanoTime();
        long end = start + maxTime.toNanos();
        int done = 0;
        int written = 0;
        while (done < articles && System.nanoTime() < end) {
            ArticleReceived value = EventJson.mapper().readValue(records.get(done % records.size()), ArticleReceived.class);
            RawArticleHandler.Batch batch = handler.batch();
            // a revision of its own each time: the re-post filter must not skip a sample seen before
            if (batch.handle(value.id(), value, done + 1L) instanceof RawArticleHandler.Outcome.Enriched enriched) {
                if (batch.finish(List.of(enriched)).outcomes().get(0) instanceof RawArticleHandler.Outcome.Write) {
                    written++;
                }
            }
            done++;
        }
        return new Result(done, written, Duration.ofNanos(System.nanoTime() - start));
    }

    /** The samples as {@code news.raw} record values (JSON), one page per sample. */
    static List<byte[]> records() {
        return pages().stream().map(EventJson.mapper()::writeValueAsBytes).toList();
    }

    /** One page per sample, each with two more samples' paragraphs as the rest of its body. */
    static List<ArticleReceived> pages() {
        List<String[]> samples = samples();
        List<ArticleReceived> pages = new ArrayList<>(samples.size());
        Instant published = Instant.parse("2024-05-01T10:00:00Z");
        StringBuilder menu = new StringBuilder();
        StringBuilder related = new StringBuilder();
        for (int i = 0; i < samples.size(); i++) {
            menu.append("<li><a href=\"/section/").append(i).append("\">Section ").append(i).append("</a></li>");
            related.append("<li><a href=\"/story/").append(i).append("\">").append(escape(samples.get(i)[0]))
                    .append("</a></li>");
        }
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
                    "author":{"@type":"Person","name":"Jane Doe"},"datePublished":"%2$s"}</script>
                    <script>window.config = {"sections": [%6$s], "ads": true};</script>
                    <style>body { font-family: serif; } nav li { display: inline; }</style></head>
                    <body><header><nav><ul>%7$s</ul></nav></header><div class="ad">Advertisement</div>
                    <article><h1>%1$s</h1><p class="byline">By Jane Doe</p>
                    <p>GENEVA (Sample Wire) - %3$s</p><p>%4$s</p><figure><img src="/a.jpg">
                    <figcaption>A caption of the picture.</figcaption></figure><p>%5$s</p></article>
                    <aside><h3>Most read</h3><ul>%8$s</ul></aside>
                    <footer><ul>%7$s</ul>&copy; The Sample Times. All rights reserved.</footer></body></html>
                    """.formatted(escape(lead[0]), published, escape(lead[1]), escape(second), escape(third),
                    "\"a\",".repeat(200) + "\"b\"", menu, related);
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
