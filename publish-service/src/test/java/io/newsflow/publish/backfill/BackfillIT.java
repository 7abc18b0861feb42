package io.newsflow.publish.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.EventJson;
import io.newsflow.publish.PublishProperties;
import io.newsflow.publish.PublishServiceIT;
import io.newsflow.publish.elasticsearch.ElasticsearchClients;
import io.newsflow.publish.indexing.ArticleIndex;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The rebuild against a real broker and a real Elasticsearch, on its own topic and alias so that
 * it can't disturb the service's tests sharing the same infrastructure.
 */
class BackfillIT {

    private static final String TOPIC = "backfill.enriched";
    private static final String ALIAS = "backfill-articles";

    @Test
    void rebuildsTheLatestRevisionOfEveryArticleIntoANewVersionAndSwapsTheAlias() throws Exception {
        var settings = new PublishProperties.ElasticsearchProperties(List.of(TestInfrastructure.elasticsearchUrl()),
                null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(2));
        try (RestClient rest = ElasticsearchClients.restClient(settings)) {
            ElasticsearchClient client = ElasticsearchClients.client(rest);
            ArticleIndex index = new ArticleIndex(client,
                    new PublishProperties.IndexProperties(ALIAS, 1, 1, 0, "1s"), Clock.systemUTC());
            index.ensureExists();
            ArticleEnriched retracted = PublishServiceIT.article("https://example.org/retracted", 5, "Retracted");
            index.write(List.of(new ArticleIndex.Write.Upsert(retracted)));

            KafkaTopics.create(TOPIC, 2);
            ArticleEnriched first = PublishServiceIT.article("https://example.org/a", 10, "First take");
            ArticleEnriched corrected = PublishServiceIT.article("https://example.org/a", 20, "Corrected");
            ArticleEnriched other = PublishServiceIT.article("https://example.org/c", 7, "Other");
            KafkaTopics.send(TOPIC, corrected.id(), json(corrected));
            KafkaTopics.send(TOPIC, first.id(), json(first)); // older revision arriving late
            KafkaTopics.send(TOPIC, retracted.id(), json(retracted));
            KafkaTopics.send(TOPIC, retracted.id(), null);
            KafkaTopics.send(TOPIC, other.id(), json(other));
            KafkaTopics.send(TOPIC, "not-an-article", "{not json");

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Backfill.Report report;
            try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                    ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                report = new Backfill(consumer, index, new PrintStream(out, true, StandardCharsets.UTF_8))
                        .run(new Backfill.Options(TOPIC, null, null));
            }

            assertThat(report.records()).isEqualTo(6);
            assertThat(report.deleted()).isEqualTo(1);
            assertThat(report.stale()).isEqualTo(1);
            assertThat(report.unreadable()).isEqualTo(1);
            assertThat(index.currentIndex()).isEqualTo(ALIAS + "-v2");
            assertThat(client.indices().exists(e -> e.index(ALIAS + "-v1")).value()).as("old index kept").isTrue();
            var hits = client.search(s -> s.index(ALIAS).size(10), JsonNode.class).hits().hits();
            assertThat(hits).extracting(hit -> hit.id()).containsExactlyInAnyOrder(corrected.id(), other.id());
            assertThat(client.get(g -> g.index(ALIAS).id(corrected.id()), JsonNode.class).source()
                    .get("title").asString()).isEqualTo("Corrected");
            var settingsNow = client.indices().getSettings(g -> g.index(ALIAS + "-v2")).result()
                    .get(ALIAS + "-v2").settings().index();
            assertThat(settingsNow.refreshInterval().time()).as("restored after the build").isEqualTo("1s");
        }
    }

    private static String json(ArticleEnriched article) {
        return EventJson.mapper().writeValueAsString(article);
    }
}
