package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Source;
import io.newsflow.enrich.linking.Linking;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

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
 * that extraction takes its usual paths. It runs a number of articles, then on until the JIT has
 * settled (see {@link #run(Path, int, Duration, LongSupplier, Duration)}), within a
 * time limit, so that a slow or busy machine does not keep the service from consuming for long.
 */
public final class Warmup {

    private static final String ARTICLES = "/enrich/warmup/articles.tsv";

    private Warmup() {
    }

    /** The JIT's share of a window below which it counts as settled: a tenth of one compiler thread. */
    static final double SETTLED_SHARE = 0.1;
    /** How long a window of the settling phase lasts. */
    static final Duration WINDOW = Duration.ofSeconds(1);

    /**
     * What a warm-up did: sample records handled, enriched records made of them (all, unless a
     * sample failed), how long it took, and whether the JIT had settled when it stopped (false: it
     * stopped at its time limit, or the JVM does not report compilation time).
     */
    public record Result(int articles, int written, Duration took, boolean settled) {
    }

    /** The JVM's compilers' accumulated time in milliseconds; negative when it does not say. */
    public static long compilationMillis() {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
    }

    /**
     * A path for warming up: a handler of the service's kind with a pipeline of its own (the samples
     * must not count in the service's metrics), no linking (nothing may be stored) and no re-post
     * memory.
     *
     * @param maxRecordBytes the producer's {@code max.request.size}
     */
    public static Path path(int maxRecordBytes) {
        return new Path(new RawArticleHandler(EnrichmentPipeline.standard(Clock.systemUTC(), new SimpleMeterRegistry()),
                Linking.none(), new RepostFilter(1), maxRecordBytes));
    }

    /** {@link #run(Path, int, Duration, LongSupplier, Duration)} with the JVM's own compilers. */
    public static Result run(Path path, int articles, Duration maxTime) {
        return run(path, articles, maxTime, Warmup::compilationMillis, WINDOW);
    }

    /**
     * Handles sample records one after the other, a poll of one: first {@code articles} of them,
     * then on, window by window, until a window in which the JIT compiled for less than
     * {@link #SETTLED_SHARE} of it, or until {@code maxTime} has passed.
     *
     * <p>Why both: a count alone stopped too early. C2 compiles a method called once per article
     * only after ~5,000 calls, and on a busy machine its queue was still long when the count was
     * reached: a profile of a fresh stack showed the pipeline's largest methods (entity
     * recognition, the summariser, metadata reading) first compiled by C2 one to three minutes
     * after the warm-up, with consumers meanwhile running their slower profiling code and sharing
     * the cores with the compiler. The compilers' own clock says when that work is done.
     *
     * @param compilationMillis the compilers' accumulated time (negative: unknown, and the warm-up
     *                         stops after the count)
     */
    static Result run(Path path, int articles, Duration maxTime, LongSupplier compilationMillis, Duration window) {
        List<byte[]> records = records();
        long start = System.nanoTime();
        long end = start + maxTime.toNanos();
        Tally tally = new Tally(path, records);
        while (tally.done < articles && System.nanoTime() < end) {
            tally.next();
        }
        boolean settled = false;
        long compiled = compilationMillis.getAsLong();
        while (compiled >= 0 && !settled && System.nanoTime() < end) {
            long windowStart = System.nanoTime();
            long windowEnd = Math.min(end, windowStart + window.toNanos());
            do {
                tally.next();
            } while (System.nanoTime() < windowEnd);
            long now = compilationMillis.getAsLong();
            double windowMillis = (System.nanoTime() - windowStart) / 1e6;
            settled = now - compiled < SETTLED_SHARE * windowMillis;
            compiled = now;
        }
        return new Result(tally.done, tally.written, Duration.ofNanos(System.nanoTime() - start), settled);
    }

    /** The samples down a path in turn, counted. */
    private static final class Tally {
        private final Path path;
        private final List<byte[]> records;
        int done;
        int written;

        Tally(Path path, List<byte[]> records) {
            this.path = path;
            this.records = records;
        }

        void next() {
            written += path.handle(records.get(done % records.size())) ? 1 : 0;
            done++;
        }
    }

    /**
     * A record's way through a consumer thread, without Kafka: the {@code news.raw} value's JSON
     * read, the handler's decision (re-post filter, pipeline), linking and the enriched record's
     * JSON written, a poll of one. Public for the benchmark that runs real pages down the same path
     * after a warm-up ({@code newsflow bench-warmup}). Not thread-safe.
     */
    public static final class Path {
        private final RawArticleHandler handler;
        private final Map<String, ArticleEnriched> enriched = new LinkedHashMap<>();
        private long revision;

        Path(RawArticleHandler handler) {
            this.handler = handler;
        }

        /** @return whether the record became an enriched record to write */
        public boolean handle(byte[] value) {
            ArticleReceived article = EventJson.mapper().readValue(value, ArticleReceived.class);
            RawArticleHandler.Batch batch = handler.batch();
            // a revision of its own each time: the re-post filter must not skip a record seen before
            if (batch.handle(article.id(), article, ++revision) instanceof RawArticleHandler.Outcome.Enriched done) {
                enriched.putIfAbsent(article.id(), done.article());
                return batch.finish(List.of(done)).outcomes().get(0) instanceof RawArticleHandler.Outcome.Write;
            }
            return false;
        }

        /** Each sample as this path enriched it first, in the order they came. */
        List<ArticleEnriched> enriched() {
            return List.copyOf(enriched.values());
        }
    }

    /**
     * Sends the linking's reads for the samples this path enriched (see {@link Linking#warmUp}) in
     * polls of {@code pollSize}, one after the other, for {@code time}, or until the linking says
     * it sent nothing (no store, or one that cannot be read now); returns how many polls were sent.
     * A time and not a count, as with the enrichment's warm-up: what it waits on is the store.
     */
    public static int linking(Linking linking, Path path, Duration time, int pollSize) {
        List<ArticleEnriched> samples = path.enriched();
        if (samples.isEmpty() || time.isZero() || time.isNegative()) {
            return 0;
        }
        long end = System.nanoTime() + time.toNanos();
        int polls = 0;
        do {
            int from = polls * pollSize % samples.size();
            List<ArticleEnriched> poll = new ArrayList<>(pollSize);
            for (int i = 0; i < Math.min(pollSize, samples.size()); i++) {
                poll.add(samples.get((from + i) % samples.size()));
            }
            if (!linking.warmUp(poll)) {
                break;
            }
            polls++;
        } while (System.nanoTime() < end);
        return polls;
    }

    /** The samples as {@code news.raw} record values (JSON), one page per sample. */
    static List<byte[]> records() {
        return pages().stream().map(EventJson.mapper()::writeValueAsBytes).toList();
    }

    /**
     * One page per sample, each with two more samples' paragraphs in its language as the rest of its
     * body, in one of
     * three shapes taken in turn: a page with an {@code <article>}; a content-management system's
     * nest of {@code <div>}s with a cookie banner, a JSON-LD graph, subheads, a quotation, a list, a
     * table, share buttons, tags, comments, emoji and Windows line ends; and scraped text with no
     * HTML at all. The samples are in a dozen languages and scripts. Why shapes and
     * not one template: real pages take branches one template never does, and code compiled on a
     * profile that never saw them is thrown away and compiled again when they come.
     */
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
            String[] sample = samples.get(i);
            String[] lead = sample;
            // the rest of the body in the lead's language: two more samples, or the lead's own sentences
            List<String[]> kin = samples.stream().filter(other -> other[2].equals(sample[2])).toList();
            int k = kin.indexOf(sample);
            String[] second = kin.get((k + 1) % kin.size());
            String[] third = kin.get((k + 2) % kin.size());
            String[] sentences = lead[1].split("(?<=[.!?\u3002\u0964])\\s*(?=\\S)");
            boolean alone = kin.size() < 3;
            if (alone && sentences.length >= 3) {
                second = new String[] {lead[0], sentences[1], lead[2]};
                third = new String[] {lead[0], String.join(" ", List.of(sentences).subList(2, sentences.length)), lead[2]};
                lead = new String[] {lead[0], sentences[0], lead[2]};
            }
            String id = String.format("%032x", i);
            String url = "https://warmup.invalid/" + i;
            pages.add(switch (i % 3) {
                case 0 -> page(id, url, published, articlePage(lead, second[1], third[1], published, menu, related), null);
                case 1 -> page(id, url, published, divPage(lead, second, third, published, related), null);
                default -> page(id, url, published, null, alone
                        ? scrapedText(sample[0], List.of(sample[1]), samples.get((i + 1) % samples.size())[0])
                        : scrapedText(lead[0], List.of(lead[1], second[1], third[1]), second[0]));
            });
        }
        return pages;
    }

    private static ArticleReceived page(String id, String url, Instant published, String html, String text) {
        return new ArticleReceived(ArticleReceived.SCHEMA_VERSION, id, url, null, Source.named("warm-up"), null,
                null, published, null, null, null, null, html, text);
    }

    private static String articlePage(String[] lead, String second, String third, Instant published,
            CharSequence menu, CharSequence related) {
        return """
                <!doctype html><html lang="%9$s"><head><meta charset="utf-8">
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
                "\"a\",".repeat(200) + "\"b\"", menu, related, lead[2]);
    }

    private static String divPage(String[] lead, String[] second, String[] third, Instant published,
            CharSequence related) {
        String[] sentences = third[1].split("(?<=\\.) ");
        String quote = sentences[0].replaceAll("\\.$", "");
        String rest = String.join(" ", List.of(sentences).subList(1, sentences.length));
        return """
                <!DOCTYPE html>
                <html lang="%10$s"><head><meta charset="UTF-8"><meta name="viewport" content="width=device-width">
                <title>%1$s - Daily Sample</title><meta name="description" content="%3$.120s">
                <meta name="author" content="John Roe"><link rel="canonical" href="https://daily.invalid/a/%9$d">
                <script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite",\
                "name":"Daily Sample","url":"https://daily.invalid/"},{"@type":["NewsArticle","Article"],\
                "headline":"%1$s","datePublished":"%2$s","dateModified":"%2$s","author":[{"@type":"Person",\
                "name":"John Roe"},{"@type":"Person","name":"Ana Lima"}],"image":{"@type":"ImageObject",\
                "url":"https://daily.invalid/a.jpg","width":1200},"publisher":{"@type":"Organization",\
                "name":"Daily Sample"}}]}</script>
                <script async src="/ads.js"></script><noscript><img src="/pixel.gif" alt=""></noscript></head>
                <body class="page article-page"><div id="cookie-banner" class="consent">We use cookies to improve
                your experience. <button>Accept all</button> <a href="/privacy">Privacy policy</a></div>
                <div class="container"><div class="site-header"><a href="/" class="logo">Daily Sample</a>
                <div class="breadcrumbs"><a href="/">Home</a> &rsaquo; <a href="/world">World</a></div></div>
                <div class="main-content"><div class="story-header"><h1 class="headline">%1$s</h1>
                <div class="meta">By <a href="/authors/john-roe" rel="author">John Roe</a> and Ana Lima &middot;
                <time datetime="%2$s">1 May 2024, 10:00</time> &middot; Updated 29 February 2024</div></div>
                <div class="story-body" itemprop="articleBody">
                <p><strong>%3$s</strong></p>
                <h2>%4$s</h2>
                <p>%5$s&nbsp;<a href="/topic/%9$d">Read more on this</a> &ndash; it said.</p>
                <blockquote class="pull-quote" data-embed="quote"><p>&ldquo;%6$s 💪,&rdquo; a spokeswoman told reporters.</p></blockquote>
                <p>The figures, published on Monday:</p>
                <ul><li>Turnout: 61.2&#37;, up 3.4 points</li><li>Seats won: 12 of 40</li><li>Votes counted: 98&#37;</li></ul>
                <table class="results"><thead><tr><th>Region</th><th>2023</th><th>2024</th></tr></thead>
                <tbody><tr><td>North</td><td>1,204</td><td>1,377</td></tr><tr><td>South</td><td>988</td><td>1,051</td></tr>
                </tbody></table>
                <p>%7$s</p>
                <!-- share --><div class="share-tools">	Share on Facebook Share on X Copy link 👍 1,2K 💬 48</div></div>
                <div class="tags">Topics: <a href="/t/1">World</a> <a href="/t/2">Politics</a></div></div>
                <div class="sidebar"><div class="widget"><h4>Trending</h4><ol>%8$s</ol></div></div>
                <div id="comments"><h3>3 comments</h3><div class="comment"><span class="user">reader42</span>
                <p>Great article, thanks! 👏🏽</p></div></div>
                <div class="site-footer">&copy; 2024 Daily Sample Ltd. <a href="/terms">Terms</a> |
                <a href="/contact">Contact us</a></div></div></body></html>
                """.formatted(escape(lead[0]), published, escape(lead[1]), escape(second[0]), escape(second[1]),
                escape(quote), escape(rest), related, lead[0].length(), lead[2]).replace("\n", "\r\n");
    }

    private static String scrapedText(String title, List<String> paragraphs, String related) {
        return """
                Home | World | Business | Sport
                %1$s
                By Sample Reporter
                1 May 2024
                %2$s
                Share this article
                Related stories
                %3$s
                © 2024 Sample Online. All rights reserved.
                """.formatted(title, String.join("\n\n", paragraphs), related);
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
                if (!line.startsWith("#") && fields.length == 3) {
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
