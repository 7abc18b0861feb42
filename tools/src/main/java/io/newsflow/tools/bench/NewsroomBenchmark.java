package io.newsflow.tools.bench;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code ./newsflow bench-newsroom}: how fast the newsroom answers what its page asks, against the
 * running newsroom service and whatever the index holds (the target is stated for 100,000
 * articles or more; the report says how many there were).
 *
 * <p>The questions are drawn from the index itself, so that they match real articles: words from
 * the titles and leads on the first pages, the top people, countries and topics, and ranges of the
 * timeline. Each kind is asked {@code --requests} times with varying values, one at a time (a
 * reader waits for one answer before the next), after a warm-up; latency is measured by the client,
 * from request to the last byte of the answer. Every search answer carries the hits, all eight
 * facets and the timeline, as the page's do. Nothing is cached by the service, and Elasticsearch's
 * request cache does not apply to searches that return hits.
 */
public final class NewsroomBenchmark {

    private static final long HIGHEST_MICROS = 60_000_000;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();
    private final String base;
    private final Random random = new Random(42);

    NewsroomBenchmark(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    @Command(name = "bench-newsroom", mixinStandardHelpOptions = true, description = {
            "Latency of the newsroom's search (hits + facets + timeline), paging and article answers against the",
            "running newsroom service and the articles indexed, per kind of question: p50, p95, p99, max."})
    public static final class Cli implements Callable<Integer> {

        @Option(names = "--newsroom", defaultValue = "http://127.0.0.1:8084", description = "(${DEFAULT-VALUE})")
        String newsroom;

        @Option(names = "--requests", defaultValue = "200", description = "questions of each kind (${DEFAULT-VALUE})")
        int requests;

        @Option(names = "--warmup", defaultValue = "50", description = "unmeasured questions first (${DEFAULT-VALUE})")
        int warmup;

        @Override
        public Integer call() throws Exception {
            if (requests < 10 || requests > 100_000 || warmup < 0 || warmup > 10_000) {
                throw new IllegalArgumentException("--requests must be 10-100000 and --warmup 0-10000");
            }
            Path root = Path.of(System.getProperty("newsflow.root", "."));
            new NewsroomBenchmark(newsroom).run(requests, warmup, root);
            return 0;
        }
    }

    /** What to ask, drawn from the index. */
    private record Vocabulary(long articles, List<String> words, List<String> people, List<String> countries,
            List<String> topics, List<Instant> times, List<String> ids) {
    }

    private void run(int requests, int warmup, Path root) throws Exception {
        Vocabulary vocabulary = vocabulary();
        System.out.printf(Locale.ROOT, "newsroom %s: %,d articles indexed; %d title words, %d people, %d countries, "
                        + "%d topics to ask about%n", base, vocabulary.articles(), vocabulary.words().size(),
                vocabulary.people().size(), vocabulary.countries().size(), vocabulary.topics().size());
        if (vocabulary.articles() < 100_000) {
            System.out.printf(Locale.ROOT, "note: the target is stated for 100,000 articles; this index has %,d%n",
                    vocabulary.articles());
        }
        Map<String, Supplier<String>> kinds = new LinkedHashMap<>();
        kinds.put("latest (no query)", () -> "/api/v1/search");
        kinds.put("words", () -> "/api/v1/search?q=" + encode(pick(vocabulary.words())));
        kinds.put("two words OR, by relevance", () -> "/api/v1/search?sort=relevance&q="
                + encode(pick(vocabulary.words()) + " OR " + pick(vocabulary.words())));
        kinds.put("person facet", () -> "/api/v1/search?person=" + encode(pick(vocabulary.people())));
        kinds.put("words + country + topic + range", () -> {
            List<Instant> times = vocabulary.times();
            int from = random.nextInt(Math.max(1, times.size() - 1));
            int to = Math.min(times.size() - 1, from + 1 + random.nextInt(Math.max(1, times.size() / 3)));
            return "/api/v1/search?q=" + encode(pick(vocabulary.words())) + "&country="
                    + encode(pick(vocabulary.countries())) + "&topic=" + encode(pick(vocabulary.topics()))
                    + "&from=" + times.get(from) + "&to=" + times.get(Math.max(to, from + 1));
        });
        kinds.put("next page (search_after)", () -> {
            String first = "/api/v1/search?size=20&q=" + encode(pick(vocabulary.words()));
            JsonNode page = getJson(first);
            return page.hasNonNull("next") ? first + "&after=" + encode(page.get("next").asString()) : first;
        });
        kinds.put("article + related", () -> "/api/v1/articles/" + pick(vocabulary.ids()));

        for (int i = 0; i < warmup; i++) {
            for (Supplier<String> kind : kinds.values()) {
                timed(kind.get());
            }
        }
        Map<String, Histogram> results = new LinkedHashMap<>();
        Histogram searches = new Histogram(HIGHEST_MICROS, 3);
        Map<String, Long> errors = new LinkedHashMap<>();
        for (var kind : kinds.entrySet()) {
            Histogram histogram = new Histogram(HIGHEST_MICROS, 3);
            for (int i = 0; i < requests; i++) {
                String path = kind.getValue().get();
                long micros = timed(path);
                if (micros < 0) {
                    errors.merge(kind.getKey(), 1L, Long::sum);
                    continue;
                }
                histogram.recordValue(Math.min(micros, HIGHEST_MICROS));
                if (!kind.getKey().startsWith("article")) {
                    searches.recordValue(Math.min(micros, HIGHEST_MICROS));
                }
            }
            results.put(kind.getKey(), histogram);
        }
        results.put("all searches", searches);

        System.out.printf(Locale.ROOT, "%n%-34s %7s %8s %8s %8s %8s%n", "kind", "n", "p50 ms", "p95 ms", "p99 ms",
                "max ms");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("newsroom", base);
        report.put("articles", vocabulary.articles());
        report.put("requestsPerKind", requests);
        report.put("warmupRounds", warmup);
        Map<String, Object> latencies = new LinkedHashMap<>();
        for (var result : results.entrySet()) {
            Histogram h = result.getValue();
            System.out.printf(Locale.ROOT, "%-34s %7d %8.1f %8.1f %8.1f %8.1f%n", result.getKey(), h.getTotalCount(),
                    ms(h, 50), ms(h, 95), ms(h, 99), h.getMaxValue() / 1000.0);
            latencies.put(result.getKey(), Map.of("n", h.getTotalCount(), "p50Ms", ms(h, 50), "p95Ms", ms(h, 95),
                    "p99Ms", ms(h, 99), "maxMs", h.getMaxValue() / 1000.0));
        }
        report.put("latency", latencies);
        report.put("errors", errors);
        if (!errors.isEmpty()) {
            System.out.println("errors: " + errors);
        }
        Path out = root.resolve("var/bench/newsroom-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(report));
        System.out.println("\nreport: " + out);
    }

    private Vocabulary vocabulary() throws IOException, InterruptedException {
        JsonNode first = getJson("/api/v1/search?size=50");
        Set<String> words = new LinkedHashSet<>();
        List<String> ids = new ArrayList<>();
        JsonNode page = first;
        for (int i = 0; i < 4 && page != null; i++) {
            for (JsonNode hit : page.path("hits")) {
                ids.add(hit.get("id").asString());
                StringBuilder text = new StringBuilder(hit.path("title").asString(""));
                hit.path("snippets").forEach(snippet -> text.append(' ').append(snippet.asString()));
                for (String word : text.toString().split("[^\\p{L}]+")) {
                    if (word.length() >= 5 && words.size() < 500) {
                        words.add(word.toLowerCase(Locale.ROOT));
                    }
                }
            }
            page = page.hasNonNull("next") ? getJson("/api/v1/search?size=50&after=" + encode(page.get("next").asString()))
                    : null;
        }
        List<Instant> times = new ArrayList<>();
        first.path("timeline").path("points").forEach(point -> times.add(Instant.parse(point.get("time").asString())));
        if (ids.isEmpty() || words.isEmpty() || times.size() < 2) {
            throw new IllegalStateException("The index has too few articles to ask about: post some first");
        }
        return new Vocabulary(first.get("total").asLong(), List.copyOf(words), values(first, "people"),
                values(first, "countries"), values(first, "topics"), times, ids);
    }

    private static List<String> values(JsonNode page, String facet) {
        List<String> values = new ArrayList<>();
        page.path("facets").path(facet).forEach(bucket -> values.add(bucket.get("value").asString()));
        if (values.isEmpty()) {
            throw new IllegalStateException("No " + facet + " in the index to ask about");
        }
        return values.subList(0, Math.min(10, values.size()));
    }

    private String pick(List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Microseconds to the last byte of a 200 answer, or -1 for any other answer. */
    private long timed(String path) {
        long start = System.nanoTime();
        try {
            HttpResponse<byte[]> response = http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
            long micros = (System.nanoTime() - start) / 1000;
            return response.statusCode() == 200 ? micros : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private JsonNode getJson(String path) {
        try {
            HttpResponse<String> response = http.send(request(path), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(path + " answered " + response.statusCode() + ": " + response.body());
            }
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("The newsroom at " + base + " did not answer (./newsflow up first): " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json").GET().build();
    }

    private static double ms(Histogram histogram, double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
