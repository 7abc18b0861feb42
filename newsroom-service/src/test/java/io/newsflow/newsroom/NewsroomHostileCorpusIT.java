package io.newsflow.newsroom;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.newsroom.hostile.HostileCorpus;
import io.newsflow.newsroom.hostile.Problems;
import io.newsflow.testinfra.RawHttp;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/newsroom-corpus.txt}): every public
 * endpoint of the newsroom (the search API, new-article counts, articles by id, the page, its
 * static files, the access key) asked what no reader would ask, each case with the exact status it
 * must get, every refusal a problem document naming what was wrong. Sent over a bare socket, so
 * that invalid percent-encoding, raw bytes and forged paths reach the server as written. The
 * outcomes (endpoint, cases, statuses) are written to {@code target/hostile-corpus.md}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "newsflow.newsroom.access-key=" + NewsroomHostileCorpusIT.KEY)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewsroomHostileCorpusIT {

    static final String KEY = "corpus-key-0123456789";

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("newsflow.newsroom.elasticsearch.uris", TestInfrastructure::elasticsearchUrl);
        registry.add("newsflow.newsroom.alias", () -> NewsroomFixture.ALIAS);
    }

    @LocalServerPort
    int port;

    private final Map<String, Map<Integer, Integer>> outcomes = new LinkedHashMap<>();
    private final Map<String, String> variables = new LinkedHashMap<>();

    @BeforeAll
    void articlesAndCursors() throws Exception {
        List<ArticleEnriched> articles = NewsroomFixture.load();
        ArticleEnriched paris = articles.stream().filter(a -> a.url().endsWith("/paris-1")).findFirst().orElseThrow();
        variables.put("article", paris.id());
        variables.put("story", paris.story().id());
        variables.put("key", KEY);
        variables.put("cursor", next("/api/v1/search?size=5"));
        variables.put("relevant", next("/api/v1/search?size=5&sort=relevance&q=Minsk"));
    }

    @TestFactory
    Stream<DynamicTest> everyCaseGetsItsAnswer() throws Exception {
        List<HostileCorpus.Case> cases;
        try (InputStream corpus = getClass().getResourceAsStream("/hostile/newsroom-corpus.txt")) {
            cases = HostileCorpus.read(corpus, variables);
        }
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> check(c)));
    }

    private void check(HostileCorpus.Case c) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        if (c.options().containsKey("auth")) {
            headers.put("Authorization", c.options().get("auth"));
        } else if (!c.options().containsKey("nokey")) {
            headers.put("Authorization", "Bearer " + KEY);
        }
        headers.put("Accept", c.options().getOrDefault("accept", "application/json, */*"));
        RawHttp.Response response = new RawHttp(port).send(c.method(), c.target(), headers);
        synchronized (outcomes) {
            outcomes.computeIfAbsent(c.section(), s -> new TreeMap<>()).merge(response.status(), 1, Integer::sum);
        }
        assertThat(response.status()).as(c + "\n" + response.text()).isEqualTo(c.expected());
        if (c.options().containsKey("tomcat")) {
            assertThat(Problems.tomcatFault(response)).as(c.toString()).isNull();
            return;
        }
        assertThat(response.headers()).as(c + ": the security headers").containsKey("content-security-policy");
        if (response.status() >= 400) {
            assertThat(Problems.fault(response)).as(c.toString()).isNull();
            if (!c.fields().isEmpty()) {
                assertThat(Problems.named(response)).as(c + ": the parameters named")
                        .containsExactlyInAnyOrderElementsOf(c.fields());
            }
        }
    }

    @AfterAll
    void tableAndHealth() throws Exception {
        RawHttp.Response health = new RawHttp(port).send("GET", "/actuator/health", Map.of());
        String table = "# The newsroom's hostile-input corpus: outcomes\n\nEach case's exact status is asserted "
                + "(src/test/resources/hostile/newsroom-corpus.txt).\n\n" + HostileCorpus.table(outcomes)
                + "\nHealth after the corpus: " + health.status() + " " + health.text() + "\n";
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "hostile-corpus.md"), table);
        System.out.println(table);
        assertThat(health.status()).as("healthy after the corpus").isEqualTo(200);
        assertThat(health.text()).contains("\"status\":\"UP\"");
    }

    private String next(String path) throws Exception {
        RawHttp.Response page = new RawHttp(port).send("GET", path, Map.of("Authorization", "Bearer " + KEY));
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        String next = JsonMapper.builder().build().readTree(page.body()).path("next").asString();
        assertThat(next).isNotBlank();
        return next;
    }
}
