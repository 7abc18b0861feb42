package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.EventJson;
import io.newsflow.ingest.hostile.HostileCorpus;
import io.newsflow.testinfra.RawHttp;
import io.newsflow.ingest.hostile.RequestFuzzer;
import io.newsflow.ingest.hostile.RequestFuzzer.Expect;
import io.newsflow.ingest.hostile.RequestFuzzer.Fuzzed;
import io.newsflow.ingest.hostile.TestSite;
import io.newsflow.ingest.security.ApiKeys;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Property-based fuzzing of every public endpoint, from the OpenAPI document the service serves
 * ({@link RequestFuzzer}): for each of seven rounds, {@code newsflow.fuzz.tries} requests (60 by
 * default, 420 in all, about 30 seconds) made from seed {@code newsflow.fuzz.seed} (fixed, so a
 * failure is reproduced by running again). The properties:
 * <ul>
 * <li>never a 5xx;
 * <li>a value outside the documented bounds is never accepted (2xx): 400, 413 or 422;
 * <li>a body that is not the JSON the schema describes is a 400 (413 when also too large);
 * <li>every refusal is an RFC 9457 problem, without stack traces or Java types;
 * <li>the service is healthy after each endpoint's round, and its heap has not grown.
 * </ul>
 * A longer round: {@code ./mvnw -B -o verify -pl ingest-service -Dit.test=ApiFuzzIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnewsflow.fuzz.tries=2000} (and another
 * {@code -Dnewsflow.fuzz.seed=...} for other requests). The outcomes are written to
 * {@code target/api-fuzz.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiFuzzIT {

    static final String KEY = "fuzz-key-0123456789";
    static final int TRIES = Integer.getInteger("newsflow.fuzz.tries", 60);
    static final long SEED = Long.getLong("newsflow.fuzz.seed", 20261207L);
    /** How much the heap may grow over the whole round, measured after a collection. */
    static final long HEAP_GROWTH_LIMIT = 128L << 20;

    static final TestSite site;

    static {
        try {
            site = new TestSite();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.ingest.security.api-keys[0].name", () -> "fuzz");
        registry.add("newsflow.ingest.security.api-keys[0].sha256", () -> ApiKeys.hash(KEY));
        registry.add("newsflow.ingest.status.elasticsearch-uri", site::url);
        registry.add("newsflow.ingest.feeds.fetch.per-host-interval", () -> "0ms");
    }

    @LocalServerPort
    int port;

    private RequestFuzzer fuzzer;
    private final Map<String, Map<Integer, Integer>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, int[]> judged = new ConcurrentHashMap<>();
    private long heapBefore;

    @BeforeAll
    void readTheDocument() throws Exception {
        RawHttp.Response document = new RawHttp(port).send("GET", "/openapi.json", Map.of(), new byte[0], 20_000);
        assertThat(document.status()).isEqualTo(200);
        fuzzer = new RequestFuzzer(EventJson.mapper().readTree(document.body()), site.url());
        heapBefore = heapAfterCollection();
    }

    @Test
    void articles() throws Exception {
        round("articles", fuzzer::article);
    }

    @Test
    void pagesAndTexts() throws Exception {
        round("pages", fuzzer::rawPage);
    }

    @Test
    void batches() throws Exception {
        round("batches", fuzzer::batch);
    }

    @Test
    void fetches() throws Exception {
        round("fetches", fuzzer::fetch);
    }

    @Test
    void feeds() throws Exception {
        round("feeds", fuzzer::feed);
    }

    @Test
    void subscriptions() throws Exception {
        round("subscriptions", fuzzer::subscription);
    }

    @Test
    void idsInPaths() throws Exception {
        String[][] paths = {{"GET", "/api/v1/feeds/%s"}, {"DELETE", "/api/v1/feeds/%s"}, {"GET", "/api/v1/subscriptions/%s"},
                {"DELETE", "/api/v1/subscriptions/%s"}, {"GET", "/api/v1/articles/%s/status"}};
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Random random = random("paths", i);
            String[] path = paths[random.nextInt(paths.length)];
            String id = RequestFuzzer.pathId(random);
            boolean wellFormed = id.matches("[0-9a-f]{32}");
            String endpoint = path[0] + " " + path[1].replace("%s", "{id}");
            RawHttp.Response response = new RawHttp(port).send(path[0], path[1].formatted(id),
                    Map.of("Authorization", "Bearer " + KEY), new byte[0], 20_000);
            count(endpoint, response.status(), wellFormed ? Expect.ANY : Expect.REFUSED);
            Set<Integer> allowed = wellFormed ? Set.of(200, 204, 404) : Set.of(400, 404);
            if (!allowed.contains(response.status())) {
                failures.add("try " + i + ": " + path[0] + " " + path[1].formatted(id) + " answered "
                        + response.status() + " (allowed " + allowed + "): " + response.text());
            } else if (response.status() >= 400 && !(response.status() == 400 && response.contentType().startsWith(
                    "text/html"))) { // Tomcat's own 400 for %2F or %00 in a path: before the API
                String problem = problemFault(response);
                if (problem != null) {
                    failures.add("try " + i + ": " + path[1].formatted(id) + ": " + problem);
                }
            }
        }
        assertThat(failures).as("seed " + SEED).isEmpty();
        assertHealthy();
    }

    private void round(String name, java.util.function.Function<Random, Fuzzed> make) throws Exception {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Fuzzed fuzzed = make.apply(random(name, i));
            String failure = send(fuzzed);
            if (failure != null) {
                failures.add("try " + i + " of " + name + " (seed " + SEED + "): " + failure + "\n  " + fuzzed);
            }
        }
        assertThat(failures).as(failures.size() + " of " + TRIES + " failed").isEmpty();
        assertHealthy();
    }

    /** Sends one request; what is wrong with its answer, or null. */
    private String send(Fuzzed fuzzed) throws IOException {
        byte[] body = RequestFuzzer.wire(fuzzed);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + KEY);
        headers.put("Content-Type", fuzzed.contentType());
        headers.put("Content-Length", String.valueOf(body.length));
        if (fuzzed.gzip()) {
            headers.put("Content-Encoding", "gzip");
        }
        RawHttp.Response response = new RawHttp(port).send(fuzzed.method(), fuzzed.target(), headers, body, 30_000);
        int status = response.status();
        count(fuzzed.endpoint(), status, fuzzed.expect());
        Set<Integer> allowed = switch (fuzzed.expect()) {
            case MALFORMED -> Set.of(400, 413);
            case REFUSED -> Set.of(400, 413, 422);
            case ANY -> null;
        };
        if (status >= 500) {
            return "answered " + status + ": " + response.text();
        }
        if (allowed != null && !allowed.contains(status)) {
            return "answered " + status + ", expected one of " + allowed + ": " + response.text();
        }
        if (status >= 400) {
            String problem = problemFault(response);
            if (problem != null) {
                return problem;
            }
        }
        if (!fuzzed.lines().isEmpty() && status == 200) {
            List<Integer> results = new ArrayList<>();
            EventJson.mapper().readTree(response.body()).get("results").forEach(line -> results.add(line.get("status")
                    .asInt()));
            if (results.size() != fuzzed.lines().size()) {
                return "answered " + results.size() + " results for " + fuzzed.lines().size() + " lines: " + response.text();
            }
            for (int i = 0; i < results.size(); i++) {
                Expect line = fuzzed.lines().get(i);
                int lineStatus = results.get(i);
                boolean ok = lineStatus < 500 && switch (line) {
                    case MALFORMED -> lineStatus == 400 || lineStatus == 413;
                    case REFUSED -> lineStatus == 400 || lineStatus == 413 || lineStatus == 422;
                    case ANY -> true;
                };
                if (!ok) {
                    return "line " + (i + 1) + " answered " + lineStatus + ", expected " + line + ": " + response.text();
                }
            }
        }
        return null;
    }

    private static String problemFault(RawHttp.Response response) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return "answered " + response.status() + " as " + response.contentType() + ", not a problem: " + response.text();
        }
        String text = response.text();
        for (String leak : List.of("Exception", "at io.newsflow", "at org.", "tools.jackson", "io.newsflow.")) {
            if (text.contains(leak)) {
                return "the problem shows '" + leak + "': " + text;
            }
        }
        return null;
    }

    private Random random(String round, int attempt) {
        return new Random(SEED * 31 + round.hashCode() * 1_000_003L + attempt);
    }

    private void count(String endpoint, int status, Expect expect) {
        outcomes.computeIfAbsent(endpoint, e -> new TreeMap<>()).merge(status, 1, Integer::sum);
        judged.computeIfAbsent(endpoint, e -> new int[3])[expect.ordinal()]++;
    }

    private void assertHealthy() throws IOException {
        RawHttp.Response health = new RawHttp(port).send("GET", "/actuator/health", Map.of(), new byte[0], 10_000);
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.text()).contains("\"status\":\"UP\"");
    }

    @AfterAll
    void reportAndCheckMemory() throws Exception {
        long heapAfter = heapAfterCollection();
        StringBuilder report = new StringBuilder("# API fuzzing: outcomes\n\nSeed " + SEED + ", " + TRIES
                + " tries per round. Heap after a collection: " + (heapBefore >> 20) + " MB before, " + (heapAfter >> 20)
                + " MB after.\n\n");
        report.append(HostileCorpus.table(new TreeMap<>(outcomes))).append("\nRequests by what the document says of "
                + "them (any: within bounds; refused: a value outside them; malformed: not the JSON described):\n\n"
                + "| endpoint | any | refused | malformed |\n|---|---:|---:|---:|\n");
        new TreeMap<>(judged).forEach((endpoint, counts) -> report.append("| ").append(endpoint).append(" | ")
                .append(counts[0]).append(" | ").append(counts[1]).append(" | ").append(counts[2]).append(" |\n"));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "api-fuzz.md"), report);
        System.out.println(report);
        site.close();
        assertThat(heapAfter - heapBefore).as("heap growth over the round (bytes)").isLessThan(HEAP_GROWTH_LIMIT);
    }

    private static long heapAfterCollection() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
