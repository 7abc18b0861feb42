package io.newsflow.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Source;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every raw record gets exactly one outcome: written, skipped, or dead-lettered with a reason. */
class RawArticleHandlerTest {

    private static final int TEN_MIB = 10 * 1024 * 1024;
    private static EnrichmentPipeline pipeline;

    @BeforeAll
    static void loadPipeline() {
        pipeline = EnrichmentPipeline.standard(Clock.systemUTC());
    }

    private static RawArticleHandler handler(int maxRecordBytes) {
        return new RawArticleHandler(pipeline, io.newsflow.enrich.linking.Linking.none(), new RepostFilter(100), maxRecordBytes);
    }

    private static ArticleReceived article(String url, String text) {
        return new ArticleReceived(1, ArticleIds.fromUrl(url), url, url, Source.named("Wire"), null, null,
                Instant.parse("2024-05-01T10:00:00Z"), null, null, null, null, null, text);
    }

    private static final String TEXT = "Rates held\nThe central bank held interest rates on Thursday, citing slowing inflation.";

    @Test
    void aPostWhoseRecordWasNeverAcknowledgedIsEnrichedAgainWhenRetried() {
        RawArticleHandler handler = handler(TEN_MIB);
        ArticleReceived post = article("https://x.example/a", TEXT);
        var first = decide(handler.batch(), post.id(), post, 1);
        assertThat(first).isInstanceOf(RawArticleHandler.Outcome.Write.class);
        // the send failed: nothing was acknowledged, so the retry must not look like a re-post
        assertThat(decide(handler.batch(), post.id(), post, 1)).isInstanceOf(RawArticleHandler.Outcome.Write.class);

        handler.written(((RawArticleHandler.Outcome.Write) first).post());
        assertThat(decide(handler.batch(), post.id(), post, 1)).as("the same post again: its transaction was "
                + "rolled back after the ack, so it must be written again").isInstanceOf(RawArticleHandler.Outcome.Write.class);
        assertThat(decide(handler.batch(), post.id(), post, 2))
                .isEqualTo(new RawArticleHandler.Outcome.Skip("unchanged-repost"));
    }

    @Test
    void aPostTheBrokerRefusedAsTooLargeIsDeadLetteredWhenItComesAgain() {
        RawArticleHandler handler = handler(TEN_MIB);
        ArticleReceived post = article("https://x.example/refused", TEXT);
        var write = (RawArticleHandler.Outcome.Write) decide(handler.batch(), post.id(), post, 7);
        handler.refusedAsTooLarge(write.post(), "The message is 11000000 bytes");
        assertThat(decide(handler.batch(), post.id(), post, 7)).isInstanceOfSatisfying(
                RawArticleHandler.Outcome.DeadLetter.class, dead -> {
                    assertThat(dead.reason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE);
                    assertThat(dead.detail()).contains("11000000 bytes");
                });
    }

    @Test
    void anIdenticalPostLaterInTheSamePollIsSkippedAndAnOlderOneIsSuperseded() {
        RawArticleHandler handler = handler(TEN_MIB);
        ArticleReceived post = article("https://x.example/b", TEXT);
        RawArticleHandler.Batch batch = handler.batch();
        assertThat(decide(batch, post.id(), post, 5)).isInstanceOf(RawArticleHandler.Outcome.Write.class);
        assertThat(decide(batch, post.id(), post, 6)).isEqualTo(new RawArticleHandler.Outcome.Skip("unchanged-repost"));
        ArticleReceived changed = article("https://x.example/b", TEXT + " It was the fourth hold in a row.");
        assertThat(decide(batch, post.id(), changed, 4)).isEqualTo(new RawArticleHandler.Outcome.Skip("superseded"));
    }

    @Test
    void recordsBreakingTheContractAreDeadLetteredNotEnriched() {
        RawArticleHandler.Batch batch = handler(TEN_MIB).batch();
        ArticleReceived valid = article("https://x.example/c", TEXT);

        assertThat(decide(batch, valid.id(), null, 1)).isInstanceOfSatisfying(RawArticleHandler.Outcome.DeadLetter.class,
                dead -> assertThat(dead.reason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION));
        // what an empty document was made of: {"schemaVersion":1,"id":"k1"}
        ArticleReceived bare = EventJson.mapper().readValue("{\"schemaVersion\":1,\"id\":\"k1\"}", ArticleReceived.class);
        assertThat(decide(batch, "k1", bare, 1)).isInstanceOfSatisfying(RawArticleHandler.Outcome.DeadLetter.class, dead -> {
            assertThat(dead.reason()).isEqualTo(DeadLetterReason.CONTRACT_VIOLATION);
            assertThat(dead.detail()).contains("id is not 32 lower-case hex digits", "source is missing",
                    "receivedAt is missing", "neither html nor text");
        });
        ArticleReceived future = new ArticleReceived(2, valid.id(), valid.url(), valid.canonicalUrl(), valid.source(),
                null, null, valid.receivedAt(), null, null, null, null, null, TEXT);
        assertThat(decide(batch, valid.id(), future, 1)).isInstanceOfSatisfying(RawArticleHandler.Outcome.DeadLetter.class,
                dead -> assertThat(dead.detail()).contains("schemaVersion 2"));
        assertThat(decide(batch, "another-key", valid, 1)).isInstanceOfSatisfying(
                RawArticleHandler.Outcome.DeadLetter.class, dead -> assertThat(dead.detail()).contains("key"));
    }

    @Test
    void anEntityDenseTextOfMegabytesIsEnrichedWithinTheBrokersLimit() {
        // 4.4 MB: every sentence mentions three entities, a place and a date
        String text = "Vladimir Putin met Emmanuel Macron in Geneva on Monday. ".repeat(78_000);
        ArticleReceived big = article("https://x.example/big", text);

        var outcome = decide(handler(TEN_MIB).batch(), big.id(), big, 1);

        assertThat(outcome).isInstanceOf(RawArticleHandler.Outcome.Write.class);
        byte[] json = ((RawArticleHandler.Outcome.Write) outcome).json();
        assertThat(json.length).isLessThan(TEN_MIB - RawArticleHandler.RECORD_OVERHEAD_BYTES);
        ArticleEnriched enriched = EventJson.mapper().readValue(json, ArticleEnriched.class);
        // the enrichers read its first 500,000 characters (a bounded cost whatever is posted); the
        // body and its word count stay whole
        assertThat(enriched.enrichment().flags()).contains("output-bounded", "analysed-in-part");
        assertThat(enriched.body()).hasSizeGreaterThan(4_000_000);
        assertThat(enriched.wordCount()).isEqualTo(78_000 * 9);
        ArticleEnriched.Entity putin = enriched.entities().stream()
                .filter(entity -> entity.canonicalName().contains("Putin")).findFirst().orElseThrow();
        assertThat(putin.mentions()).as("counts stay exact within what was read")
                .isEqualTo(500_000 / "Vladimir Putin met Emmanuel Macron in Geneva on Monday. ".length());
        assertThat(putin.offsets()).hasSizeLessThanOrEqualTo(100);
    }

    @Test
    void anOutputThatStillDoesNotFitIsDeadLetteredAsTooLarge() {
        ArticleReceived post = article("https://x.example/d", TEXT);
        var outcome = decide(handler(RawArticleHandler.RECORD_OVERHEAD_BYTES + 200).batch(), post.id(), post, 1);
        assertThat(outcome).isInstanceOfSatisfying(RawArticleHandler.Outcome.DeadLetter.class,
                dead -> assertThat(dead.reason()).isEqualTo(DeadLetterReason.OUTPUT_TOO_LARGE));
    }

    /** What the listener makes of one record: handled, then (if enriched) linked and serialised. */
    private static RawArticleHandler.Outcome decide(RawArticleHandler.Batch batch, String key, ArticleReceived value,
            long revision) {
        var outcome = batch.handle(key, value, revision);
        return outcome instanceof RawArticleHandler.Outcome.Enriched enriched
                ? batch.finish(java.util.List.of(enriched)).outcomes().get(0) : outcome;
    }
}
