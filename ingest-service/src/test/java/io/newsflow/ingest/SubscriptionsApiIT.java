package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Subscription;
import io.newsflow.contracts.Topics;
import io.newsflow.ingest.security.ApiKeys;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The subscriptions API against a real broker, with two API keys: what it accepts and refuses,
 * that a subscription is its key's alone, and that it lands on the compacted topic.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"newsflow.ingest.subscriptions.max-per-key=3",
                "newsflow.ingest.subscriptions.allow-private-webhooks=false"})
@ActiveProfiles("local")
class SubscriptionsApiIT {

    static final String ALICE = "alice-key-0123456789";
    static final String BOB = "bob-key-0123456789";
    static final String CAROL = "carol-key-0123456789";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.ingest.security.api-keys[0].name", () -> "alice");
        registry.add("newsflow.ingest.security.api-keys[0].sha256", () -> ApiKeys.hash(ALICE));
        registry.add("newsflow.ingest.security.api-keys[1].name", () -> "bob");
        registry.add("newsflow.ingest.security.api-keys[1].sha256", () -> ApiKeys.hash(BOB));
        registry.add("newsflow.ingest.security.api-keys[2].name", () -> "carol");
        registry.add("newsflow.ingest.security.api-keys[2].sha256", () -> ApiKeys.hash(CAROL));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aSubscriptionIsWrittenToTheCompactedTopicAndBelongsToItsKey() throws Exception {
        HttpResponse<String> created = call("POST", "", """
                {"name": " belarus ", "query": {"q": "Lukashenka OR \\"Belarusian leader\\"", "countries": ["by", "BY"],
                 "languages": ["EN"]}, "delivery": {"topic": "news.alerts.team-a", "webhook": "https://hooks.example.com/n"}}
                """, ALICE);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode body = EventJson.mapper().readTree(created.body());
        String id = body.get("id").asString();
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/subscriptions/" + id);
        assertThat(body.get("name").asString()).isEqualTo("belarus");
        assertThat(body.get("query").get("countries").toString()).isEqualTo("[\"BY\"]");
        assertThat(body.get("query").get("languages").toString()).isEqualTo("[\"en\"]");
        String secret = body.get("webhookSecret").asString();
        assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

        ConsumerRecord<String, String> record = KafkaTopics.readOne(Topics.SUBSCRIPTIONS, id);
        Subscription stored = EventJson.mapper().readValue(record.value(), Subscription.class);
        assertThat(stored.owner()).isEqualTo("alice");
        assertThat(stored.webhookSecret()).isEqualTo(secret);
        assertThat(stored.contractViolations(id)).isEmpty();
        assertThat(new String(record.headers().lastHeader("ce_type").value())).isEqualTo("io.newsflow.subscription.v1");

        HttpResponse<String> mine = call("GET", "/" + id, null, ALICE);
        assertThat(mine.statusCode()).isEqualTo(200);
        assertThat(mine.body()).contains("belarus").doesNotContain(secret).doesNotContain("webhookSecret");
        assertThat(call("GET", "/" + id, null, BOB).statusCode()).as("another key's subscription").isEqualTo(404);
        assertThat(call("DELETE", "/" + id, null, BOB).statusCode()).isEqualTo(404);
        assertThat(EventJson.mapper().readTree(call("GET", "", null, BOB).body()).get("subscriptions")).isEmpty();

        assertThat(call("DELETE", "/" + id, null, ALICE).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/" + id, null, ALICE).statusCode()).isEqualTo(404);
        assertThat(call("DELETE", "/" + id, null, ALICE).statusCode()).isEqualTo(404);
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        assertProblem(call("POST", "", "null", BOB), 400, "malformed-request");
        assertProblem(call("POST", "", "[]", BOB), 400, "malformed-request");
        assertProblem(call("POST", "", "", BOB), 400, "malformed-request");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"a\"},\"colour\":1}", BOB), 400, "colour");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"countries\":{\"a\":1}}}", BOB), 400,
                "query.countries");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{}}", BOB), 422, "query");
        assertProblem(call("POST", "", "{\"query\":{\"q\":\"a\"}}", BOB), 422, "name");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"--- ()\"}}", BOB), 422, "query.q");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"countries\":[\"Belarus\"]}}", BOB), 422,
                "query.countries.0");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"" + "a".repeat(501) + "\"}}", BOB), 422,
                "query.q");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"a\"},\"delivery\":{\"topic\":\"news.enriched\"}}",
                BOB), 422, "delivery.topic");
        assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"a\"},\"delivery\":{\"topic\":\"news.enriched.dlt\"}}",
                BOB), 422, "delivery.topic");
        for (String hook : new String[] {"http://169.254.169.254/latest/meta-data/", "http://localhost:9200/",
                "http://10.0.0.1/", "file:///etc/passwd", "http://[::1]/"}) {
            assertProblem(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"a\"},\"delivery\":{\"webhook\":\"" + hook
                    + "\"}}", BOB), 422, "delivery.webhook");
        }
        assertThat(call("POST", "", "{\"name\":\"x\",\"query\":{\"q\":\"a\"}}", null).statusCode()).isEqualTo(401);
    }

    @Test
    void aKeyHoldsAtMostItsLimit() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(call("POST", "", "{\"name\":\"n" + i + "\",\"query\":{\"sources\":[\"Reuters\"]}}", CAROL)
                    .statusCode()).isEqualTo(201);
        }
        assertProblem(call("POST", "", "{\"name\":\"n3\",\"query\":{\"sources\":[\"Reuters\"]}}", CAROL), 409,
                "too-many-subscriptions");
        assertThat(EventJson.mapper().readTree(call("GET", "", null, CAROL).body()).get("subscriptions")
                .findValuesAsString("name")).containsExactly("n0", "n1", "n2");
    }

    @Test
    void theEventContractIsServedWithoutAKey() throws Exception {
        HttpResponse<String> asyncApi = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/asyncapi.yaml")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asyncApi.statusCode()).isEqualTo(200);
        assertThat(asyncApi.body()).contains("asyncapi: 3.0.0").contains("news.alerts");
        HttpResponse<String> schema = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/schemas/article-alert.v1.schema.json")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.headers().firstValue("Content-Type").orElse("")).startsWith("application/schema+json");
        assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/schemas/..%2Fapplication.yml")).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                .isIn(400, 404);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains(mentions);
    }

    private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + "/api/v1/subscriptions" + path)).header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
