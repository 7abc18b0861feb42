package io.newsflow.enrich.duplicates;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Source;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DuplicateLinkerTest {

    static final String P1 = "The central bank raised its main interest rate by a quarter of a percentage point on "
            + "Thursday, the third increase this year, as policymakers tried to cool prices that have risen faster "
            + "than wages for eighteen months.";
    static final String P2 = "Governor Elena Marquez told reporters that the committee had voted seven to two for the "
            + "move, with the two dissenters arguing that the economy was already slowing and that factories in the "
            + "north had begun to cut shifts.";
    static final String P3 = "Markets had expected the decision. The currency rose half a percent against the dollar "
            + "within minutes of the announcement, while government bond yields edged higher across the curve.";
    static final String P4 = "Mortgage lenders said they would pass the increase on to borrowers within weeks, adding "
            + "roughly forty euros a month to the payments on a typical home loan, according to estimates by the "
            + "national association of building societies.";
    static final String P5 = "The bank said it would keep watching wage settlements and energy costs closely, and left "
            + "the door open to another increase in the spring if inflation failed to ease as forecast.";
    static final String P6 = "Opposition lawmakers criticised the timing, saying households were already struggling "
            + "with higher heating bills, and called on the finance ministry to extend its support programme into "
            + "next year.";
    static final String WIRE = String.join("\n\n", P1, P2, P3, P4, P5, P6);
    static final Instant T0 = Instant.parse("2026-03-05T09:00:00Z");

    final MemoryStore store = new MemoryStore();
    final DuplicateLinker linker = new DuplicateLinker(store, new DuplicateLinker.Settings(Duration.ofDays(7), 0.5, 25));

    @Test
    void aWarmUpAsksWhatLinkingWouldAndStoresNothing() {
        linker.link(List.of(article("orig", "LONDON - " + WIRE, T0)));
        Map<String, DuplicateLinker.Entry> entries = Map.copyOf(store.entries);
        Map<String, String> claims = Map.copyOf(store.claims);
        int holderReads = store.holderReads;
        int entryReads = store.entryReads;
        int records = store.records;

        linker.warmUp(List.of(article("copy", WIRE, T0.plusSeconds(600)), article("short", "Too short to sign.", T0)));

        assertThat(store.holderReads - holderReads).isEqualTo(1);
        assertThat(store.entryReads - entryReads).isEqualTo(1);
        assertThat(store.records).isEqualTo(records);
        assertThat(store.entries).isEqualTo(entries);
        assertThat(store.claims).isEqualTo(claims);
        assertThat(linker.link(List.of(article("copy", WIRE, T0.plusSeconds(600)))).articles().get(0).duplicateOf().id())
                .as("linked as if no warm-up had been").isEqualTo("orig");
    }

    @Test
    void aCopyComesWithItsOriginalsStoryAsReadWithTheOriginalsEntry() {
        linker.link(List.of(article("orig", "LONDON - " + WIRE, T0)));
        store.record(Map.of(), Map.of("orig", "story-7"));

        DuplicateLinker.Linked copies = linker.link(List.of(article("copy", WIRE, T0.plusSeconds(600)),
                article("copy-2", "PARIS - " + WIRE.replace(P6, ""), T0.plusSeconds(700))));

        assertThat(copies.articles()).extracting(a -> a.duplicateOf().id()).containsExactly("orig", "orig");
        assertThat(copies.storyOfOriginal()).isEqualTo(Map.of("orig", "story-7"));
        assertThat(linker.link(List.of(article("other", "An unrelated text about the harvest in the north, "
                + "where farmers brought in more wheat than in any year since records began, and prices fell.",
                T0))).storyOfOriginal()).isEmpty();
    }

    @Test
    void syndicatedCopiesPointAtTheOriginalAndAnArticleSharingAParagraphDoesNot() {
        ArticleEnriched original = article("orig", "LONDON - " + WIRE, T0);
        ArticleEnriched creditedCopy = article("copy-1", WIRE.replace(P6, "")
                + "\n\n(Reporting by Anna Smith; Editing by Tom Jones)", T0.plusSeconds(600));
        ArticleEnriched datelinedCopy = article("copy-2", "MADRID (Wire) - " + String.join("\n\n", P1, P2, P3, P4, P5)
                + "\n\nSubscribe to our newsletter for more business news.", T0.plusSeconds(1200));
        ArticleEnriched sharesAQuote = article("other", "Homebuyers in the capital are rushing to lock in fixed rates. "
                + P4 + " Estate agents report that viewings fell by a fifth in February, and several developers have "
                + "paused new projects on the city's outskirts until the outlook for borrowing costs becomes clearer. "
                + "A survey of first-time buyers found most now expect to wait at least another year.",
                T0.plusSeconds(1800));

        assertThat(linker.link(List.of(original)).articles()).extracting(ArticleEnriched::duplicateOf).containsOnlyNulls();
        List<ArticleEnriched> later = linker.link(List.of(creditedCopy, datelinedCopy, sharesAQuote)).articles();

        assertThat(later.get(0).duplicateOf().id()).isEqualTo("orig");
        assertThat(later.get(0).duplicateOf().similarity()).isBetween(0.6, 1.0);
        assertThat(later.get(1).duplicateOf().id()).isEqualTo("orig");
        assertThat(later.get(2).duplicateOf()).as("one shared paragraph is not a copy").isNull();
    }

    @Test
    void copiesInOnePollNameTheEarliestByPublicationTimeWhateverTheirOrder() {
        ArticleEnriched late = article("late", WIRE + "\n\nCredit: Wire.", T0.plusSeconds(3600));
        ArticleEnriched early = article("early", WIRE, T0);
        ArticleEnriched middle = article("middle", "PARIS - " + WIRE, T0.plusSeconds(60));

        List<ArticleEnriched> linked = linker.link(List.of(late, early, middle)).articles();

        assertThat(linked.get(1).duplicateOf()).isNull();
        assertThat(linked.get(0).duplicateOf().id()).isEqualTo("early");
        assertThat(linked.get(2).duplicateOf().id()).isEqualTo("early");
    }

    @Test
    void anEarlierCopyArrivingLateBecomesTheOriginalOfLaterLookups() {
        linker.link(List.of(article("first-seen", WIRE, T0.plusSeconds(3600)))).articles();
        List<ArticleEnriched> earlier = linker.link(List.of(article("published-earlier", "ROME - " + WIRE, T0))).articles();
        assertThat(earlier.get(0).duplicateOf()).as("it is the earliest copy").isNull();

        List<ArticleEnriched> third = linker.link(List.of(article("third", WIRE + "\n\nAll rights reserved.",
                T0.plusSeconds(7200)))).articles();

        assertThat(third.get(0).duplicateOf().id()).isEqualTo("published-earlier");
        assertThat(store.entries.get("first-seen").original()).isEqualTo("published-earlier");
    }

    @Test
    void aLateOriginalCorrectsTheCopiesPublishedBeforeItAndLaterCopiesFollowIt() {
        linker.link(List.of(article("first-seen", WIRE, T0.plusSeconds(3600))));
        var copyOfIt = linker.link(List.of(article("copy", WIRE + "\n\nCredit: Wire.", T0.plusSeconds(5400))));
        assertThat(copyOfIt.articles().get(0).duplicateOf().id()).isEqualTo("first-seen");
        assertThat(copyOfIt.corrections()).isEmpty();

        var late = linker.link(List.of(article("published-earlier", "ROME - " + WIRE, T0)));

        assertThat(late.articles().get(0).duplicateOf()).isNull();
        // its copies follow it: applying a correction re-points the articles naming the corrected one
        assertThat(late.corrections()).extracting(c -> c.id() + ">" + c.duplicateOf().id())
                .containsExactly("first-seen>published-earlier");
        assertThat(late.corrections()).allSatisfy(c -> {
            assertThat(c.duplicateOf().similarity()).isBetween(0.5, 1.0);
            assertThat(c.contractViolations(c.id())).isEmpty();
        });

        // a new copy whose bands the former original holds is led on to the late original
        var next = linker.link(List.of(article("next", WIRE + "\n\nAll rights reserved.", T0.plusSeconds(9000))));
        assertThat(next.articles().get(0).duplicateOf().id()).isEqualTo("published-earlier");
        assertThat(next.corrections()).isEmpty();
    }

    @Test
    void ofCopiesPublishedAtTheSameMomentTheFirstSeenStaysTheOriginal() {
        linker.link(List.of(article("b-first", WIRE, T0)));

        var later = linker.link(List.of(article("a-second", "ROME - " + WIRE, T0)));

        assertThat(later.articles().get(0).duplicateOf().id()).as("not the smaller id").isEqualTo("b-first");
        assertThat(later.corrections()).isEmpty();
        assertThat(linker.link(List.of(article("c-earlier", "PARIS - " + WIRE, T0.minusSeconds(60)))).corrections())
                .as("an earlier publication time still makes a late original").isNotEmpty();
    }

    @Test
    void ofStoredCopiesPublishedAtTheSameMomentTheOriginalIsNamedNotACopyWithASmallerId() {
        linker.link(List.of(article("m-original", WIRE, T0)));
        assertThat(linker.link(List.of(article("a-copy", "ROME - " + WIRE, T0))).articles().get(0).duplicateOf().id())
                .isEqualTo("m-original");

        var next = linker.link(List.of(article("z-next", "ROME - " + WIRE + "\n\nCredit: Wire.", T0)));

        assertThat(next.articles().get(0).duplicateOf().id()).isEqualTo("m-original");
        assertThat(next.corrections()).isEmpty();
    }

    @Test
    void copiesInOnePollCorrectNothing() {
        var linked = linker.link(List.of(article("late", WIRE + "\n\nCredit: Wire.", T0.plusSeconds(60)),
                article("early", WIRE, T0)));
        assertThat(linked.articles().get(0).duplicateOf().id()).isEqualTo("early");
        assertThat(linked.corrections()).as("both records of the poll are right already").isEmpty();
    }

    @Test
    void copiesFurtherApartThanTheWindowAndShortBodiesAreNotLinked() {
        linker.link(List.of(article("old", WIRE, T0))).articles();
        assertThat(linker.link(List.of(article("much-later", WIRE, T0.plus(Duration.ofDays(8))))).articles().get(0).duplicateOf())
                .isNull();

        String brief = "Rates rise by a quarter point, the bank said on Thursday.";
        linker.link(List.of(article("brief-1", brief, T0))).articles();
        assertThat(linker.link(List.of(article("brief-2", brief, T0.plusSeconds(5)))).articles().get(0).duplicateOf()).isNull();
        assertThat(store.entries).doesNotContainKey("brief-1");
    }

    @Test
    void anExactCopyHasSimilarityOne() {
        linker.link(List.of(article("a", WIRE, T0))).articles();
        ArticleEnriched.DuplicateOf duplicateOf = linker.link(List.of(article("b", WIRE, T0.plusSeconds(1)))).articles().get(0)
                .duplicateOf();
        assertThat(duplicateOf).isEqualTo(new ArticleEnriched.DuplicateOf("a", 1.0));
    }

    @Test
    void aVerbatimCopyIsFoundByItsExactKeyAndClaimsNoBands() {
        linker.link(List.of(article("a", WIRE, T0))).articles();
        int claims = store.claims.size();

        ArticleEnriched.DuplicateOf duplicateOf = linker.link(List.of(article("b", WIRE, T0.plusSeconds(60)))).articles().get(0)
                .duplicateOf();

        assertThat(duplicateOf).isEqualTo(new ArticleEnriched.DuplicateOf("a", 1.0));
        assertThat(store.claims).as("no new band claimed").hasSize(claims);
        assertThat(store.entries).containsKey("b");
    }

    @Test
    void aPollOfVerbatimCopiesReadsTheKeysOnceAndTheirOriginalsOnce() {
        linker.link(List.of(article("a", WIRE, T0), article("other", "An unrelated text about the harvest in the "
                + "north, where farmers brought in more wheat than in any year since records began, and prices fell.",
                T0)));
        int holderReads = store.holderReads;
        int entryReads = store.entryReads;

        var copies = linker.link(List.of(article("b", WIRE, T0.plusSeconds(60)), article("c", WIRE, T0.plusSeconds(90))));

        assertThat(copies.articles()).extracting(x -> x.duplicateOf().id()).containsExactly("a", "a");
        assertThat(store.holderReads - holderReads).as("the exact keys' holders, read before registering").isEqualTo(1);
        assertThat(store.entryReads - entryReads).as("the original's entry").isEqualTo(1);
    }

    @Test
    void aLateOriginalsDecisionIsWrittenWithTheStoriesAndADecisionNeverRecordedIsFoundAgain() {
        linker.link(List.of(article("first-seen", WIRE, T0.plusSeconds(3600))));
        linker.link(List.of(article("copy", WIRE + "\n\nCredit: Wire.", T0.plusSeconds(5400))));

        // decided, then the poll rolled back before its records: the retry decides the same
        var undone = linker.decide(List.of(article("published-earlier", "ROME - " + WIRE, T0)));
        assertThat(undone.corrections()).extracting(c -> c.id()).containsExactly("first-seen");
        assertThat(store.entries.get("first-seen").original()).as("nothing re-pointed before the record").isNull();
        var retried = linker.decide(List.of(article("published-earlier", "ROME - " + WIRE, T0)));
        assertThat(retried.corrections()).extracting(c -> c.id() + ">" + c.duplicateOf().id())
                .containsExactly("first-seen>published-earlier");

        int records = store.records;
        linker.record(retried, Map.of("published-earlier", "story-1"));

        assertThat(store.records - records).as("re-pointed entries and stories in one write").isEqualTo(1);
        assertThat(store.entries.get("first-seen").original()).isEqualTo("published-earlier");
        assertThat(store.entries.get("published-earlier").story()).isEqualTo("story-1");
    }

    static ArticleEnriched article(String id, String body, Instant publishedAt) {
        return new ArticleEnriched(1, id, 1, "https://example.com/" + id, null, new Source("Example", "example.com"),
                publishedAt.plusSeconds(30), publishedAt, null, null, null, null, null, "Headline " + id, List.of(),
                null, Map.of(), null, body, body.split("\\s+").length, 1, null, List.of(), List.of(), List.of(), null,
                null, List.of(), List.of(), List.of(), null, null, null, null, null, null);
    }

    /** The store's contract (realtime, first claim wins) in memory. */
    static final class MemoryStore implements DuplicateLinker.Store {
        final Map<String, DuplicateLinker.Entry> entries = new HashMap<>();
        final Map<String, String> claims = new HashMap<>();
        /** Requests made: reads of holders and entries, writes of records. */
        int holderReads;
        int entryReads;
        int records;

        @Override
        public void register(List<DuplicateLinker.Registration> registrations) {
            for (DuplicateLinker.Registration r : registrations) {
                entries.put(r.entry().id(), r.entry());
                for (String key : r.bandKeys()) {
                    claims.putIfAbsent(key, r.entry().id());
                }
            }
        }

        @Override
        public Map<String, String> holders(Collection<String> bandKeys) {
            holderReads++;
            Map<String, String> found = new HashMap<>();
            bandKeys.forEach(k -> {
                if (claims.containsKey(k)) {
                    found.put(k, claims.get(k));
                }
            });
            return found;
        }

        @Override
        public Map<String, DuplicateLinker.Entry> entries(Collection<String> ids) {
            entryReads++;
            Map<String, DuplicateLinker.Entry> found = new HashMap<>();
            ids.forEach(id -> {
                if (entries.containsKey(id)) {
                    found.put(id, entries.get(id));
                }
            });
            return found;
        }

        @Override
        public Map<String, String> stories(Collection<String> ids) {
            Map<String, String> found = new HashMap<>();
            ids.forEach(id -> {
                if (entries.containsKey(id) && entries.get(id).story() != null) {
                    found.put(id, entries.get(id).story());
                }
            });
            return found;
        }

        @Override
        public void record(Map<String, DuplicateLinker.Entry> repointed, Map<String, String> storyByArticle) {
            records++;
            repointed.forEach((id, e) -> entries.computeIfPresent(id, (k, old) ->
                    new DuplicateLinker.Entry(old.id(), old.at(), old.signature(), e.original(), e.originalAt(), old.story())));
            storyByArticle.forEach((id, story) -> entries.computeIfPresent(id, (k, e) ->
                    new DuplicateLinker.Entry(e.id(), e.at(), e.signature(), e.original(), e.originalAt(), story)));
        }
    }
}
