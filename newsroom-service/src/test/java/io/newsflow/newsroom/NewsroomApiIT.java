package io.newsflow.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The newsroom's JSON API over a real Elasticsearch holding {@link NewsroomFixture}'s articles,
 * written by the publish service's own index code: what the page relies on, checked by counts.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class NewsroomApiIT {

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("newsflow.newsroom.elasticsearch.uris", TestInfrastructure::elasticsearchUrl);
        registry.add("newsflow.newsroom.alias", () -> NewsroomFixture.ALIAS);
    }

    @BeforeAll
    static void articles() throws Exception {
        NewsroomFixture.load();
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void withoutAQueryEverythingComesNewestFirstWithFacetsAndATimeline() throws Exception {
        JsonNode page = ok("/api/v1/search");

        assertThat(page.get("total").asLong()).isEqualTo(18);
        List<Instant> times = new ArrayList<>();
        page.get("hits").forEach(hit -> times.add(Instant.parse(hit.get("publishedAt").asString())));
        assertThat(times).hasSize(18).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(counts(page, "people")).containsEntry("Keir Starmer", 8L)
                .containsEntry("Alexander Lukashenka", 7L).containsEntry("Emmanuel Macron", 5L);
        assertThat(counts(page, "countries")).containsEntry("GB", 8L).containsEntry("BY", 7L)
                .containsEntry("FR", 5L);
        assertThat(counts(page, "organizations")).containsOnly(Map.entry("Parliament", 6L));
        assertThat(counts(page, "places")).containsEntry("Minsk", 7L);
        assertThat(counts(page, "topics")).containsEntry("politics", 12L).containsEntry("economy", 6L);
        assertThat(counts(page, "languages")).containsEntry("en", 16L).containsEntry("de", 2L);
        assertThat(counts(page, "tones")).containsEntry("negative", 7L).containsEntry("positive", 11L);
        assertThat(counts(page, "sources")).containsOnly(Map.entry("Example News", 18L));
        long inTimeline = 0;
        int empty = 0;
        for (JsonNode point : page.get("timeline").get("points")) {
            inTimeline += point.get("count").asLong();
            if (point.get("count").asLong() == 0) {
                empty++;
                assertThat(point.has("tone")).as("an empty bar has no tone").isFalse();
            }
        }
        assertThat(empty).as("bars of the 6 hours without articles are there, so time runs evenly").isPositive();
        assertThat(inTimeline).isEqualTo(18);
        assertThat(page.get("timeline").get("interval").asString()).isNotBlank();
        assertThat(page.get("timeline").get("points").get(0).get("tone").isNumber()).isTrue();
        // every article mentions Minsk, London or Paris, so is located near one of them
        Map<String, Long> spots = new HashMap<>();
        for (JsonNode spot : page.get("spots")) {
            String near = spot.get("lon").asDouble() > 20 ? "Minsk" : spot.get("lon").asDouble() < 0 ? "London" : "Paris";
            spots.merge(near, spot.get("count").asLong(), Long::sum);
            assertThat(Math.abs(spot.get("lat").asDouble() - NewsroomFixture.CITIES.get(near).lat())).isLessThan(0.01);
        }
        assertThat(spots).containsOnly(Map.entry("Minsk", 7L), Map.entry("London", 6L), Map.entry("Paris", 5L));
    }

    @Test
    void wordsAreSearchedInTheSafeSyntaxAndMatchesComeBackMarked() throws Exception {
        JsonNode page = ok("/api/v1/search?q=" + encode("Lukashenka"));
        assertThat(page.get("total").asLong()).isEqualTo(7);
        assertThat(page.get("hits").get(0).get("snippets").get(0).asString()).contains("\u0002Lukashenka\u0003");

        assertThat(ok("/api/v1/search?q=" + encode("\"defence pact\"")).get("total").asLong()).isEqualTo(2);
        assertThat(ok("/api/v1/search?q=" + encode("Starmer -Macron")).get("total").asLong()).isEqualTo(6);
        assertThat(ok("/api/v1/search?q=" + encode("Lukashenka OR Macron")).get("total").asLong()).isEqualTo(12);
        // what query_string would choke on is just words here, never an error
        assertThat(ok("/api/v1/search?q=" + encode("Minsk) AND (/[a-z]+/ title:x~~ \\")).get("total").asLong())
                .isBetween(0L, 7L);
        JsonNode relevant = ok("/api/v1/search?sort=relevance&q=" + encode("budget Starmer"));
        assertThat(relevant.get("total").asLong()).isEqualTo(6);
    }

    @Test
    void filtersCombineAndTheFacetCountsFollowThem() throws Exception {
        JsonNode both = ok("/api/v1/search?person=" + encode("Keir Starmer") + "&country=fr");
        assertThat(both.get("total").asLong()).isEqualTo(2);
        assertThat(counts(both, "people")).containsEntry("Emmanuel Macron", 2L).containsEntry("Keir Starmer", 2L);
        assertThat(ok("/api/v1/search?language=de").get("total").asLong()).isEqualTo(2);
        assertThat(ok("/api/v1/search?tone=negative&topic=politics").get("total").asLong()).isEqualTo(7);
        assertThat(ok("/api/v1/search?person=" + encode("Keir Starmer") + "&country=BY").get("total").asLong())
                .isZero();
        // 1-3 May, the "to" day included: Lukashenka's first three days and Starmer's first
        JsonNode range = ok("/api/v1/search?from=2024-05-01&to=2024-05-03");
        assertThat(range.get("total").asLong()).isEqualTo(3 + 1);
        // from 3 May: all but Lukashenka's first two days
        assertThat(ok("/api/v1/search?from=2024-05-03T00:00:00Z").get("total").asLong()).isEqualTo(18 - 2);
    }

    @Test
    void pagesFollowEachOtherByCursorWithoutGapsOrRepeats() throws Exception {
        Set<String> seen = new HashSet<>();
        String after = null;
        int pages = 0;
        do {
            JsonNode page = ok("/api/v1/search?size=5" + (after == null ? "" : "&after=" + encode(after)));
            page.get("hits").forEach(hit -> assertThat(seen.add(hit.get("id").asString())).isTrue());
            after = page.hasNonNull("next") ? page.get("next").asString() : null;
            pages++;
        } while (after != null && pages < 10);
        assertThat(seen).hasSize(18);
        assertThat(pages).isBetween(4, 5);
    }

    @Test
    void anArticleComesWithItsEntitiesOffsetsAndRelatedArticles() throws Exception {
        ArticleEnriched summit = NewsroomFixture.load().stream().filter(a -> a.url().endsWith("/summit-0"))
                .findFirst().orElseThrow();
        JsonNode article = ok("/api/v1/articles/" + summit.id());

        assertThat(article.get("title").asString()).isEqualTo(summit.title());
        assertThat(article.get("body").asString()).isEqualTo(summit.body());
        assertThat(article.get("source").asString()).isEqualTo("Example News");
        assertThat(article.get("topics").get(0).asString()).isEqualTo("politics");
        assertThat(article.get("tone").get("label").asString()).isEqualTo("positive");
        JsonNode starmer = article.get("entities").get(0);
        assertThat(starmer.get("type").asString()).isEqualTo("PERSON");
        int start = starmer.get("offsets").get(0).get(0).asInt();
        int end = starmer.get("offsets").get(0).get(1).asInt();
        assertThat(summit.body().substring(start, end)).isEqualTo("Keir Starmer");
        List<String> related = new ArrayList<>();
        article.get("related").forEach(hit -> related.add(hit.get("title").asString()));
        assertThat(related).isNotEmpty().doesNotContain(summit.title())
                .anySatisfy(title -> assertThat(title).startsWith("Starmer and Macron"));
    }

    @Test
    void anArticleNamesItsStoryAndOriginalAndAStoryIsAFilter() throws Exception {
        List<ArticleEnriched> all = NewsroomFixture.load();
        ArticleEnriched paris = all.stream().filter(a -> a.url().endsWith("/paris-1")).findFirst().orElseThrow();
        ArticleEnriched summit = all.stream().filter(a -> a.url().endsWith("/summit-0")).findFirst().orElseThrow();
        ArticleEnriched copy = all.stream().filter(a -> a.url().endsWith("/summit-1")).findFirst().orElseThrow();

        JsonNode article = ok("/api/v1/articles/" + paris.id());
        String story = article.get("story").get("id").asString();
        assertThat(article.get("story").get("articles").asLong()).isEqualTo(3);
        assertThat(article.get("story").get("label").asString()).isEqualTo("Macron hosts European leaders, round 0");
        assertThat(ok("/api/v1/search?story=" + story).get("total").asLong()).isEqualTo(3);
        JsonNode stories = ok("/api/v1/search").get("facets").get("stories");
        assertThat(stories).hasSize(1);
        assertThat(stories.get(0).get("value").asString()).isEqualTo(story);
        assertThat(stories.get(0).get("count").asLong()).isEqualTo(3);
        assertThat(stories.get(0).get("label").asString()).as("the label, not the id, is what a reader sees")
                .isEqualTo("Macron hosts European leaders, round 0");

        JsonNode copied = ok("/api/v1/articles/" + copy.id());
        assertThat(copied.get("copyOf").get("id").asString()).isEqualTo(summit.id());
        assertThat(copied.get("copyOf").get("title").asString()).isEqualTo(summit.title());
        assertThat(copied.get("copyOf").get("similarity").asDouble()).isEqualTo(0.93);
        assertThat(ok("/api/v1/articles/" + summit.id()).get("copies").asLong()).isEqualTo(1);
        assertThat(ok("/api/v1/articles/" + summit.id()).has("copyOf")).isFalse();
    }

    @Test
    void hostileTextComesBackAsTheCharactersItIs() throws Exception {
        ArticleEnriched hostile = NewsroomFixture.hostile();
        JsonNode article = ok("/api/v1/articles/" + hostile.id());
        assertThat(article.get("title").asString()).isEqualTo(NewsroomFixture.HOSTILE_TITLE);
        assertThat(article.get("body").asString()).isEqualTo(NewsroomFixture.HOSTILE_BODY);
    }

    @Test
    void newArticlesAreCountedByIndexingTime() throws Exception {
        JsonNode before = ok("/api/v1/search/new?since=2000-01-01T00:00:00Z");
        assertThat(before.get("count").asLong()).isEqualTo(18);
        assertThat(ok("/api/v1/search/new?q=Macron&since=2000-01-01T00:00:00Z").get("count").asLong()).isEqualTo(5);
        assertThat(ok("/api/v1/search/new?since=" + Instant.now().plusSeconds(60)).get("count").asLong()).isZero();
        assertThat(get("/api/v1/search/new").statusCode()).isEqualTo(400);
    }

    @Test
    void badParametersAreProblemsNamingEachOne() throws Exception {
        HttpResponse<String> response = get("/api/v1/search?size=500&country=Belarus&sort=oldest&colour=red"
                + "&from=yesterday&after=" + encode("not a cursor"));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("type").asString()).endsWith("invalid-parameter");
        List<String> named = new ArrayList<>();
        problem.get("errors").forEach(error -> named.add(error.get("parameter").asString()));
        assertThat(named).containsExactlyInAnyOrder("size", "country", "sort", "colour", "from", "after");
        assertThat(response.body()).doesNotContain("Exception").doesNotContain("at io.");

        assertThat(get("/api/v1/search?q=" + "x".repeat(501)).statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/search?from=2024-05-03&to=2024-05-01").statusCode()).isEqualTo(400);
        assertThat(get("/api/v1/search?story=not-a-story").statusCode()).isEqualTo(400);
        HttpResponse<String> missing = get("/api/v1/articles/" + "0".repeat(32));
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(json.readTree(missing.body()).get("type").asString()).endsWith("not-found");
        assertThat(get("/api/v1/articles/..%2F..%2Fetc").statusCode()).isBetween(400, 404);
    }

    @Test
    void thePageOpensOnAnyQueryAndEveryAnswerCarriesTheContentSecurityPolicy() throws Exception {
        HttpResponse<String> page = get("/?q=Lukashenka");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<script src=\"app.js\"").doesNotContain("<script>");
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'").doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(get("/api/v1/search").headers().firstValue("Content-Security-Policy")).hasValue(policy);
        assertThat(get("/world.json").statusCode()).isEqualTo(200);
        JsonNode api = json.readTree(get("/openapi.json").body());
        assertThat(api.get("paths").propertyNames()).contains("/api/v1/search", "/api/v1/search/new",
                "/api/v1/articles/{id}");
    }

    private JsonNode ok(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Map<String, Long> counts(JsonNode page, String facet) {
        Map<String, Long> counts = new HashMap<>();
        page.get("facets").get(facet).forEach(bucket -> counts.put(bucket.get("value").asString(),
                bucket.get("count").asLong()));
        return counts;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
