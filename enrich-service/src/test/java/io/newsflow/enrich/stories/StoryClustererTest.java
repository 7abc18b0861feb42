package io.newsflow.enrich.stories;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Source;
import io.newsflow.contracts.Story;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StoryClustererTest {

    static final Instant T0 = Instant.parse("2026-03-05T09:00:00Z");

    final MemoryStore store = new MemoryStore();
    final StoryClusterer clusterer = new StoryClusterer(store, new StoryClusterer.Settings(Duration.ofDays(3), 0.4, 0.6),
            Clock.fixed(T0, ZoneOffset.UTC));

    @Test
    void aWarmUpSearchesAndReadsButWritesNoStoryAndRemembersNothing() {
        ArticleEnriched first = article("a1", "Fire shuts Rotterdam container terminals", T0, "Example Wire",
                names("Port of Rotterdam", "Rotterdam"), keywords("container terminals", "fire"), "NL");
        ArticleEnriched second = article("a2", "Rotterdam port fire: ships queue as terminals stay shut",
                T0.plusSeconds(3600), "Example Daily", names("Rotterdam", "Port of Rotterdam"),
                keywords("container terminals", "ships", "fire"), "NL");
        clusterer.cluster(List.of(first));
        Map<String, Long> versions = Map.copyOf(store.versions);
        int searches = store.searches;
        int gets = store.gets;

        clusterer.warmUp(List.of(second));

        assertThat(store.searches - searches).isEqualTo(1);
        assertThat(store.gets - gets).isEqualTo(1);
        assertThat(store.versions).isEqualTo(versions);
        StoryClusterer.Clustered after = clusterer.cluster(List.of(second));
        assertThat(after.articles().get(0).story().id()).isEqualTo("a1");
        assertThat(after.stories()).filteredOn(s -> s.id().equals("a1")).singleElement()
                .satisfies(s -> assertThat(s.articleCount()).as("the warm-up counted no article").isEqualTo(2));
    }

    @Test
    void articlesAboutOneEventShareAStoryAndAnotherEventGetsItsOwn() {
        ArticleEnriched first = article("a1", "Fire shuts Rotterdam container terminals", T0, "Example Wire",
                names("Port of Rotterdam", "Rotterdam", "Dutch Safety Board"), keywords("container terminals", "fire",
                        "lithium batteries"), "NL");
        ArticleEnriched second = article("a2", "Rotterdam port fire: ships queue as terminals stay shut",
                T0.plusSeconds(3600), "Example Daily", names("Rotterdam", "Port of Rotterdam", "Mark Rutte"),
                keywords("container terminals", "ships", "fire"), "NL");
        ArticleEnriched third = article("a3", "Investigators look into lithium batteries after port fire",
                T0.plusSeconds(7200), "Example Times", names("Dutch Safety Board", "Port of Rotterdam"),
                keywords("lithium batteries", "fire", "investigation"), "NL");
        ArticleEnriched other = article("b1", "Derby ends goalless in Madrid", T0.plusSeconds(4000), "Example Sport",
                names("Real Madrid", "Atletico Madrid", "Carlo Ancelotti"), keywords("derby", "draw"), "ES");

        StoryClusterer.Clustered first1 = clusterer.cluster(List.of(first));
        StoryClusterer.Clustered rest = clusterer.cluster(List.of(second, other, third));

        String story = first1.articles().get(0).story().id();
        assertThat(story).isEqualTo("a1");
        assertThat(rest.articles()).extracting(a -> a.story().id()).containsExactly("a1", "b1", "a1");
        Story state = rest.stories().stream().filter(s -> s.id().equals("a1")).findFirst().orElseThrow();
        assertThat(state.articleCount()).isEqualTo(3);
        assertThat(state.sources()).extracting(Story.Count::value)
                .containsExactlyInAnyOrder("Example Wire", "Example Daily", "Example Times");
        assertThat(state.entities().get(0)).isEqualTo(new Story.Count("Port of Rotterdam", 3));
        assertThat(state.countries()).containsExactly(new Story.Count("NL", 3));
        assertThat(state.firstSeen()).isEqualTo(T0);
        assertThat(state.lastSeen()).isEqualTo(T0.plusSeconds(7200));
        assertThat(state.label()).isIn(first.title(), second.title(), third.title());
    }

    @Test
    void aRedeliveredPollChangesNothing() {
        ArticleEnriched one = article("a1", "Fire shuts terminals", T0, "Wire", names("Port of Rotterdam", "Rotterdam"),
                keywords("container terminals", "fire"), "NL");
        ArticleEnriched two = article("a2", "Terminals stay shut", T0.plusSeconds(60), "Daily",
                names("Port of Rotterdam", "Rotterdam"), keywords("container terminals", "fire"), "NL");
        clusterer.cluster(List.of(one, two));
        StoryClusterer.Clustered again = clusterer.cluster(List.of(one, two));

        assertThat(again.articles()).extracting(a -> a.story().id()).containsExactly("a1", "a1");
        assertThat(store.stories.get("a1").articleCount).isEqualTo(2);
        assertThat(store.stories).hasSize(1);
    }

    @Test
    void anArticleLikeTwoStoriesMergesTheYoungerIntoTheOlder() {
        var names = names("Port of Rotterdam", "Rotterdam", "Dutch Safety Board");
        var words = keywords("container terminals", "fire", "lithium batteries");
        clusterer.cluster(List.of(article("old", "Fire at the port", T0, "Wire", names, words, "NL")));
        // the same event, but its first article came in at once on another instance: a second story
        StoryState twin = new StoryState("young");
        twin.add(ArticleFeatures.of(article("young", "Port fire", T0.plusSeconds(30), "Daily", names, words, "NL")));
        store.write(List.of(twin));

        StoryClusterer.Clustered merged = clusterer.cluster(List.of(article("both", "Port fire latest",
                T0.plusSeconds(600), "Times", names, words, "NL")));

        assertThat(merged.articles().get(0).story().id()).isEqualTo("old");
        assertThat(store.stories.get("young").mergedInto).isEqualTo("old");
        assertThat(store.stories.get("old").articleCount).isEqualTo(3);
        assertThat(merged.stories()).extracting(Story::id, Story::mergedInto)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("old", null),
                        org.assertj.core.groups.Tuple.tuple("young", "old"));
        // a merged story takes no more articles
        assertThat(clusterer.cluster(List.of(article("later", "Port fire: day two", T0.plusSeconds(9000), "Wire",
                names, words, "NL"))).articles().get(0).story().id()).isEqualTo("old");
    }

    @Test
    void aStoryChangedMeanwhileIsReadAgainAndTheArticleAddedToWhatIsStored() {
        var names = names("Port of Rotterdam", "Rotterdam");
        var words = keywords("container terminals", "fire");
        clusterer.cluster(List.of(article("a1", "Fire", T0, "Wire", names, words, "NL")));
        store.changeBeforeNextWrite = () -> { // another instance adds an article first
            StoryState stored = store.get(List.of("a1")).get("a1");
            stored.add(ArticleFeatures.of(article("x", "Fire (other instance)", T0.plusSeconds(5), "Other", names, words,
                    "NL")));
            store.write(List.of(stored));
        };

        clusterer.cluster(List.of(article("a2", "Fire again", T0.plusSeconds(10), "Daily", names, words, "NL")));

        assertThat(store.refusals).isEqualTo(1);
        assertThat(store.stories.get("a1").articleCount).isEqualTo(3);
        assertThat(store.stories.get("a1").articleIds).containsExactly("a1", "x", "a2");
    }

    /**
     * Runs a first poll (article a2, joining a1's story) on a thread of its own and returns once
     * it is writing; its write is held until {@code release} counts down.
     */
    private Thread firstPollHeldInItsWrite(List<ArticleEnriched.Entity> names, List<ArticleEnriched.Keyword> words,
            java.util.concurrent.CountDownLatch release, StoryClusterer.Clustered[] result) throws InterruptedException {
        var writing = new java.util.concurrent.CountDownLatch(1);
        ArticleEnriched article = article("a2", "Fire again", T0.plusSeconds(10), "Daily", names, words, "NL");
        store.beforeEachWrite = () -> {
            if (Thread.currentThread().getName().equals("first-poll")) {
                writing.countDown();
                try {
                    release.await(30, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Thread poll = new Thread(() -> result[0] = clusterer.cluster(List.of(article)), "first-poll");
        poll.start();
        assertThat(writing.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return poll;
    }

    @Test
    void aPollWritingItsStoriesDoesNotHoldUpANextPollAboutAnotherEvent() throws Exception {
        var names = names("Port of Rotterdam", "Rotterdam");
        var words = keywords("container terminals", "fire");
        clusterer.cluster(List.of(article("a1", "Fire", T0, "Wire", names, words, "NL")));
        assertThat(StoryClusterer.stripe("a1")).as("test premise").isNotEqualTo(StoryClusterer.stripe("b1"));
        var release = new java.util.concurrent.CountDownLatch(1);
        StoryClusterer.Clustered[] first = new StoryClusterer.Clustered[1];
        Thread firstPoll = firstPollHeldInItsWrite(names, words, release, first);

        StoryClusterer.Clustered second;
        try { // under one lock held over the write, it would wait for the first poll's: a TimeoutException
            second = java.util.concurrent.CompletableFuture.supplyAsync(() -> clusterer.cluster(List.of(article("b1",
                            "Derby ends goalless", T0.plusSeconds(20), "Sport", names("Real Madrid", "Atletico Madrid"),
                            keywords("derby", "draw"), "ES"))))
                    .get(5, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            release.countDown();
        }
        firstPoll.join(10_000);

        assertThat(second.articles().get(0).story().id()).isEqualTo("b1");
        assertThat(first[0].articles().get(0).story().id()).isEqualTo("a1");
        assertThat(store.stories.get("a1").articleIds).containsExactly("a1", "a2");
        assertThat(store.refusals).isZero();
    }

    @Test
    void twoPollsWritingOneStoryAtOnceTakeTurnsAndNeitherIsRefused() throws Exception {
        var names = names("Port of Rotterdam", "Rotterdam");
        var words = keywords("container terminals", "fire");
        clusterer.cluster(List.of(article("a1", "Fire", T0, "Wire", names, words, "NL")));
        var release = new java.util.concurrent.CountDownLatch(1);
        StoryClusterer.Clustered[] first = new StoryClusterer.Clustered[1];
        Thread firstPoll = firstPollHeldInItsWrite(names, words, release, first);

        var second = java.util.concurrent.CompletableFuture.supplyAsync(() -> clusterer.cluster(
                List.of(article("a3", "Still burning", T0.plusSeconds(20), "Times", names, words, "NL"))));
        Thread.sleep(300);
        assertThat(second).as("decided, and waiting for the story the first poll is writing").isNotDone();
        release.countDown();
        firstPoll.join(10_000);

        assertThat(second.get(10, java.util.concurrent.TimeUnit.SECONDS).articles().get(0).story().id())
                .isEqualTo("a1");
        assertThat(first[0].articles().get(0).story().id()).isEqualTo("a1");
        assertThat(store.refusals).as("the second read the story after the first had written it").isZero();
        assertThat(store.stories.get("a1").articleIds).containsExactly("a1", "a2", "a3");
        assertThat(store.stories.get("a1").articleCount).isEqualTo(3);
    }

    @Test
    void aCopyJoinsItsOriginalsStoryWhateverItsHeadlineAndKeywords() {
        clusterer.cluster(List.of(article("orig", "Fire shuts terminals", T0, "Wire", names("Port of Rotterdam"),
                keywords("container terminals", "fire"), "NL")));
        ArticleEnriched copy = article("copy", "Warehouse blaze", T0.plusSeconds(600), "Daily", names(),
                keywords("warehouse", "blaze"), "NL").withDuplicateOf(new ArticleEnriched.DuplicateOf("orig", 0.9));
        ArticleEnriched unrelated = article("other", "Council votes on budget", T0.plusSeconds(600), "Daily",
                names("Madrid"), keywords("budget", "vote"), "ES");

        StoryClusterer.Clustered clustered = clusterer.cluster(List.of(copy, unrelated), Map.of("orig", "orig"));

        assertThat(clustered.articles()).extracting(a -> a.story().id()).containsExactly("orig", "other");
        assertThat(store.searches).as("the copy's story is known: only the original and the other were searched")
                .isEqualTo(2);
        // in one poll with its original, a copy follows the original's decision
        ArticleEnriched second = article("orig-2", "Strike at the docks", T0.plusSeconds(900), "Wire",
                names("Dockers Union"), keywords("strike", "docks"), "BE");
        ArticleEnriched itsCopy = article("copy-2", "Dockers walk out", T0.plusSeconds(950), "Daily", names(),
                keywords("walk out"), "BE").withDuplicateOf(new ArticleEnriched.DuplicateOf("orig-2", 0.8));
        assertThat(clusterer.cluster(List.of(itsCopy, second)).articles()).extracting(a -> a.story().id())
                .containsExactly("orig-2", "orig-2");
    }

    @Test
    void aCopyJoinsTheStoryAnotherPollOfThisInstanceJustPutItsOriginalInBeforeItIsStored() throws Exception {
        var release = new java.util.concurrent.CountDownLatch(1);
        StoryClusterer.Clustered[] first = new StoryClusterer.Clustered[1];
        // the original's poll has decided (a story of its own) and is still writing it: the store
        // neither has the story nor knows the original's
        Thread originalsPoll = firstPollHeldInItsWrite(names("Port of Rotterdam", "Rotterdam"),
                keywords("container terminals", "fire"), release, first);
        var copysPoll = copyOfA2sPollOnAnotherThread();
        Thread.sleep(300);
        release.countDown();
        originalsPoll.join(10_000);

        assertThat(first[0].articles().get(0).story().id()).isEqualTo("a2");
        assertThat(copysPoll.get(10, java.util.concurrent.TimeUnit.SECONDS).articles().get(0).story().id())
                .isEqualTo("a2");
        assertThat(store.stories.get("a2").articleIds).containsExactly("a2", "copy");
        assertThat(store.stories).doesNotContainKey("copy");
    }

    @Test
    void aCopyWaitsForTheStoryOfAnOriginalAnotherPollOfThisInstanceIsStillPlacing() throws Exception {
        // the original's poll has registered it as an original (so the copy's duplicate check
        // found it) but has not decided its story yet: nothing anywhere knows that story
        clusterer.placing(List.of("a2"));
        var copysPoll = copyOfA2sPollOnAnotherThread();
        Thread.sleep(300);
        assertThat(copysPoll).as("waiting for the original's story").isNotDone();
        clusterer.cluster(List.of(article("a2", "Fire shuts container terminals", T0, "Wire",
                names("Port of Rotterdam", "Rotterdam"), keywords("container terminals", "fire"), "NL")));

        assertThat(copysPoll.get(10, java.util.concurrent.TimeUnit.SECONDS).articles().get(0).story().id())
                .isEqualTo("a2");
        assertThat(store.stories.get("a2").articleIds).containsExactlyInAnyOrder("a2", "copy"); // either poll may write first
        assertThat(store.stories).doesNotContainKey("copy");
    }

    @Test
    void aCopyStopsWaitingWhenItsOriginalsPollGivesUp() throws Exception {
        clusterer.placing(List.of("a2"));
        var copysPoll = copyOfA2sPollOnAnotherThread();
        Thread.sleep(200);
        clusterer.placed(List.of("a2")); // the original's poll failed before deciding: rolled back, retried later

        assertThat(copysPoll.get(2, java.util.concurrent.TimeUnit.SECONDS).articles().get(0).story().id())
                .as("no story known for the original: the copy goes as it did before").isEqualTo("copy");
    }

    /** A poll of one copy of "a2" (a warehouse-blaze headline of its own), on a thread of its own. */
    private java.util.concurrent.CompletableFuture<StoryClusterer.Clustered> copyOfA2sPollOnAnotherThread() {
        ArticleEnriched copy = article("copy", "Warehouse blaze", T0.plusSeconds(600), "Daily", names(),
                keywords("warehouse", "blaze"), "NL").withDuplicateOf(new ArticleEnriched.DuplicateOf("a2", 0.9));
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> clusterer.cluster(List.of(copy)));
    }

    @Test
    void copiesOfEarlierOriginalsReadTheirStoriesInOneRequestAndFollowMerges() {
        clusterer.cluster(List.of(article("o1", "Fire shuts terminals", T0, "Wire", names("Port of Rotterdam"),
                keywords("container terminals", "fire"), "NL")));
        clusterer.cluster(List.of(article("o2", "Strike at the docks", T0, "Wire", names("Dockers Union"),
                keywords("strike", "docks"), "BE")));
        clusterer.cluster(List.of(article("o3", "Council votes on budget", T0, "Wire", names("Madrid"),
                keywords("budget", "vote"), "ES")));
        // o3's story was merged into o2's by another instance meanwhile
        StoryState merged = store.get(List.of("o3")).get("o3");
        merged.mergedInto = "o2";
        store.write(List.of(merged));
        store.gets = 0;
        List<ArticleEnriched> copies = new ArrayList<>();
        for (String original : List.of("o1", "o2", "o3")) {
            copies.add(article("copy-" + original, "Copy", T0.plusSeconds(60), "Daily", names(), keywords("copy"), "NL")
                    .withDuplicateOf(new ArticleEnriched.DuplicateOf(original, 0.9)));
        }

        StoryClusterer.Clustered clustered = clusterer.cluster(copies, Map.of("o1", "o1", "o2", "o2", "o3", "o3"));

        assertThat(clustered.articles()).extracting(a -> a.story().id()).containsExactly("o1", "o2", "o2");
        assertThat(store.gets).as("the originals' stories in one read, the touched ones in another: not one per copy")
                .isEqualTo(2);
    }

    @Test
    void theSameNamesMuchLaterAreAnotherStory() {
        var names = names("Port of Rotterdam", "Rotterdam");
        var words = keywords("container terminals", "fire");
        clusterer.cluster(List.of(article("a1", "Fire", T0, "Wire", names, words, "NL")));
        assertThat(clusterer.cluster(List.of(article("a2", "Fire", T0.plus(Duration.ofDays(10)), "Wire", names, words,
                "NL"))).articles().get(0).story().id()).isEqualTo("a2");
    }

    static List<ArticleEnriched.Entity> names(String... names) {
        List<ArticleEnriched.Entity> entities = new ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            entities.add(new ArticleEnriched.Entity(i == 0 ? "ORGANIZATION" : "LOCATION", names[i], names[i], List.of(),
                    null, 3 - Math.min(2, i), List.of(), 0.9));
        }
        return entities;
    }

    static List<ArticleEnriched.Keyword> keywords(String... words) {
        List<ArticleEnriched.Keyword> keywords = new ArrayList<>();
        for (int i = 0; i < words.length; i++) {
            keywords.add(new ArticleEnriched.Keyword(words[i], 1.0 / (i + 1)));
        }
        return keywords;
    }

    static ArticleEnriched article(String id, String title, Instant publishedAt, String source,
            List<ArticleEnriched.Entity> entities, List<ArticleEnriched.Keyword> keywords, String country) {
        return new ArticleEnriched(1, id, 1, "https://example.com/" + id, null, new Source(source, "example.com"),
                publishedAt, publishedAt, null, null, null, null, null, title, List.of(), null, Map.of(), null, "Body.",
                1, 1, null, entities, List.of(), List.of(country), country, null, List.of(),
                List.of(new ArticleEnriched.Topic("medtop:x", "disaster", 0.9)), keywords,
                new ArticleEnriched.Sentiment(-0.5, "negative"), null, null, null, null, null);
    }

    /**
     * The store's contract in memory: states go through the Elasticsearch document form (so what
     * is stored is what would be), versions count writes, a stale or duplicate write is refused.
     */
    static final class MemoryStore implements StoryClusterer.Store {
        final Map<String, StoryState> stories = new LinkedHashMap<>();
        final Map<String, Long> versions = new LinkedHashMap<>();
        Runnable changeBeforeNextWrite;
        /** Runs at each write, before it, outside the store's monitor (the clusterer's threads may wait in it). */
        volatile Runnable beforeEachWrite = () -> { };
        int refusals;
        int searches;
        int gets;

        @Override
        public synchronized List<List<StoryState>> candidates(List<StoryClusterer.Probe> probes, Duration window, int limit) {
            List<List<StoryState>> found = new ArrayList<>();
            for (StoryClusterer.Probe probe : probes) {
                searches += probe.features().isEmpty() ? 0 : 1;
                List<StoryState> some = new ArrayList<>();
                for (StoryState story : stories.values()) {
                    if (story.live() && story.isWithin(probe.at(), window.toMillis())
                            && probe.features().stream().anyMatch(story.centroid::containsKey)) {
                        some.add(copy(story));
                    }
                }
                found.add(some.stream().limit(limit).toList());
            }
            return found;
        }

        @Override
        public synchronized Map<String, StoryState> get(Collection<String> ids) {
            gets++;
            Map<String, StoryState> found = new LinkedHashMap<>();
            ids.forEach(id -> {
                if (stories.containsKey(id)) {
                    found.put(id, copy(stories.get(id)));
                }
            });
            return found;
        }

        @Override
        public Set<String> write(Collection<StoryState> changed) {
            beforeEachWrite.run();
            return writeNow(changed);
        }

        private synchronized Set<String> writeNow(Collection<StoryState> changed) {
            if (changeBeforeNextWrite != null) {
                Runnable change = changeBeforeNextWrite;
                changeBeforeNextWrite = null;
                change.run();
            }
            Set<String> refused = new HashSet<>();
            for (StoryState story : changed) {
                Long version = versions.get(story.id);
                boolean fresh = story.seqNo == null ? version == null : story.seqNo.equals(version);
                if (!fresh) {
                    refused.add(story.id);
                    refusals++;
                    continue;
                }
                long next = version == null ? 0 : version + 1;
                versions.put(story.id, next);
                StoryState stored = copy(story);
                stored.seqNo = next;
                stories.put(story.id, stored);
            }
            return refused;
        }

        private StoryState copy(StoryState story) {
            var doc = io.newsflow.contracts.EventJson.mapper().createObjectNode();
            doc.put("_id", story.id).put("_seq_no", versions.getOrDefault(story.id, 0L)).put("_primary_term", 1);
            doc.set("_source", ElasticsearchStoryStore.document(story));
            StoryState copy = ElasticsearchStoryStore.state(doc);
            copy.seqNo = versions.get(story.id);
            return copy;
        }
    }
}
