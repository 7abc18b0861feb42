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

    @Test
    void anUnchangedRepostIsRecognisedWhateverItsReceiveTime() {
        RepostFilter filter = new RepostFilter(10);
        assertThat(filter.isUnchangedRepost(post("a", "v1", Instant.parse("2024-01-01T00:00:00Z")))).isFalse();
        assertThat(filter.isUnchangedRepost(post("a", "v1", Instant.parse("2024-01-02T00:00:00Z")))).isTrue();
    }

    @Test
    void aChangedPostIsNotARepostAndBecomesTheNewReference() {
        RepostFilter filter = new RepostFilter(10);
        filter.isUnchangedRepost(post("a", "v1", Instant.EPOCH));
        assertThat(filter.isUnchangedRepost(post("a", "v2", Instant.EPOCH))).isFalse();
        assertThat(filter.isUnchangedRepost(post("a", "v1", Instant.EPOCH))).as("back to v1 is a change").isFalse();
        assertThat(filter.isUnchangedRepost(post("b", "v1", Instant.EPOCH))).as("another article").isFalse();
    }

    @Test
    void theLeastRecentlySeenArticlesAreForgotten() {
        RepostFilter filter = new RepostFilter(2);
        filter.isUnchangedRepost(post("a", "v1", Instant.EPOCH));
        filter.isUnchangedRepost(post("b", "v1", Instant.EPOCH));
        filter.isUnchangedRepost(post("c", "v1", Instant.EPOCH));
        assertThat(filter.isUnchangedRepost(post("a", "v1", Instant.EPOCH))).isFalse();
        assertThat(filter.isUnchangedRepost(post("c", "v1", Instant.EPOCH))).isTrue();
    }
}
