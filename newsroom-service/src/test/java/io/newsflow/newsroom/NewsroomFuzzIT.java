package io.newsflow.newsroom;

import static io.newsflow.newsroom.hostile.QueryFuzzer.decodeOrNull;
import static io.newsflow.newsroom.hostile.QueryFuzzer.encode;
import static io.newsflow.newsroom.hostile.QueryFuzzer.with;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.newsroom.hostile.DocumentedBounds;
import io.newsflow.newsroom.hostile.HostileCorpus;
import io.newsflow.newsroom.hostile.Problems;
import io.newsflow.newsroom.hostile.QueryFuzzer;
import io.newsflow.newsroom.hostile.QueryFuzzer.HostileQuery;
import io.newsflow.newsroom.hostile.QueryFuzzer.Mutation;
import io.newsflow.testinfra.RawHttp;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Property-based fuzzing of the newsroom's API, running on 127.0.0.1 on a random port over the
 * test Elasticsearch with {@link NewsroomFixture}'s articles and an access key. Requests are
 * generated ({@link QueryFuzzer}) from the documented bounds and then mutated; the judge of what
 * is out of bounds is the served OpenAPI document itself ({@link DocumentedBounds}), not the code
 * under test. Properties:
 * <ul>
 * <li>a search within the bounds is answered (200), as is a count of new articles;
 * <li>one value pushed outside its bounds is refused (400) naming that parameter, and the document
 *     agrees it is outside; a forged cursor or reversed range, which only the service can tell, is
 *     refused naming it too;
 * <li>any query string at all (random names, any code points, broken percent-encoding) is never a
 *     5xx, never a 2xx when the document puts a value out of bounds, and every refusal is a
 *     problem document naming at least the parameters the document rules out;
 * <li>any path id is a 200 only for an indexed article, otherwise a 404 (or Tomcat's 400 for an
 *     encoded slash, backslash or NUL), never a 5xx;
 * <li>the service is healthy (actuator health UP) after each property.
 * </ul>
 * Seeded: {@code newsflow.fuzz.tries} tries per property (100 by default: about 15 seconds in
 * {@code ./mvnw verify}), try {@code n} of a property made by its own generator seeded from
 * {@code newsflow.fuzz.seed}, the property and {@code n} alone. There is no shrinking; the seed
 * reproduces a failure: every failing try is reported with the seed, its number and the whole
 * request, and the same seed with at least as many tries makes the same request again. A longer
 * round, and another seed:
 * {@code ./mvnw -B -o verify -pl newsroom-service -Dit.test=NewsroomFuzzIT -Dtest=none
 * -Dsurefire.failIfNoSpecifiedTests=false -Dnewsflow.fuzz.tries=5000 -Dnewsflow.fuzz.seed=42}.
 * The outcomes are written to {@code target/newsroom-fuzz.md}.
 */
class NewsroomFuzzIT {

    static final int TRIES = Integer.getInteger("newsflow.fuzz.tries", 100);
    static final long SEED = Long.getLong("newsflow.fuzz.seed", 20261207L);
    static final String KEY = "fuzz-key-0123456789";
    /** Parameters whose refusal within the documented bounds is expected: what only the service can check. */
    static final Set<String> SEMANTIC = Set.of("from", "to", "after", "since");
    /** How many failing tries a property's failure shows in full (the others by number). */
    static final int SHOWN_FAILURES = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ConfigurableApplicationContext app;
    static int port;
    static DocumentedBounds search;
    static DocumentedBounds newSince;
    static List<String> articleIds;
    static QueryFuzzer fuzzer;
    static final Map<String, Map<Integer, Integer>> outcomes = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        List<ArticleEnriched> articles = NewsroomFixture.load();
        articleIds = articles.stream().map(ArticleEnriched::id).toList();
        app = new SpringApplicationBuilder(NewsroomApplication.class).run("--server.port=0",
                "--server.address=127.0.0.1", "--spring.main.banner-mode=off",
                "--newsflow.newsroom.elasticsearch.uris=" + TestInfrastructure.elasticsearchUrl(),
                "--newsflow.newsroom.alias=" + NewsroomFixture.ALIAS, "--newsflow.newsroom.access-key=" + KEY);
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
        RawHttp.Response document = get("/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode api = JSON.readTree(document.body());
        search = new DocumentedBounds(api, "/api/v1/search");
        newSince = new DocumentedBounds(api, "/api/v1/search/new");
        String newestCursor = JSON.readTree(get("/api/v1/search?size=3").body()).path("next").asString();
        String relevantCursor = JSON.readTree(get("/api/v1/search?size=3&sort=relevance&q=Minsk").body()).path("next")
                .asString();
        assertThat(newestCursor).as("a cursor, newest first").isNotBlank();
        assertThat(relevantCursor).as("a cursor, by relevance").isNotBlank();
        fuzzer = new QueryFuzzer(articleIds, newestCursor, relevantCursor, search.names());
    }

    @AfterAll
    static void stop() throws IOException {
        StringBuilder report = new StringBuilder("# Newsroom API fuzzing: outcomes\n\nSeed " + SEED + ", " + TRIES
                + " tries per property (a seeded generator, no shrinking: the seed and the try number reproduce a "
                + "failure).\n\n");
        report.append(HostileCorpus.table(new TreeMap<>(outcomes)));
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "newsroom-fuzz.md"), report);
        System.out.println(report);
        if (app != null) {
            app.close();
        }
    }

    @AfterEach
    void healthy() throws IOException {
        RawHttp.Response health = new RawHttp(port).send("GET", "/actuator/health", Map.of());
        assertThat(health.status()).as(health.text()).isEqualTo(200);
        assertThat(health.text()).contains("\"status\":\"UP\"");
    }

    // ---- properties

    @Test
    void aSearchWithinTheBoundsIsAnswered() {
        property("aSearchWithinTheBoundsIsAnswered", (random, trial) -> {
            List<Map.Entry<String, String>> query = fuzzer.search(random);
            String target = trial.request("/api/v1/search", query);
            assertThat(search.violations(query)).as("the generator stays within the document").isEmpty();
            RawHttp.Response response = send(target, "search within bounds");
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("total").isNumber()).as(response.text()).isTrue();
        });
    }

    @Test
    void aCountOfNewArticlesWithinTheBoundsIsAnswered() {
        property("aCountOfNewArticlesWithinTheBoundsIsAnswered", (random, trial) -> {
            List<Map.Entry<String, String>> withSince = with(fuzzer.search(random),
                    Map.entry("since", fuzzer.instant(random)));
            String target = trial.request("/api/v1/search/new", withSince);
            assertThat(newSince.violations(withSince)).as("the generator stays within the document").isEmpty();
            RawHttp.Response response = send(target, "new within bounds");
            assertThat(response.status()).as(response.text()).isEqualTo(200);
            assertThat(JSON.readTree(response.body()).path("count").isNumber()).as(response.text()).isTrue();
        });
    }

    @Test
    void aValueOutsideItsBoundsIsRefusedNamingIt() {
        property("aValueOutsideItsBoundsIsRefusedNamingIt", (random, trial) -> {
            List<Map.Entry<String, String>> query = fuzzer.search(random);
            Mutation mutation = fuzzer.mutation(random);
            List<Map.Entry<String, String>> mutated = mutation.apply(query);
            trial.made("mutation " + mutation + (mutation.semantic() ? " (only the service can tell)" : ""));
            String target = trial.request("/api/v1/search", mutated);
            if (!mutation.semantic()) {
                assertThat(search.violations(mutated)).as("the document puts " + mutation + " out of bounds")
                        .contains(mutation.parameter());
            }
            RawHttp.Response response = send(target, "search, one value out of bounds");
            assertThat(response.status()).as(mutation + ": " + response.text()).isEqualTo(400);
            assertThat(Problems.fault(response)).as(mutation.toString()).isNull();
            assertThat(Problems.named(response)).as(mutation + ": " + response.text()).contains(mutation.parameter());
        });
    }

    @Test
    void anyQueryStringIsNeverAServerErrorNorAcceptedOutOfBounds() {
        property("anyQueryStringIsNeverAServerErrorNorAcceptedOutOfBounds", (random, trial) -> {
            HostileQuery hostile = fuzzer.hostileQuery(random);
            boolean newArticles = random.nextBoolean();
            String since = fuzzer.instant(random);
            // for /search/new, mostly with a valid since, so that the other parameters are what is judged
            HostileQuery query = !newArticles || random.nextInt(4) == 0 ? hostile
                    : new HostileQuery(hostile.raw() + (hostile.raw().isEmpty() ? "" : "&") + "since=" + encode(since),
                            hostile.decoded() == null ? null : with(hostile.decoded(), Map.entry("since", since)));
            String path = newArticles ? "/api/v1/search/new" : "/api/v1/search";
            DocumentedBounds bounds = newArticles ? newSince : search;
            String target = trial.request(path + "?" + query.raw());
            RawHttp.Response response = new RawHttp(port).send("GET", target, auth());
            count(newArticles ? "/search/new, any query string" : "/search, any query string", response.status());
            assertThat(response.status()).as(response.text()).isLessThan(500);
            if (response.status() >= 400) {
                assertThat(Problems.fault(response)).isNull();
            }
            if (query.decoded() == null) { // not percent-encoded UTF-8, or a parameter without a name
                assertThat(response.status()).as("not a query string Tomcat can decode: " + response.text())
                        .isEqualTo(400);
                return;
            }
            Set<String> violations = bounds.violations(query.decoded());
            if (!violations.isEmpty()) {
                assertThat(response.status()).as("breaks " + violations + "\n" + response.text()).isEqualTo(400);
                assertThat(Problems.named(response)).as("breaks " + violations + "\n" + response.text())
                        .containsAll(violations);
            } else {
                assertThat(response.status()).as(response.text()).isIn(200, 400);
            }
            if (response.status() == 400) {
                Set<String> beyond = new HashSet<>(Problems.named(response));
                beyond.removeAll(violations);
                assertThat(beyond).as("refused within the documented bounds: " + response.text()).isSubsetOf(SEMANTIC);
            }
        });
    }

    @Test
    void anyPathIdIsAnArticleOrNotFound() {
        property("anyPathIdIsAnArticleOrNotFound", (random, trial) -> {
            String id = fuzzer.pathId(random);
            String target = trial.request("/api/v1/articles/" + id);
            RawHttp.Response response = new RawHttp(port).send("GET", target, auth());
            count("/articles/{id}, any id", response.status());
            String decoded = decodeOrNull(id);
            assertThat(response.status()).as(response.text()).isLessThan(500);
            if (decoded != null && articleIds.contains(decoded)) {
                assertThat(response.status()).as("an indexed article").isEqualTo(200);
            } else if (response.status() == 400) {
                // Tomcat, before the application: an encoded slash, backslash or NUL, or a path that is not UTF-8
                assertThat(decoded == null || id.toUpperCase(Locale.ROOT).matches(".*%(2F|5C|00).*"))
                        .as("refused by Tomcat").isTrue();
                assertThat(Problems.tomcatFault(response)).isNull();
            } else {
                assertThat(response.status()).as(response.text()).isEqualTo(404);
                assertThat(Problems.fault(response)).isNull();
            }
        });
    }

    // ---- running a property

    /** One try of a property: its generator, and what it sent (for the failure message). */
    static final class Trial {

        private final List<String> requests = new ArrayList<>();
        private final List<String> made = new ArrayList<>();

        /** Notes how the request was made. */
        void made(String how) {
            made.add(how);
        }

        /** Notes a request target (the path and its query string) and answers it. */
        String request(String target) {
            requests.add(target);
            return target;
        }

        String request(String path, List<Map.Entry<String, String>> query) {
            return request(path + (query.isEmpty() ? "" : "?" + encode(query)));
        }

        String describe() {
            StringBuilder out = new StringBuilder();
            made.forEach(how -> out.append("\n  made of: ").append(how));
            requests.forEach(target -> out.append("\n  request: GET ").append(HostileCorpus.printable(target))
                    .append(" HTTP/1.1 (Authorization: Bearer ").append(KEY).append(')'));
            return out.toString();
        }
    }

    @FunctionalInterface
    interface Try {
        void run(RandomGenerator random, Trial trial) throws Exception;
    }

    /**
     * Runs {@link #TRIES} tries of a property, each from its own generator, and fails with every
     * failing try: the seed, the try number, the assertion and the whole request.
     */
    private static void property(String name, Try body) {
        List<String> failures = new ArrayList<>();
        List<Integer> failed = new ArrayList<>();
        for (int i = 0; i < TRIES; i++) {
            Trial trial = new Trial();
            try {
                body.run(random(name, i), trial);
            } catch (Exception | AssertionError e) {
                failed.add(i);
                if (failures.size() < SHOWN_FAILURES) {
                    failures.add("try " + i + " of " + name + " (seed " + SEED + "): " + e.getClass().getSimpleName()
                            + ": " + e.getMessage() + trial.describe());
                }
            }
        }
        if (!failed.isEmpty()) {
            throw new AssertionError(name + ": " + failed.size() + " of " + TRIES + " tries failed, seed " + SEED
                    + " (reproduce with -Dnewsflow.fuzz.seed=" + SEED + " -Dnewsflow.fuzz.tries=" + (failed.get(failed.size() - 1) + 1)
                    + "); failing tries " + failed + (failed.size() > SHOWN_FAILURES ? ", the first "
                    + SHOWN_FAILURES + " shown" : "") + ":\n\n" + String.join("\n\n", failures));
        }
    }

    /** Try {@code attempt} of a property: a generator of its own, from the seed, the property and the try number. */
    static RandomGenerator random(String property, int attempt) {
        long seed = SEED * 0x9E3779B97F4A7C15L + property.hashCode();
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + attempt);
    }

    // ---- helpers

    private static RawHttp.Response send(String target, String round) throws IOException {
        RawHttp.Response response = new RawHttp(port).send("GET", target, auth());
        count(round, response.status());
        return response;
    }

    private static RawHttp.Response get(String path) throws IOException {
        return new RawHttp(port).send("GET", path, auth());
    }

    private static Map<String, String> auth() {
        return Map.of("Authorization", "Bearer " + KEY);
    }

    private static void count(String round, int status) {
        outcomes.computeIfAbsent(round, r -> new ConcurrentSkipListMap<>()).merge(status, 1, Integer::sum);
    }
}
