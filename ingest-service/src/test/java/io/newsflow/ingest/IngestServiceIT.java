package io.newsflow.ingest;

import io.newsflow.ingest.intake.ArticleSubmission;
import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Revisions;
import io.newsflow.contracts.Topics;
import io.newsflow.ingest.security.ApiKeys;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingest service against a real broker, with API keys on: a 202 means the record is on news.raw. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class IngestServiceIT {

    static final String KEY = "it-key-0123456789";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.ingest.security.api-keys[0].name", () -> "it");
        registry.add("newsflow.ingest.security.api-keys[0].sha256", () -> ApiKeys.hash(KEY));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postedArticleIsOnTheRawTopicKeyedByItsIdWithTheBrokersTimeAsRevision() throws Exception {
        String url = "https://news.example.org/world/2024/05/01/talks-resume?utm_campaign=x";
        HttpResponse<String> response = post("""
                {"url": "%s", "source": {"name": "Example News"}, "html": "<html><body><h1>Talks resume</h1></body></html>",
                 "title": "Talks resume", "publishedAt": "2024-05-01T08:00:00Z"}
                """.formatted(url), "Authorization", "Bearer " + KEY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        var accepted = EventJson.mapper().readTree(response.body());
        String id = accepted.get("id").asString();
        assertThat(id).isEqualTo(ArticleIds.fromUrl(url));

        ConsumerRecord<String, String> record = KafkaTopics.readOne(Topics.RAW, id);
        assertThat(record.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(accepted.get("revision").asLong()).as("revision: the broker's append time and the offset")
                .isEqualTo(Revisions.of(record.timestamp(), record.offset()));
        ArticleReceived article = EventJson.mapper().readValue(record.value(), ArticleReceived.class);
        assertThat(article.id()).isEqualTo(id);
        assertThat(article.source().domain()).isEqualTo("news.example.org");
        assertThat(article.html()).contains("Talks resume");
        assertThat(record.headers().lastHeader("__TypeId__")).as("values carry no Java type headers").isNull();
    }

    @Test
    void aLaterPostOfTheSameArticleGetsANewerRevision() throws Exception {
        String json = """
                {"url": "https://news.example.org/corrections/1", "source": "X", "text": "%s"}
                """;
        var first = EventJson.mapper().readTree(post(json.formatted("First version."), "X-Api-Key", KEY).body());
        var second = EventJson.mapper().readTree(post(json.formatted("Corrected version."), "X-Api-Key", KEY).body());

        assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(second.get("revision").asLong()).isGreaterThan(first.get("revision").asLong());
    }

    /** Concurrent posts of one article get distinct revisions, so each 202 says whether it won. */
    @Test
    void concurrentPostsOfOneArticleGetDistinctRevisions() throws Exception {
        String json = "{\"url\": \"https://news.example.org/concurrent/1\", \"source\": \"X\", \"text\": \"Version %d.\"}";
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<HttpResponse<String>>> posts = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                int version = i;
                posts.add(pool.submit(() -> post(json.formatted(version), "X-Api-Key", KEY)));
            }
            java.util.Set<Long> revisions = new java.util.HashSet<>();
            for (var response : posts) {
                assertThat(response.get().statusCode()).isEqualTo(202);
                revisions.add(EventJson.mapper().readTree(response.get().body()).get("revision").asLong());
            }
            assertThat(revisions).hasSize(16);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void withoutAValidKeyNothingIsAccepted() throws Exception {
        String json = "{\"url\": \"https://news.example.org/nokey\", \"source\": \"X\", \"text\": \"t\"}";
        HttpResponse<String> none = post(json);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(none.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        // written by the API's one error handler, like every other problem
        var problem = EventJson.mapper().readTree(none.body());
        assertThat(problem.get("type").asString()).isEqualTo("https://newsflow.io/problems/unauthorized");
        assertThat(problem.get("status").asInt()).isEqualTo(401);
        assertThat(problem.get("instance").asString()).isEqualTo("/api/v1/articles");
        assertThat(post(json, "Authorization", "Bearer wrong-key").statusCode()).isEqualTo(403);
    }

    @Test
    void rawTopicIsDeclaredWithConfiguredPartitionsAndBrokerTimestamps() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.RAW)).allTopicNames().get().get(Topics.RAW);
            assertThat(topic.partitions()).hasSize(6);
            var resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.RAW);
            var config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            assertThat(config.get("message.timestamp.type").value()).isEqualTo("LogAppendTime");
            assertThat(config.get("max.message.bytes").value()).isEqualTo("10485760");
        }
    }

    @Test
    void healthShowsTheBrokerAndMetricsAndApiDescriptionAreServed() throws Exception {
        HttpResponse<String> readiness = get("/actuator/health/readiness");
        assertThat(readiness.statusCode()).isEqualTo(200);
        assertThat(readiness.body()).contains("\"kafka\"");
        post("{\"url\": \"https://news.example.org/metrics\", \"source\": \"X\", \"text\": \"t\"}", "X-Api-Key", KEY);
        assertThat(get("/actuator/prometheus").body()).contains("newsflow_ingest_articles_accepted_total",
                "newsflow_ingest_produce_seconds");
        HttpResponse<String> openApi = get("/openapi.json");
        assertThat(openApi.statusCode()).isEqualTo(200);
        assertThat(openApi.body()).contains("\"/api/v1/articles\"", "\"/api/v1/articles:batch\"", "ArticleSubmission");
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String json, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

}
