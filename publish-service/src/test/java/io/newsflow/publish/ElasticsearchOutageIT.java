package io.newsflow.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.EventJson;
import io.newsflow.publish.elasticsearch.ElasticsearchClients;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TcpProxy;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Elasticsearch goes away for 30 s in the middle of a stream and comes back: every article ends
 * up indexed exactly once, at its revision, with no restart of the service. "Goes away" is a
 * {@link TcpProxy} between the service and the node refusing connections, which is what the
 * client sees of a stopped node. Own topic, alias and group, so it can't disturb the other tests
 * sharing the broker and the node.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE, properties = {
        "newsflow.publish.input-topic=outage.enriched",
        "newsflow.publish.dead-letter.name=outage.enriched.dlt",
        "newsflow.publish.index.alias=outage-articles",
        "newsflow.publish.retry.max-interval=4s",
        "newsflow.publish.elasticsearch.socket-timeout=5s",
        "spring.kafka.consumer.group-id=outage-test"})
@ActiveProfiles("local")
class ElasticsearchOutageIT {

    private static final String TOPIC = "outage.enriched";
    private static TcpProxy proxy;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) throws Exception {
        TestInfrastructure.registerKafka(registry);
        URI node = URI.create(TestInfrastructure.elasticsearchUrl());
        proxy = new TcpProxy(node.getHost(), node.getPort());
        registry.add("newsflow.publish.elasticsearch.uris", () -> "http://127.0.0.1:" + proxy.port());
    }

    @BeforeAll
    static void createTopic() throws Exception {
        KafkaTopics.create(TOPIC, 3);
    }

    @AfterAll
    static void closeProxy() {
        proxy.close();
    }

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Test
    void noArticleIsLostOrDuplicatedWhenElasticsearchIsAwayFor30Seconds() throws Exception {
        List<ArticleEnriched> articles = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            articles.add(PublishServiceIT.article("https://example.org/outage/" + i, 1000 + i, "Story " + i));
        }
        try (var producer = new KafkaProducer<>(java.util.Map.<String, Object>of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()), new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 100; i++) {
                send(producer, articles.get(i));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(60)).until(() -> indexed() == 100);

            proxy.cut();
            for (int i = 100; i < 300; i++) {
                send(producer, articles.get(i));
            }
            producer.flush();
            AtomicBoolean sawPaused = new AtomicBoolean();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < until) {
                if (listeners.getListenerContainer("publish").isPauseRequested()) {
                    sawPaused.set(true);
                }
                Thread.sleep(200);
            }
            assertThat(sawPaused).as("the container pauses while it backs off").isTrue();
            assertThat(listeners.getListenerContainer("publish").isRunning()).isTrue();
            proxy.restore();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> indexed() == 300);
        try (RestClient rest = ElasticsearchClients.restClient(new PublishProperties.ElasticsearchProperties(
                List.of(TestInfrastructure.elasticsearchUrl()), null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2)))) {
            ElasticsearchClient client = ElasticsearchClients.client(rest);
            var hits = client.search(s -> s.index("outage-articles").size(500).version(true),
                    tools.jackson.databind.JsonNode.class).hits().hits();
            assertThat(hits).hasSize(300);
            assertThat(hits).allSatisfy(hit -> assertThat(hit.version())
                    .isEqualTo(hit.source().get("revision").asLong()));
            assertThat(hits.stream().map(hit -> hit.id()).distinct().count()).isEqualTo(300);
        }
    }

    private static void send(KafkaProducer<String, String> producer, ArticleEnriched article) {
        producer.send(new ProducerRecord<>(TOPIC, article.id(), EventJson.mapper().writeValueAsString(article)));
    }

    private static long indexed() throws Exception {
        try (RestClient rest = ElasticsearchClients.restClient(new PublishProperties.ElasticsearchProperties(
                List.of(TestInfrastructure.elasticsearchUrl()), null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(2)))) {
            ElasticsearchClient client = ElasticsearchClients.client(rest);
            client.indices().refresh(r -> r.index("outage-articles"));
            return client.count(c -> c.index("outage-articles")).count();
        }
    }
}
