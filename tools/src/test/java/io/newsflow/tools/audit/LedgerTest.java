package io.newsflow.tools.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every accepted article gets exactly one verdict, and an article found nowhere is missing. */
class LedgerTest {

    @Test
    void eachArticleEndsInExactlyOnePlace() {
        Ledger ledger = new Ledger();
        ledger.enrichCommitted(0, 10);
        ledger.accepted("indexed", 0, 1, 100);
        ledger.accepted("repost", 0, 2, 200);
        ledger.accepted("repost", 0, 3, 300); // unchanged re-post: the document keeps revision 200
        ledger.accepted("too-large", 0, 4, 400);
        ledger.accepted("rejected", 0, 5, 500);
        ledger.accepted("publishing", 0, 6, 600);
        ledger.accepted("lost", 0, 7, 700);
        ledger.accepted(null, 0, 8, 800); // a record without a key, dead-lettered by its position
        ledger.accepted("new", 0, 10, 1000); // not yet processed by enrich
        ledger.accepted("other-partition", 1, 0, 1100); // enrich never committed on partition 1
        ledger.indexed("indexed", 100);
        ledger.indexed("repost", 200);
        ledger.indexed("new", 50); // an earlier post is indexed, the latest is still in flight
        ledger.rawDeadLetter(0, 4, "output-too-large");
        ledger.rawDeadLetter(0, 8, "contract-violation");
        ledger.enrichedDeadLetter("rejected", "index-rejected");
        ledger.pendingPublish(Set.of("publishing"));

        Ledger.Report report = ledger.report();

        assertThat(report.articles()).isEqualTo(9);
        assertThat(report.posts()).isEqualTo(10);
        assertThat(report.indexed()).isEqualTo(2);
        assertThat(report.indexedEarlier()).isEqualTo(1);
        assertThat(report.deadLettered()).isEqualTo(Map.of("output-too-large", 1L, "contract-violation", 1L,
                "index-rejected", 1L));
        assertThat(report.inFlight()).isEqualTo(Map.of("enrich", 2L, "publish", 1L));
        assertThat(report.missing()).isEqualTo(1);
        assertThat(report.missingIds()).containsExactly("lost");
        assertThat(report.indexed() + report.deadLetteredTotal() + 3 + report.missing()).isEqualTo(report.articles());
    }

    @Test
    void aLaterPostDeadLetteredAtEnrichIsNotHiddenByAnEarlierIndexedOne() {
        Ledger ledger = new Ledger();
        ledger.enrichCommitted(0, 5);
        ledger.accepted("a", 0, 1, 100);
        ledger.accepted("a", 0, 2, 200);
        ledger.indexed("a", 100);
        ledger.rawDeadLetter(0, 2, "output-too-large");

        assertThat(ledger.report().deadLettered()).isEqualTo(Map.of("output-too-large", 1L));
        assertThat(ledger.report().indexed()).isZero();
    }
}
