package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Topics;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The ingest service against a real broker: a 202 means the record is on news.raw. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
class IngestServiceIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @LocalServerPort
    int port;

    @Test
    void postedArticleIsOnTheRawTopicKeyedByItsId() throws Exception {
        String url = "https://news.example.org/world/2024/05/01/talks-resume?utm_campaign=x";
        HttpResponse<String> response = post("""
                {"url": "%s", "source": {"name": "Example News"}, "html": "<html><body><h1>Talks resume</h1></body></html>",
                 "title": "Talks resume", "publishedAt": "2024-05-01T08:00:00Z"}
                """.formatted(url));

        assertThat(response.statusCode()).isEqualTo(202);
        var accepted = EventJson.mapper().readTree(response.body());
        String id = accepted.get("id").asString();
        assertThat(id).isEqualTo(ArticleIds.fromUrl(url));

        ConsumerRecord<String, String> record = readOne(Topics.RAW, id);
        assertThat(record.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        assertThat(accepted.get("revision").asLong()).as("revision is the broker's append time")
                .isEqualTo(record.timestamp());
        ArticleReceived article = EventJson.mapper().readValue(record.value(), ArticleReceived.class);
        assertThat(article.id()).isEqualTo(id);
        assertThat(article.source().domain()).isEqualTo("news.example.org");
        assertThat(article.html()).contains("Talks resume");
        assertThat(record.headers().lastHeader("__TypeId__"))
                .as("values carry no Java type headers").isNull();
    }

    @Test
    void aLaterPostOfTheSameArticleGetsALargerRevision() throws Exception {
        String json = """
                {"url": "https://news.example.org/corrections/1", "source": "X", "text": "%s"}
                """;
        var first = EventJson.mapper().readTree(post(json.formatted("First version.")).body());
        var second = EventJson.mapper().readTree(post(json.formatted("Corrected version.")).body());

        assertThat(second.get("id").asString()).isEqualTo(first.get("id").asString());
        assertThat(second.get("revision").asLong()).isGreaterThanOrEqualTo(first.get("revision").asLong());
        assertThat(second.get("revision").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
    }

    @Test
    void rawTopicIsDeclaredWithConfiguredPartitionsAndLargeRecordLimit() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()))) {
            TopicDescription topic = admin.describeTopics(List.of(Topics.RAW)).allTopicNames().get().get(Topics.RAW);
            assertThat(topic.partitions()).hasSize(6);
        }
    }

    @Test
    void invalidArticleIsRejectedAndNotWritten() throws Exception {
        HttpResponse<String> response = post("""
                {"url": "not a url", "source": "X", "text": "t"}
                """);
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    private HttpResponse<String> post(String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static ConsumerRecord<String, String> readOne(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "ingest-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> matching = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (matching.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
            }
            assertThat(matching).as("record with key %s on %s", key, topic).hasSize(1);
            return matching.get(0);
        }
    }
}
