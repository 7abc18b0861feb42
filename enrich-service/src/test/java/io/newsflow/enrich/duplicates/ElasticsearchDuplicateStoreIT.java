package io.newsflow.enrich.duplicates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.testinfra.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store against a real Elasticsearch: claims, realtime reads, re-pointing, expiry, and the linker on top. */
class ElasticsearchDuplicateStoreIT {

    static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");

    RestClient client;
    ElasticsearchDuplicateStore store;
    String index = "news-duplicates-it-" + System.nanoTime();

    @BeforeEach
    void start() {
        client = RestClient.builder(HttpHost.create(TestInfrastructure.elasticsearchUrl())).build();
        store = new ElasticsearchDuplicateStore(client, index, Clock.fixed(NOW, ZoneOffset.UTC));
        store.createIndexIfMissing(0);
        store.createIndexIfMissing(0); // a second instance starting: the index is there already
    }

    @AfterEach
    void stop() throws Exception {
        client.performRequest(new Request("DELETE", "/" + index));
        client.close();
    }

    @Test
    void theFirstClaimOfAKeyWinsAndEverythingIsReadableAtOnce() {
        var a = new DuplicateLinker.Entry("a", 1_000, new int[] {1, 2, 3}, null, 0);
        var b = new DuplicateLinker.Entry("b", 500, new int[] {1, 2, 4}, null, 0);
        store.register(List.of(new DuplicateLinker.Registration(a, new String[] {"k1", "k2"})));
        store.register(List.of(new DuplicateLinker.Registration(b, new String[] {"k2", "k3"})));

        assertThat(store.holders(List.of("k1", "k2", "k3", "k4"))).isEqualTo(Map.of("k1", "a", "k2", "a", "k3", "b"));
        Map<String, DuplicateLinker.Entry> entries = store.entries(List.of("a", "b", "unknown"));
        assertThat(entries).containsOnlyKeys("a", "b");
        assertThat(entries.get("b").signature()).containsExactly(1, 2, 4);
        assertThat(entries.get("b").at()).isEqualTo(500);

        store.record(Map.of(), Map.of("a", "story-1", "unknown", "story-2"));
        store.record(Map.of("a", a.pointingAt(b)), Map.of());
        store.record(Map.of("b", b.pointingAt(a)), Map.of("b", "story-3")); // both in one update
        assertThat(store.entries(List.of("a")).get("a").original()).isEqualTo("b");
        assertThat(store.entries(List.of("a")).get("a").originalAt()).isEqualTo(500);
        assertThat(store.stories(List.of("a", "b", "unknown"))).as("re-pointing keeps the story")
                .isEqualTo(Map.of("a", "story-1", "b", "story-3"));
        assertThat(store.entries(List.of("a", "b"))).as("an entry is read with its story, if recorded")
                .satisfies(read -> {
                    assertThat(read.get("a").story()).isEqualTo("story-1");
                    assertThat(read.get("b").story()).isEqualTo("story-3");
                    assertThat(read.get("b").original()).isEqualTo("a");
                });
    }

    @Test
    void entriesStoredBeforeTheWindowAreDeletedWhateverTheirArticlesDates() throws Exception {
        var eightDaysAgo = new ElasticsearchDuplicateStore(client, index,
                Clock.fixed(NOW.minus(Duration.ofDays(8)), ZoneOffset.UTC));
        long published2019 = Instant.parse("2019-11-18T10:00:00Z").toEpochMilli();
        eightDaysAgo.register(List.of(new DuplicateLinker.Registration(
                new DuplicateLinker.Entry("old", NOW.toEpochMilli(), new int[] {1}, null, 0), new String[] {"k-old"})));
        store.register(List.of(new DuplicateLinker.Registration( // stored now, about an old article
                new DuplicateLinker.Entry("recent", published2019, new int[] {2}, null, 0), new String[] {"k-recent"})));
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));

        assertThat(store.expire(Duration.ofDays(7))).isEqualTo(2);
        assertThat(store.entries(List.of("old", "recent"))).containsOnlyKeys("recent");
        assertThat(store.holders(List.of("k-old", "k-recent"))).containsOnlyKeys("k-recent");
    }

    @Test
    void theLinkerFindsACopyThroughElasticsearch() {
        var linker = new DuplicateLinker(store, new DuplicateLinker.Settings(Duration.ofDays(7), 0.5, 25));
        ArticleEnriched original = DuplicateLinkerTest.article("orig", DuplicateLinkerTest.WIRE, NOW);
        ArticleEnriched copy = DuplicateLinkerTest.article("copy", "BERLIN - " + DuplicateLinkerTest.WIRE
                + "\n\n(Editing by Someone)", NOW.plusSeconds(60));

        assertThat(linker.link(List.of(original)).articles().get(0).duplicateOf()).isNull();
        assertThat(linker.link(List.of(copy)).articles().get(0).duplicateOf().id()).isEqualTo("orig");
    }

    @Test
    void anUnreachableStoreFailsTheCallSoThePollIsRetried() throws Exception {
        try (RestClient nowhere = RestClient.builder(HttpHost.create("http://127.0.0.1:9")).build()) {
            var unreachable = new ElasticsearchDuplicateStore(nowhere, index, Clock.systemUTC());
            unreachable.createIndexIfMissing(0); // a service starting before Elasticsearch does not fail
            assertThatThrownBy(() -> unreachable.holders(List.of("k")))
                    .isInstanceOf(ElasticsearchDuplicateStore.DuplicateStoreException.class);
        }
    }
}
