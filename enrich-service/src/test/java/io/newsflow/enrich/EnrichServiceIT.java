package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Revisions;
import io.newsflow.contracts.Source;
import io.newsflow.contracts.Topics;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The enrich service against a real broker: raw records in, enriched records or dead letters out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {"newsflow.enrich.warmup.articles=20",
        "newsflow.enrich.warmup.max-time=1s", "spring.kafka.producer.transaction-id-prefix=" + EnrichServiceIT.PRODUCERS,
        "spring.kafka.listener.concurrency=3"})
@ActiveProfiles("local")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EnrichServiceIT {

    /** This context's transactional ids: no other test in this JVM uses them. */
    static final String PRODUCERS = "enrich-service-it-";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.enrich.retry.initial-interval", () -> "100ms");
    }

    /** news.raw belongs to the ingest service, which is not running here. */
    @BeforeAll
    static void createRawTopic() throws Exception {
        KafkaTopics.create(Topics.RAW, 2);
    }

    @Test
    @Order(1)
    void eachConsumerThreadsProducerIsRegisteredWithTheBrokerBeforeAnyRecordComes() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                TestInfrastructure.kafkaBootstrapServers()))) {
            List<String> registered = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(TransactionListing::transactionalId).filter(id -> id.startsWith(PRODUCERS)).sorted().toList();
            assertThat(registered).as("no record has come yet: opened at start-up, one per consumer thread")
                    .containsExactly(PRODUCERS + "0", PRODUCERS + "1", PRODUCERS + "2");
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

        var sent = KafkaTopics.send(Topics.RAW, id, EventJson.mapper().writeValueAsString(raw));

        ConsumerRecord<String, String> record = KafkaTopics.readOne(Topics.ENRICHED, id);
        ArticleEnriched enriched = EventJson.mapper().readValue(record.value(), ArticleEnriched.class);
        assertThat(enriched.title()).isEqualTo("Rates held");
        assertThat(enriched.body()).isEqualTo("The central bank held interest rates at 4% on Thursday, citing slowing inflation.");
        assertThat(enriched.revision()).as("the raw record's append time and offset")
                .isEqualTo(Revisions.of(sent.timestamp(), sent.offset()));
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

        KafkaTopics.send(Topics.RAW, id, EventJson.mapper().writeValueAsString(first));
        KafkaTopics.send(Topics.RAW, id, EventJson.mapper().writeValueAsString(repost));
        KafkaTopics.send(Topics.RAW, id, EventJson.mapper().writeValueAsString(correction));

        List<ConsumerRecord<String, String>> enriched = KafkaTopics.readAll(Topics.ENRICHED, id, 2);
        assertThat(enriched).hasSize(2);
        assertThat(enriched.get(0).value()).contains("every minute");
        assertThat(enriched.get(1).value()).contains("every hour");
    }

    @Test
    void unreadableRecordGoesToTheDeadLetterTopicAndTheServiceContinues() throws Exception {
        KafkaTopics.send(Topics.RAW, "poison", "{this is not json");
        String id = ArticleIds.fromUrl("https://news.example.org/after-poison");
        ArticleReceived raw = new ArticleReceived(1, id, null, null, Source.named("Wire"), null, null,
                Instant.now(), null, null, null, null, null, "Markets steady in Europe\nStocks in Europe were little changed on Tuesday, after the poison record was set aside.");
        KafkaTopics.send(Topics.RAW, id, EventJson.mapper().writeValueAsString(raw));

        ConsumerRecord<String, String> dead = KafkaTopics.readOne(Topics.RAW_DLT, "poison");
        assertThat(dead.value()).isEqualTo("{this is not json");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.RAW);
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-fqcn")).isNotNull();
        assertThat(header(dead, DeadLetterReason.HEADER)).isEqualTo("unreadable-record");

        assertThat(KafkaTopics.readOne(Topics.ENRICHED, id).value()).contains("after the poison record was set aside.");
    }

    @Test
    void recordsBreakingTheContractAreDeadLetteredWithTheirReasonNotIndexedEmpty() throws Exception {
        String future = ArticleIds.fromUrl("https://news.example.org/future");
        KafkaTopics.send(Topics.RAW, future, """
                {"schemaVersion": 99, "id": "%s", "source": {"name": "X"},
                 "receivedAt": "2024-05-01T10:00:00Z", "text": "t"}
                """.formatted(future));
        KafkaTopics.send(Topics.RAW, "k1", "{\"schemaVersion\":1,\"id\":\"k1\"}");
        String tombstone = ArticleIds.fromUrl("https://news.example.org/tombstone");
        KafkaTopics.send(Topics.RAW, tombstone, null);

        ConsumerRecord<String, String> unknownVersion = KafkaTopics.readOne(Topics.RAW_DLT, future);
        assertThat(header(unknownVersion, DeadLetterReason.HEADER)).isEqualTo("contract-violation");
        assertThat(header(unknownVersion, DeadLetterReason.ARTICLE_ID_HEADER)).isEqualTo(future);
        assertThat(header(unknownVersion, DeadLetterReason.DETAIL_HEADER)).contains("schemaVersion 99");
        assertThat(header(unknownVersion, "kafka_dlt-original-topic")).isEqualTo(Topics.RAW);

        ConsumerRecord<String, String> bare = KafkaTopics.readOne(Topics.RAW_DLT, "k1");
        assertThat(header(bare, DeadLetterReason.HEADER)).isEqualTo("contract-violation");
        assertThat(bare.value()).contains("\"id\":\"k1\"");

        ConsumerRecord<String, String> nullValue = KafkaTopics.readOne(Topics.RAW_DLT, tombstone);
        assertThat(header(nullValue, DeadLetterReason.HEADER)).isEqualTo("contract-violation");
        assertThat(header(nullValue, DeadLetterReason.DETAIL_HEADER)).contains("tombstone");

        assertThat(KafkaTopics.readAll(Topics.ENRICHED, "k1", 0)).as("never enriched into an empty article").isEmpty();
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
