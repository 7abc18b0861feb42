package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path, as users run it: the three packaged services as separate JVMs on a real
 * broker and a real Elasticsearch; an article posted over HTTP must become a clean, searchable
 * document in the {@code news-articles} alias.
 */
class PipelineEndToEndIT {

    private static final List<ServiceProcess> services = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static String elasticsearch;
    private static ServiceProcess ingest;

    @BeforeAll
    static void startPipeline() throws Exception {
        elasticsearch = TestInfrastructure.elasticsearchUrl();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "ELASTICSEARCH_URIS", elasticsearch);
        for (String name : List.of("ingest-service", "enrich-service", "publish-service")) {
            services.add(ServiceProcess.start(name, environment));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        ingest = services.get(0);
    }

    @AfterAll
    static void stopPipeline() throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
    }

    @Test
    void postedPageBecomesACleanSearchableDocument() throws Exception {
        String url = "https://www.example-news.org/world/2024/05/01/ceasefire-talks?utm_source=feed";
        String page = """
                <!doctype html><html lang="en"><head>
                <title>Ceasefire talks resume in Cairo | Example News</title>
                <meta property="og:title" content="Ceasefire talks resume in Cairo">
                <meta property="article:published_time" content="2024-05-01T07:30:00Z"></head>
                <body><nav><a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></nav>
                <article><h1>Ceasefire talks resume in Cairo</h1>
                <p>Negotiators returned to Cairo on Wednesday for a new round of talks.</p>
                <p>Mediators said both delegations had accepted the agenda.</p></article>
                <footer>© Example News. All rights reserved.</footer></body></html>
                """;
        String body = json.writeValueAsString(Map.of("url", url, "source", "Example News", "html", page));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json.readTree(response.body()).get("id").asString();
        assertThat(id).isEqualTo(ArticleIds.fromUrl(url));

        JsonNode document = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> getDocument(id), doc -> doc != null);
        assertThat(document.get("title").asString()).isEqualTo("Ceasefire talks resume in Cairo");
        assertThat(document.get("body").asString()).isEqualTo(
                "Negotiators returned to Cairo on Wednesday for a new round of talks.\n\n"
                        + "Mediators said both delegations had accepted the agenda.");
        assertThat(document.get("source").get("domain").asString()).isEqualTo("example-news.org");
        assertThat(document.get("publishedAt").asString()).isEqualTo("2024-05-01T07:30:00Z");
        // the enrichments reach the index: language, places, dates, topics, fingerprints
        assertThat(document.get("language").get("code").asString()).isEqualTo("en");
        assertThat(document.get("countries").toString()).contains("EG");
        assertThat(document.get("dates").get(0).get("value").asString()).as("Wednesday before publication")
                .isEqualTo("2024-05-01");
        assertThat(document.get("topics").get(0).get("label").asString()).isNotBlank();
        assertThat(document.get("fingerprints").get("simhash").asString()).hasSize(16);

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(
                ingest.baseUrl() + "/api/v1/articles/" + id + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(json.readTree(status.body()).get("state").asString()).isEqualTo("indexed");
        assertThat(json.readTree(status.body()).get("revision").asLong()).isEqualTo(json.readTree(response.body())
                .get("revision").asLong());

        // search sees a document after the next refresh (refresh_interval 1s), unlike a get by id
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                search("ceasefire").get("hits").get("hits").findValuesAsString("_id")).contains(id));
    }

    @Test
    void rejectedArticleNeverReachesTheIndex() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"https://example.org/x\", \"text\": \"no source\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("source");
    }

    private static JsonNode getDocument(String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(elasticsearch + "/news-articles/_doc/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()).get("_source") : null;
    }

    private static JsonNode search(String word) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(elasticsearch + "/news-articles/_search?q=title:" + word)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
