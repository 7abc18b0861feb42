package io.newsflow.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testinfra.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The stories store against a real Elasticsearch: search by features and time, versions, and the clusterer on top. */
class ElasticsearchStoryStoreIT {

    static final Instant T0 = Instant.parse("2026-03-05T09:00:00Z");

    RestClient client;
    ElasticsearchStoryStore store;

    @BeforeEach
    void start() {
        client = RestClient.builder(HttpHost.create(TestInfrastructure.elasticsearchUrl())).build();
        store = new ElasticsearchStoryStore(client, "news-stories-it-" + System.nanoTime());
        store.createIndexIfMissing(0);
    }

    @AfterEach
    void stop() throws Exception {
        client.performRequest(new Request("DELETE", "/" + store.index()));
        client.close();
    }

    @Test
    void storiesAreFoundByTheirFeaturesWithinTheWindowAndWrittenOnlyFromTheVersionRead() throws Exception {
        StoryState fire = new StoryState("fire");
        fire.add(ArticleFeatures.of(StoryClustererTest.article("fire", "Port fire", T0, "Wire",
                StoryClustererTest.names("Port of Rotterdam", "Rotterdam"),
                StoryClustererTest.keywords("container terminals", "fire"), "NL")));
        assertThat(store.write(List.of(fire))).isEmpty();
        StoryState sameId = new StoryState("fire");
        sameId.add(ArticleFeatures.of(StoryClustererTest.article("fire", "Port fire", T0, "Wire",
                StoryClustererTest.names("Rotterdam"), StoryClustererTest.keywords("fire"), "NL")));
        assertThat(store.write(List.of(sameId))).as("a second 'new' story with the same id").containsExactly("fire");
        client.performRequest(new Request("POST", "/" + store.index() + "/_refresh"));

        var probe = new StoryClusterer.Probe(T0.plusSeconds(3600).toEpochMilli(), List.of("e:rotterdam", "k:unrelated"));
        var late = new StoryClusterer.Probe(T0.plus(Duration.ofDays(5)).toEpochMilli(), List.of("e:rotterdam"));
        var elsewhere = new StoryClusterer.Probe(T0.toEpochMilli(), List.of("e:madrid"));
        List<List<StoryState>> found = store.candidates(List.of(probe, late, elsewhere), Duration.ofDays(3), 5);
        assertThat(found.get(0)).extracting(s -> s.id).containsExactly("fire");
        assertThat(found.get(1)).isEmpty();
        assertThat(found.get(2)).isEmpty();

        assertThat(found.get(0).get(0).centroid).as("candidates are read light, with their centroid")
                .containsKey("e:rotterdam");
        StoryState read = store.get(List.of("fire")).get("fire");
        assertThat(read.articleIds).containsExactly("fire");
        assertThat(read.centroid).containsKeys("e:port of rotterdam", "k:container terminals", "c:NL");
        assertThat(read.sources).containsEntry("Wire", 1);
        StoryState stale = store.get(List.of("fire")).get("fire");
        read.add(ArticleFeatures.of(StoryClustererTest.article("second", "Port fire 2", T0.plusSeconds(60), "Daily",
                StoryClustererTest.names("Rotterdam"), StoryClustererTest.keywords("fire"), "NL")));
        assertThat(store.write(List.of(read))).isEmpty();
        assertThat(store.write(List.of(stale))).as("written from an older version").containsExactly("fire");
        assertThat(store.get(List.of("fire")).get("fire").articleCount).isEqualTo(2);
    }

    @Test
    void threadsThatFirstUseAFreshIndexAtOnceAllFindItsShardAnswering() throws Exception {
        // as the consumer threads of a fresh instance do with their first polls: one creates the
        // index, and none may search it before its shard has started
        for (int round = 0; round < 5; round++) {
            var fresh = new ElasticsearchStoryStore(client, "news-stories-it-fresh-" + System.nanoTime());
            var probe = new StoryClusterer.Probe(T0.toEpochMilli(), List.of("e:rotterdam"));
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<List<List<StoryState>>>> searches = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    searches.add(threads.submit(() -> {
                        fresh.createIndexIfMissing(0);
                        return fresh.candidates(List.of(probe), Duration.ofDays(3), 5);
                    }));
                }
                for (Future<List<List<StoryState>>> search : searches) {
                    assertThat(search.get(30, TimeUnit.SECONDS)).containsExactly(List.of());
                }
            } finally {
                threads.shutdownNow();
                client.performRequest(new Request("DELETE", "/" + fresh.index()));
            }
        }
    }

    @Test
    void theClustererGroupsThroughElasticsearch() throws Exception {
        var clusterer = new StoryClusterer(store, new StoryClusterer.Settings(Duration.ofDays(3), 0.4, 0.6),
                Clock.fixed(T0, ZoneOffset.UTC));
        var names = StoryClustererTest.names("Port of Rotterdam", "Rotterdam", "Dutch Safety Board");
        var words = StoryClustererTest.keywords("container terminals", "fire", "lithium batteries");
        clusterer.cluster(List.of(StoryClustererTest.article("a1", "Port fire", T0, "Wire", names, words, "NL")));
        client.performRequest(new Request("POST", "/" + store.index() + "/_refresh"));

        var second = clusterer.cluster(List.of(StoryClustererTest.article("a2", "Port fire, day two",
                T0.plusSeconds(7200), "Daily", names, words, "NL")));

        assertThat(second.articles().get(0).story().id()).isEqualTo("a1");
        assertThat(second.stories().get(0).articleCount()).isEqualTo(2);
    }
}
