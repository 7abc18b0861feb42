package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Source;
import io.newsflow.contracts.Topics;
import io.newsflow.enrich.pipeline.UnsupportedArticleException;
import io.newsflow.testinfra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The enrich service against a real broker: raw records in, enriched records or dead letters out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("local")
class EnrichServiceIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.enrich.retry.initial-interval", () -> "100ms");
        registry.add("newsflow.enrich.retry.max-attempts", () -> "2");
    }

    /** news.raw belongs to the ingest service, which is not running here. */
    @BeforeAll
    static void createRawTopic() throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(Topics.RAW, 2, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    @Test
    void rawArticleIsEnrichedUnderTheSameKey() throws Exception {
        String url = "https://news.example.org/economy/rates";
        String id = ArticleIds.fromUrl(url);
        ArticleReceived raw = new ArticleReceived(1, id, url, url, new Source("Example", "news.example.org"),
                null, null, Instant.now(), null, null, null, null, """
                <html><head><meta property="og:title" content="Rates held"></head>
                <body><nav>Home | Economy</nav><article><p>The central bank held interest rates at 4% on Thursday, citing slowing inflation.</p></article></body></html>
                """, null);

        long timestamp = send(Topics.RAW, id, EventJson.mapper().writeValueAsString(raw));

        ConsumerRecord<String, String> record = readOne(Topics.ENRICHED, id);
        ArticleEnriched enriched = EventJson.mapper().readValue(record.value(), ArticleEnriched.class);
        assertThat(enriched.title()).isEqualTo("Rates held");
        assertThat(enriched.body()).isEqualTo("The central bank held interest rates at 4% on Thursday, citing slowing inflation.");
        assertThat(enriched.revision()).as("the raw record's timestamp").isEqualTo(timestamp);
        assertThat(enriched.source().domain()).isEqualTo("news.example.org");
    }

    @Test
    void anUnchangedRepostIsNotEnrichedAgainButACorrectionIs() throws Exception {
        String url = "https://news.example.org/reposts";
        String id = ArticleIds.fromUrl(url);
        String text = "Reposts\nThe same article was posted again by a feed reader that polls every minute.";
        ArticleReceived first = new ArticleReceived(1, id, url, url, Source.named("Feed"), null, null,
                Instant.now(), null, null, null, null, null, text);
        ArticleReceived repost = new ArticleReceived(1, id, url, url, Source.named("Feed"), null, null,
                Instant.now().plusSeconds(60), null, null, null, null, null, text);
        ArticleReceived correction = new ArticleReceived(1, id, url, url, Source.named("Feed"), null, null,
                Instant.now().plusSeconds(120), null, null, null, null, null, text.replace("minute", "hour"));

        send(Topics.RAW, id, EventJson.mapper().writeValueAsString(first));
        send(Topics.RAW, id, EventJson.mapper().writeValueAsString(repost));
        send(Topics.RAW, id, EventJson.mapper().writeValueAsString(correction));

        List<ConsumerRecord<String, String>> enriched = readAll(Topics.ENRICHED, id, 2);
        assertThat(enriched).hasSize(2);
        assertThat(enriched.get(0).value()).contains("every minute");
        assertThat(enriched.get(1).value()).contains("every hour");
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndTheServiceContinues() throws Exception {
        send(Topics.RAW, "poison", "{this is not json");
        String id = ArticleIds.fromUrl("https://news.example.org/after-poison");
        ArticleReceived raw = new ArticleReceived(1, id, null, null, Source.named("Wire"), null, null,
                Instant.now(), null, null, null, null, null, "Markets steady in Europe\nStocks in Europe were little changed on Tuesday, after the poison record was set aside.");
        send(Topics.RAW, id, EventJson.mapper().writeValueAsString(raw));

        ConsumerRecord<String, String> dead = readOne(Topics.RAW_DLT, "poison");
        assertThat(dead.value()).isEqualTo("{this is not json");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.RAW);
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();

        assertThat(readOne(Topics.ENRICHED, id).value()).contains("after the poison record was set aside.");
    }

    @Test
    void recordOfAnUnknownSchemaVersionIsDeadLetteredWithoutRetrying() throws Exception {
        String id = ArticleIds.fromUrl("https://news.example.org/future");
        send(Topics.RAW, id, """
                {"schemaVersion": 99, "id": "%s", "source": {"name": "X"},
                 "receivedAt": "2024-05-01T10:00:00Z", "text": "t"}
                """.formatted(id));

        ConsumerRecord<String, String> dead = readOne(Topics.RAW_DLT, id);
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-cause-fqcn").value(),
                StandardCharsets.UTF_8)).isEqualTo(UnsupportedArticleException.class.getName());
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
                .contains("schemaVersion 99");
    }

    private static long send(String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get().timestamp();
        }
    }

    /** Reads records with this key until {@code expected} arrived, then 3 s more to catch extras. */
    private static List<ConsumerRecord<String, String>> readAll(String topic, String key, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "enrich-it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long settle = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settle)) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
                if (matching.size() >= expected && settle == Long.MAX_VALUE) {
                    settle = System.nanoTime() + Duration.ofSeconds(3).toNanos();
                }
            }
        }
        return matching;
    }

    private static ConsumerRecord<String, String> readOne(String topic, String key) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "enrich-it-" + System.nanoTime(),
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
