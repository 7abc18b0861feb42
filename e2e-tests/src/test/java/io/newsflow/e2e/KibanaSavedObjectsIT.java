package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose stack's Kibana saved objects ({@code kibana/newsflow-newsroom.ndjson}) imported into
 * a real Kibana of the compose file's version, over a real Elasticsearch, through the same API the
 * compose stack's {@code kibana-setup} container calls: every object must import without error,
 * and the dashboard must then be there with its panels. Needs a Docker engine; where there is
 * none (this project's CI) it is skipped and says so. Whether the fields exist in the index is
 * checked everywhere by {@code KibanaSavedObjectsTest} in publish-service.
 */
class KibanaSavedObjectsIT {

    /** The versions docker-compose.yml runs. */
    private static final String ELASTICSEARCH = "docker.elastic.co/elasticsearch/elasticsearch:9.2.4";
    private static final String KIBANA = "docker.elastic.co/kibana/kibana:9.2.4";
    private static final Path SAVED_OBJECTS = Path.of("..", "kibana", "newsflow-newsroom.ndjson");

    @Test
    void theSavedObjectsImportIntoARealKibana() throws Exception {
        assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker engine: importing the saved objects into a real Kibana needs one (skipped)");
        try (Network network = Network.newNetwork();
                GenericContainer<?> elasticsearch = new GenericContainer<>(ELASTICSEARCH).withNetwork(network)
                        .withNetworkAliases("elasticsearch").withEnv("discovery.type", "single-node")
                        .withEnv("xpack.security.enabled", "false").withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                        .withExposedPorts(9200).waitingFor(Wait.forHttp("/_cluster/health?wait_for_status=yellow")
                                .forStatusCode(200).withStartupTimeout(Duration.ofMinutes(3)));
                GenericContainer<?> kibana = new GenericContainer<>(KIBANA).withNetwork(network)
                        .withEnv("ELASTICSEARCH_HOSTS", "http://elasticsearch:9200")
                        .withEnv("TELEMETRY_OPTIN", "false").withExposedPorts(5601).dependsOn(elasticsearch)
                        .waitingFor(Wait.forHttp("/api/status").forResponsePredicate(body ->
                                body.contains("\"level\":\"available\"")).withStartupTimeout(Duration.ofMinutes(5)))) {
            elasticsearch.start();
            kibana.start();
            String base = "http://" + kibana.getHost() + ":" + kibana.getMappedPort(5601);
            HttpClient http = HttpClient.newHttpClient();
            JsonMapper json = JsonMapper.builder().build();
            byte[] file = Files.readAllBytes(SAVED_OBJECTS);
            long objects = Files.readAllLines(SAVED_OBJECTS).stream().filter(line -> !line.isBlank()).count();

            String boundary = "newsflow-" + UUID.randomUUID();
            byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
                    + "filename=\"newsflow-newsroom.ndjson\"\r\nContent-Type: application/ndjson\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8);
            byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[head.length + file.length + tail.length];
            System.arraycopy(head, 0, body, 0, head.length);
            System.arraycopy(file, 0, body, head.length, file.length);
            System.arraycopy(tail, 0, body, head.length + file.length, tail.length);
            HttpResponse<String> imported = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/api/saved_objects/_import?overwrite=true"))
                    .header("kbn-xsrf", "newsflow").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            JsonNode result = json.readTree(imported.body());
            assertThat(result.path("errors").size()).as(imported.body()).isZero();
            assertThat(result.get("success").asBoolean()).as(imported.body()).isTrue();
            assertThat(result.get("successCount").asLong()).isEqualTo(objects);

            HttpResponse<String> dashboard = http.send(HttpRequest.newBuilder(
                    URI.create(base + "/api/saved_objects/dashboard/newsflow-newsroom")).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(dashboard.statusCode()).isEqualTo(200);
            assertThat(json.readTree(dashboard.body()).path("attributes").path("title").asString())
                    .isEqualTo("Newsflow — Newsroom");
        }
    }
}
