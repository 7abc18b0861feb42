package io.newsflow.tools.subscriptions;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Subscription;
import io.newsflow.contracts.Topics;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import io.newsflow.publish.subscriptions.SubscriptionMatcher;
import io.newsflow.tools.offline.PageFiles;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code bench-matching PAGES_DIR}: what matching every indexed article against the subscriptions
 * costs, at several numbers of subscriptions, on one thread, warm. The pages are enriched first
 * (as the pipeline would), then matched in batches the size of a bulk, as the publish service
 * matches them.
 *
 * <p>The subscriptions are made from the articles' own vocabulary, so that many of them can match
 * (a benchmark of subscriptions that never match measures only the pre-filter): names of people,
 * organisations and places the articles mention (as words or phrases), ORs of two names, words
 * with a country filter, entity filters, and country-and-topic filters, drawn with a fixed seed.
 */
@Command(name = "bench-matching", mixinStandardHelpOptions = true,
        description = "Matching cost per article against 100, 1,000 and 10,000 subscriptions (one thread, warm).")
public final class MatchingBenchmark implements Callable<Integer> {

    @Parameters(index = "0", description = "folder of *.html[.gz] pages to enrich and match")
    Path pagesDir;

    @Option(names = "--subscriptions", split = ",", defaultValue = "100,1000,10000",
            description = "numbers of subscriptions to measure (${DEFAULT-VALUE})")
    int[] counts;

    @Option(names = "--batch", defaultValue = "500", description = "articles per match call, like a bulk (${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--rounds", defaultValue = "5", description = "measured rounds per count; the median is reported (${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--vocabulary", split = ",", defaultValue = "articles,world",
            description = "where subscriptions' names come from: articles (only the pages' own names: the worst case, "
                    + "every subscription matches some page) and/or world (the pages' names among the 25,000 places "
                    + "and well-known entities enrichment knows) (${DEFAULT-VALUE})")
    List<String> vocabularies;

    @Option(names = "--emit", paramLabel = "FILE",
            description = "also write the subscriptions of the last vocabulary and the largest count as API request "
                    + "bodies, one JSON per line, to load a running stack with (POST /api/v1/subscriptions)")
    Path emit;

    @Option(names = "--seed", defaultValue = "7", description = "seed of the subscription generator (${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        List<ArticleEnriched> articles = enrich(pagesDir);
        List<ArticleEnriched> bulk = new ArrayList<>(batch);
        for (int i = 0; i < batch; i++) {
            bulk.add(articles.get(i % articles.size()));
        }
        System.out.printf("articles: %d distinct pages enriched, matched in batches of %d; one thread, %d rounds%n",
                articles.size(), batch, rounds);
        for (String vocabulary : vocabularies) {
            List<String> names = new ArrayList<>(vocabulary(articles, "names"));
            if (vocabulary.equals("world")) {
                names.addAll(worldNames());
            } else if (!vocabulary.equals("articles")) {
                throw new IllegalArgumentException("unknown vocabulary " + vocabulary + ": articles or world");
            }
            System.out.printf("%nvocabulary %s: %,d names%n", vocabulary, names.size());
            System.out.printf("%14s %12s %12s %16s %12s%n", "subscriptions", "us/article", "articles/s",
                    "matches/article", "load ms");
            for (int count : counts) {
                List<Subscription> subscriptions = generate(articles, names, count, new Random(seed));
                measure(bulk, subscriptions);
                if (emit != null && count == Arrays.stream(counts).max().orElse(0)
                        && vocabulary.equals(vocabularies.get(vocabularies.size() - 1))) {
                    write(subscriptions, emit);
                }
            }
        }
        return 0;
    }

    private void measure(List<ArticleEnriched> bulk, List<Subscription> subscriptions) throws Exception {
        try (SubscriptionMatcher matcher = new SubscriptionMatcher()) {
            long loadStart = System.nanoTime();
            subscriptions.forEach(matcher::put);
            matcher.flush();
            double loadMs = (System.nanoTime() - loadStart) / 1e6;
            long matches = 0;
            for (int warm = 0; warm < 3; warm++) {
                matches = matcher.match(bulk).size();
            }
            double[] perArticle = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = System.nanoTime();
                matcher.match(bulk);
                perArticle[r] = (System.nanoTime() - start) / 1e3 / bulk.size();
            }
            Arrays.sort(perArticle);
            double median = perArticle[rounds / 2];
            System.out.printf("%14d %12.1f %12.0f %16.2f %12.0f%n", subscriptions.size(), median, 1e6 / median,
                    (double) matches / bulk.size(), loadMs);
        }
    }

    /** Each subscription as the body of {@code POST /api/v1/subscriptions}, one per line. */
    private static void write(List<Subscription> subscriptions, Path file) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (Subscription subscription : subscriptions) {
                out.write(EventJson.mapper().writeValueAsString(Map.of("name", subscription.name(),
                        "query", subscription.query())));
                out.newLine();
            }
        }
        System.out.printf("%nwrote %,d subscription requests to %s%n", subscriptions.size(), file);
    }

    /** The places and well-known entities enrichment knows, by name (about 25,000). */
    private static List<String> worldNames() throws IOException {
        List<String> names = new ArrayList<>();
        for (String resource : List.of("/enrich/places/cities.tsv", "/enrich/entities/knowledge.tsv")) {
            try (InputStream in = MatchingBenchmark.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("missing resource " + resource);
                }
                new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#"))
                        .map(line -> line.split("\\t"))
                        .map(fields -> resource.contains("cities") ? fields[0] : fields.length > 2 ? fields[2] : "")
                        .filter(name -> !name.isBlank())
                        .forEach(names::add);
            }
        }
        return names;
    }

    private static List<ArticleEnriched> enrich(Path pagesDir) throws Exception {
        EnrichmentPipeline pipeline = EnrichmentPipeline.standard(Clock.systemUTC(), new SimpleMeterRegistry());
        List<ArticleEnriched> articles = new ArrayList<>();
        for (Path file : PageFiles.list(pagesDir)) {
            PageFiles.Page page = PageFiles.read(file);
            ArticleReceived received = page.asArticle(page.id(), null);
            articles.add(pipeline.enrich(received, 1));
        }
        if (articles.isEmpty()) {
            throw new IllegalArgumentException("no pages in " + pagesDir);
        }
        return articles;
    }

    /** {@code count} subscriptions in five shapes, drawn from the names given and the articles' countries and topics. */
    static List<Subscription> generate(List<ArticleEnriched> articles, List<String> names, int count, Random random) {
        List<String> countries = new ArrayList<>(vocabulary(articles, "countries"));
        List<String> topics = new ArrayList<>(vocabulary(articles, "topics"));
        List<Subscription> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String name = pick(names, random);
            Subscription.Query query = switch (i % 5) {
                case 0 -> new Subscription.Query(name.contains(" ") ? "\"" + name + "\"" : name, null, null, null, null, null);
                case 1 -> new Subscription.Query(name + " OR " + pick(names, random), null, null, null, null, null);
                case 2 -> new Subscription.Query(name.split(" ")[0], List.of(pick(countries, random)), null, null, null, null);
                case 3 -> new Subscription.Query(null, null, null, List.of(name), null, null);
                default -> new Subscription.Query(null, List.of(pick(countries, random)), List.of(pick(topics, random)),
                        null, null, null);
            };
            byte[] id = new byte[16];
            random.nextBytes(id);
            out.add(new Subscription(Subscription.SCHEMA_VERSION, HexFormat.of().formatHex(id), "bench-" + i, query,
                    new Subscription.Delivery(Topics.ALERTS, null), null, "bench", Instant.EPOCH));
        }
        return out;
    }

    private static Set<String> vocabulary(List<ArticleEnriched> articles, String kind) {
        Set<String> values = new LinkedHashSet<>();
        for (ArticleEnriched article : articles) {
            switch (kind) {
                case "names" -> {
                    if (article.entities() != null) {
                        article.entities().forEach(e -> values.add(e.canonicalName()));
                    }
                }
                case "countries" -> {
                    if (article.countries() != null) {
                        values.addAll(article.countries());
                    }
                }
                default -> {
                    if (article.topics() != null) {
                        article.topics().forEach(t -> values.add(t.label()));
                    }
                }
            }
        }
        values.removeIf(v -> v == null || v.isBlank());
        if (values.isEmpty()) {
            values.add("news");
        }
        return values;
    }

    private static String pick(List<String> values, Random random) {
        return values.get(random.nextInt(values.size()));
    }
}
