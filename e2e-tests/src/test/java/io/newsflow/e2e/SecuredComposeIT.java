package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.elasticsearch.ElasticsearchConnection;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * The compose stack itself, secured as shipped: Elasticsearch over TLS with a user per service,
 * Kafka with SASL/SCRAM and ACLs, passwords made up for the run as a user's {@code .env} would
 * hold them. One article posted to ingest must end up in the index, read back over https as the
 * newsroom's read-only user, who may not write; the health details answer the operator's token
 * only. Needs a Docker engine; where there is none (this project's CI) it is skipped and says so.
 * The same files are checked without Docker by {@code ComposeSecurityTest} (statically) and
 * {@code SecuredKafkaIT} (the broker configuration and the ACLs, on a real broker).
 */
class SecuredComposeIT {

    private static final SecureRandom random = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void anArticleGoesThroughTheSecuredStack() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine: bringing the compose stack up needs one (skipped)");
        Map<String, String> env = new HashMap<>();
        for (String name : List.of("KAFKA_ADMIN_PASSWORD", "KAFKA_INGEST_PASSWORD", "KAFKA_ENRICH_PASSWORD",
                "KAFKA_PUBLISH_PASSWORD", "ELASTIC_PASSWORD", "KIBANA_SYSTEM_PASSWORD", "ES_PUBLISH_PASSWORD",
                "ES_ENRICH_PASSWORD", "ES_INGEST_PASSWORD", "ES_NEWSROOM_PASSWORD", "ES_ANALYST_PASSWORD",
                "GRAFANA_ADMIN_PASSWORD")) {
            env.put(name, secret());
        }
        env.put("KIBANA_ENCRYPTION_KEY", secret() + secret());
        String apiKey = secret();
        String operatorToken = secret();
        env.put("NEWSFLOW_API_KEY_SHA256", sha256(apiKey));
        env.put("NEWSFLOW_OPERATOR_SHA256", sha256(operatorToken));

        try (ComposeContainer stack = new ComposeContainer(new File("../docker-compose.yml"))
                .withEnv(env).withBuild(true).withRemoveVolumes(true)
                .withServices("es-certs", "elasticsearch", "es-setup", "kafka", "kafka-setup", "ingest", "enrich",
                        "publish")
                .withExposedService("ingest", 8080, Wait.forHttp("/actuator/health/readiness")
                        .withStartupTimeout(Duration.ofMinutes(6)))
                .withExposedService("publish", 8080, Wait.forHttp("/actuator/health/readiness")
                        .withStartupTimeout(Duration.ofMinutes(6)))
                .withExposedService("elasticsearch", 9200, Wait.forHealthcheck()
                        .withStartupTimeout(Duration.ofMinutes(4)))) {
            stack.start();
            String ingest = "http://" + stack.getServiceHost("ingest", 8080) + ":" + stack.getServicePort("ingest", 8080);
            String publish = "http://" + stack.getServiceHost("publish", 8080) + ":"
                    + stack.getServicePort("publish", 8080);
            HttpClient http = HttpClient.newHttpClient();

            String url = "https://secured.example.org/2026/12/07/port-reopens";
            HttpResponse<String> posted = http.send(HttpRequest.newBuilder(URI.create(ingest + "/api/v1/articles"))
                    .header("Content-Type", "application/json").header("X-API-Key", apiKey)
                    .POST(HttpRequest.BodyPublishers.ofString("""
                            {"url": "%s", "source": "Example Wire", "title": "Port reopens after fire",
                             "text": "The port authority reopened both container terminals on Wednesday, two days after a fire in a warehouse storing lithium batteries halted the loading of more than a dozen ships. Shipping companies said the queue of vessels outside the harbour would take until the weekend to clear."}
                            """.formatted(url))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(202);

            Path ca = dir.resolve("ca.crt");
            stack.getContainerByServiceName("elasticsearch").orElseThrow()
                    .copyFileFromContainer("/usr/share/elasticsearch/config/certs/ca/ca.crt", ca.toString());
            String elasticsearch = "https://localhost:" + stack.getServicePort("elasticsearch", 9200);
            var reader = new ElasticsearchConnection(List.of(elasticsearch), "newsflow-newsroom",
                    env.get("ES_NEWSROOM_PASSWORD"), null, ca, Duration.ofSeconds(5), Duration.ofSeconds(10));
            try (RestClient client = reader.open()) {
                String id = ArticleIds.fromUrl(url);
                String document = Awaitility.await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .ignoreExceptions().until(() -> new String(client.performRequest(
                                new Request("GET", "/news-articles/_doc/" + id)).getEntity().getContent().readAllBytes(),
                                StandardCharsets.UTF_8), body -> body.contains("\"found\":true"));
                assertThat(document).contains("Port reopens after fire");

                Request write = new Request("PUT", "/news-articles/_doc/not-allowed");
                write.setJsonEntity("{\"title\": \"the reader may not write\"}");
                assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(ResponseException.class,
                        () -> client.performRequest(write)).getResponse().getStatusLine().getStatusCode()).isEqualTo(403);
            }

            HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(URI.create(publish + "/actuator/health"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> operator = http.send(HttpRequest.newBuilder(URI.create(publish + "/actuator/health"))
                    .header("Authorization", "Bearer " + operatorToken).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(anonymous.body()).doesNotContain("components");
            assertThat(operator.body()).contains("components").contains("elasticsearch");
        }
        Files.deleteIfExists(dir.resolve("ca.crt"));
    }

    private static String secret() {
        byte[] bytes = new byte[18];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
