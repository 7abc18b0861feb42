package io.newsflow.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RepostFilterTest {

    static ArticleReceived post(String id, String text, Instant receivedAt) {
        return new ArticleReceived(1, id, "https://example.com/" + id, null, Source.named("X"), null, null, receivedAt,
                null, null, null, null, null, text);
    }

    private static RepostFilter.Post written(RepostFilter filter, String id, String text, long revision) {
        RepostFilter.Post post = RepostFilter.Post.of(post(id, text, Instant.EPOCH), revision);
        filter.remember(post);
        return post;
    }

    @Test
    void anUnchangedRepostIsRecognisedWhateverItsReceiveTime() {
        RepostFilter filter = new RepostFilter(10);
        filter.remember(RepostFilter.Post.of(post("a", "v1", Instant.parse("2024-01-01T00:00:00Z")), 1));
        assertThat(filter.isCovered(RepostFilter.Post.of(post("a", "v1", Instant.parse("2024-01-02T00:00:00Z")), 2)))
                .isTrue();
    }

    @Test
    void nothingIsLearntFromAPostWhoseRecordWasNotWritten() {
        RepostFilter filter = new RepostFilter(10);
        RepostFilter.Post first = RepostFilter.Post.of(post("a", "v1", Instant.EPOCH), 1);
        assertThat(filter.isCovered(first)).isFalse();
        assertThat(filter.isCovered(first)).as("looked up twice, e.g. retried after a failed send").isFalse();
    }

    @Test
    void aChangedPostIsNotARepostAndBecomesTheNewReferenceOnceWritten() {
        RepostFilter filter = new RepostFilter(10);
        written(filter, "a", "v1", 1);
        RepostFilter.Post v2 = RepostFilter.Post.of(post("a", "v2", Instant.EPOCH), 2);
        assertThat(filter.isCovered(v2)).isFalse();
        filter.remember(v2);
        assertThat(filter.isCovered(RepostFilter.Post.of(post("a", "v1", Instant.EPOCH), 3)))
                .as("back to v1 is a change").isFalse();
        assertThat(filter.isCovered(RepostFilter.Post.of(post("b", "v2", Instant.EPOCH), 3)))
                .as("another article").isFalse();
    }

    @Test
    void everyFieldButTheReceiveTimeCountsAsContent() {
        Instant at = Instant.EPOCH;
        ArticleReceived page = new ArticleReceived(1, "a", "https://example.com/a", null, Source.named("X"), null,
                null, at, null, null, null, null, "<p>Text</p>", null);
        RepostFilter filter = new RepostFilter(10);
        filter.remember(RepostFilter.Post.of(page, 1));
        assertThat(filter.isCovered(RepostFilter.Post.of(page, 2))).isTrue();
        var changed = java.util.List.of(
                new ArticleReceived(1, "a", "https://example.com/a", null, Source.named("X"), null, null, at, null,
                        null, null, null, "<p>Text.</p>", null),
                new ArticleReceived(1, "a", "https://example.com/a", null, Source.named("X"), null, null, at, null,
                        null, null, null, null, "<p>Text</p>"),
                new ArticleReceived(1, "a", "https://example.com/a", null, Source.named("X"), null, null, at, null,
                        null, null, null, "<p>Text</p>", ""),
                new ArticleReceived(1, "a", "https://example.com/a", null, Source.named("X"), "A title", null, at,
                        null, null, null, null, "<p>Text</p>", null),
                new ArticleReceived(1, "a", "https://example.com/a", null, Source.named("X"), null, null, at, null,
                        null, null, java.util.Map.of("k", "v"), "<p>Text</p>", null));
        for (ArticleReceived other : changed) {
            assertThat(filter.isCovered(RepostFilter.Post.of(other, 2))).as(other.toString()).isFalse();
        }
    }

    @Test
    void aChangeAnywhereInALongPageOrInOneCharacterBeyondLatin1IsAChange() {
        String body = "<p>" + "Les élèves ont manifesté à Paris. ".repeat(2_000) + "</p>"; // several hash chunks
        for (String[] pair : new String[][] {{body + "€", body + "₤"}, {body + "é", body + "ê"},
                {body, body.replace("Paris. </p>", "Paris! </p>")}, {"€" + body, "₤" + body}}) {
            RepostFilter filter = new RepostFilter(10);
            written(filter, "a", pair[0], 1);
            assertThat(filter.isCovered(RepostFilter.Post.of(post("a", pair[0], Instant.EPOCH), 2)))
                    .as("the same long page again").isTrue();
            assertThat(filter.isCovered(RepostFilter.Post.of(post("a", pair[1], Instant.EPOCH), 2)))
                    .as("changed at %d", pair[1].length()).isFalse();
        }
    }

    @Test
    void theSamePostAgainIsNeverTakenForARepostOfItself() {
        RepostFilter filter = new RepostFilter(10);
        RepostFilter.Post post = written(filter, "a", "v1", 5);
        assertThat(filter.isCovered(post)).isFalse();
    }

    @Test
    void aPostOlderThanTheWrittenOneIsCovered() {
        RepostFilter filter = new RepostFilter(10);
        written(filter, "a", "v2", 20);
        RepostFilter.Post older = RepostFilter.Post.of(post("a", "v1", Instant.EPOCH), 10);
        assertThat(filter.isCovered(older)).isTrue();
        assertThat(filter.isNewerWritten(older)).isTrue();
        filter.remember(older);
        assertThat(filter.isCovered(RepostFilter.Post.of(post("a", "v2", Instant.EPOCH), 30)))
                .as("an older post never replaces the reference").isTrue();
    }

    @Test
    void theLeastRecentlySeenArticlesAreForgotten() {
        RepostFilter filter = new RepostFilter(2);
        written(filter, "a", "v1", 1);
        written(filter, "b", "v1", 1);
        written(filter, "c", "v1", 1);
        assertThat(filter.isCovered(RepostFilter.Post.of(post("a", "v1", Instant.EPOCH), 2))).isFalse();
        assertThat(filter.isCovered(RepostFilter.Post.of(post("c", "v1", Instant.EPOCH), 2))).isTrue();
    }
}
