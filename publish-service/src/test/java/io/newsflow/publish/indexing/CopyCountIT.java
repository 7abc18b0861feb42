package io.newsflow.publish.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.publish.PublishProperties;
import io.newsflow.publish.PublishServiceIT;
import io.newsflow.publish.elasticsearch.ElasticsearchClients;
import io.newsflow.testinfra.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Copy counts against a real Elasticsearch, on an alias of their own. The index refreshes once a
 * minute here, so a count that searched before refreshing would see none of the copies just
 * written, and nothing would count them again.
 */
class CopyCountIT {

    private static final String ALIAS = "copycount-articles";

    @Test
    void copiesAcknowledgedAMomentAgoAreCounted() throws Exception {
        var settings = new PublishProperties.ElasticsearchProperties(List.of(TestInfrastructure.elasticsearchUrl()),
                null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(2));
        try (RestClient rest = ElasticsearchClients.restClient(settings)) {
            ElasticsearchClient client = ElasticsearchClients.client(rest);
            ArticleIndex index = new ArticleIndex(client,
                    new PublishProperties.IndexProperties(ALIAS, 1, 1, 0, "60s"), Clock.systemUTC());
            index.ensureExists();
            ArticleEnriched original = PublishServiceIT.article("https://wire.example.org/fire", 1, "Fire");
            ArticleEnriched.DuplicateOf of = new ArticleEnriched.DuplicateOf(original.id(), 0.9);
            ArticleEnriched copy1 = PublishServiceIT.article("https://daily.example.com/fire", 1, "Fire").withDuplicateOf(of);
            ArticleEnriched copy2 = PublishServiceIT.article("https://times.example.net/fire", 1, "Fire").withDuplicateOf(of);
            index.write(List.of(new ArticleIndex.Write.Upsert(original), new ArticleIndex.Write.Upsert(copy1),
                    new ArticleIndex.Write.Upsert(copy2)));

            Set<String> missing = index.recountCopies(Set.of(original.id()), Set.of());

            assertThat(missing).isEmpty();
            JsonNode source = client.get(g -> g.index(ALIAS).id(original.id()), JsonNode.class).source();
            assertThat(source.path("copies").path("count").asInt()).isEqualTo(2);
            assertThat(client.get(g -> g.index(ALIAS).id(copy1.id()), JsonNode.class).source().has("copies")).isFalse();
        }
    }
}
