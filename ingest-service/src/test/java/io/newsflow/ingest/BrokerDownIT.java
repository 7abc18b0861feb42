package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The broker goes away under a running service: posts get a 503 with Retry-After within the
 * bounded time (never a 202) and readiness goes down. This class runs its own broker, since it
 * stops it. (Recovery needs the broker back on the same address, which the in-JVM test broker
 * cannot do: it always takes new ports. The Kafka clients reconnect by themselves.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class BrokerDownIT {

    private static final EmbeddedKafkaKraftBroker broker = startBroker();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", broker::getBrokersAsString);
        registry.add("newsflow.ingest.send-timeout", () -> "8s");
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void postsAre503AndReadinessIsDownWhileTheBrokerIsGone() throws Exception {
        assertThat(post("before").statusCode()).isEqualTo(202);

        broker.destroy();

        // the first posts find out, each waiting for the producer to give up: refused before sending
        // (no metadata: not accepted) or sent and never confirmed (unknown), and the answer says which
        long start = System.nanoTime();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(3);
        List<java.util.concurrent.Future<HttpResponse<String>>> first = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String text = "during-" + i;
            first.add(pool.submit(() -> post(text)));
        }
        for (var response : first) {
            HttpResponse<String> refused = response.get();
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(refused.body()).containsAnyOf("\"outcome\":\"unknown\"", "\"outcome\":\"not-accepted\"")
                    .contains("\"id\":\"");
        }
        pool.shutdown();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));

        // then the broker is known to be unreachable: refused at once, and honestly not accepted
        long fast = System.nanoTime();
        HttpResponse<String> refused = post("after");
        assertThat(Duration.ofNanos(System.nanoTime() - fast)).isLessThan(Duration.ofSeconds(2));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.body()).contains("\"outcome\":\"not-accepted\"", "nothing was written");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(503));
    }

    private HttpResponse<String> post(String text) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"url\": \"https://example.org/" + text + "\", \"source\": \"X\", \"text\": \"" + text + "\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static EmbeddedKafkaKraftBroker startBroker() {
        var kafka = new EmbeddedKafkaKraftBroker(1, 1);
        kafka.brokerProperties(Map.of("auto.create.topics.enable", "false"));
        kafka.afterPropertiesSet();
        return kafka;
    }
}
