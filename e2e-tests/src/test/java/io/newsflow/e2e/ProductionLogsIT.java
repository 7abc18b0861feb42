package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testinfra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Outside the local profile every service logs one JSON object per line in Elastic Common Schema,
 * ready for a log pipeline: the three pipeline services are started as deployed (no profile) and
 * every line they write once logging is up is read back. What a service logs about a record
 * carries the record's trace id.
 */
class ProductionLogsIT {

    private static final JsonMapper json = JsonMapper.builder().build();
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

    @Test
    void everyServiceLogsEcsJsonLines() throws Exception {
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "ELASTICSEARCH_URIS", TestInfrastructure.elasticsearchUrl(),
                "NEWSFLOW_TOPIC_REPLICAS", "1",
                "NEWSFLOW_INDEX_REPLICAS", "0",
                // outside the local profile the ingest service refuses to start without an API key
                "NEWSFLOW_INGEST_SECURITY_APIKEYS_0_NAME", "e2e",
                "NEWSFLOW_INGEST_SECURITY_APIKEYS_0_SHA256", java.util.HexFormat.of().formatHex(
                        java.security.MessageDigest.getInstance("SHA-256").digest("e2e-key".getBytes())));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            for (String name : List.of("ingest-service", "enrich-service", "publish-service")) {
                services.add(ServiceProcess.startInProduction(name, name + "-production", environment));
            }
            for (ServiceProcess service : services) {
                service.awaitReady(Duration.ofSeconds(120));
            }
            // a record that can never be read, in a trace of its own: enrich dead-letters it, and
            // the line it logs about it names that trace
            try (var producer = new KafkaProducer<String, String>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                    new StringSerializer(), new StringSerializer())) {
                var record = new ProducerRecord<String, String>("news.raw", "traced-unreadable", "{not json");
                record.headers().add("traceparent",
                        ("00-" + TRACE_ID + "-00f067aa0ba902b7-01").getBytes(StandardCharsets.UTF_8));
                producer.send(record).get();
            }
            Path enrichLog = Path.of("target", "e2e-logs", "enrich-service-production.log");
            String traced = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.readAllLines(enrichLog).stream()
                            .filter(line -> line.contains("traced-unreadable")).findFirst().orElse(null),
                            line -> line != null);
            JsonNode event = json.readTree(traced);
            assertThat(event.path("log").path("level").asString()).isEqualTo("WARN");
            assertThat(event.path("traceId").asString()).as(traced).isEqualTo(TRACE_ID);
            assertThat(event.path("spanId").asString()).as(traced).hasSize(16).isNotEqualTo("00f067aa0ba902b7");
        } finally {
            for (ServiceProcess service : services) {
                service.close();
            }
        }
        for (String name : List.of("ingest-service", "enrich-service", "publish-service")) {
            List<String> lines = Files.readAllLines(java.nio.file.Path.of("target", "e2e-logs",
                    name + "-production.log")).stream().filter(line -> !line.isBlank()).toList();
            int first = 0;
            while (first < lines.size() && !lines.get(first).startsWith("{")) {
                first++; // what the JVM prints before logging starts, if anything
            }
            List<String> logged = lines.subList(first, lines.size());
            assertThat(logged).as(name + " log lines").hasSizeGreaterThan(10);
            for (String line : logged) {
                JsonNode event = json.readTree(line);
                assertThat(event.path("@timestamp").asString()).as(name + ": " + line).isNotEmpty();
                assertThat(event.path("log").path("level").asString()).as(name + ": " + line).isNotEmpty();
                assertThat(event.path("message").isMissingNode()).as(name + ": " + line).isFalse();
                assertThat(event.path("service").path("name").asString()).as(line).isEqualTo(name);
                assertThat(event.path("ecs").path("version").asString()).as(line).isNotEmpty();
            }
        }
    }
}
