package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.time.Clock;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TextStatisticsTest {

    private static final String PARAGRAPH = "Vladimir Putin met Emmanuel Macron in Geneva on Monday, officials said. "
            + "The talks lasted four hours.";

    @Test
    void anOrdinaryBodyIsAnalysedWhole() {
        String body = PARAGRAPH + "\n\n" + PARAGRAPH;

        Text text = TextStatistics.of(body);

        assertThat(text.analysis().text()).isEqualTo(body);
        assertThat(text.analysedInPart()).isFalse();
        assertThat(text.wordCount()).isEqualTo(32);
    }

    @Test
    void aHugeBodyIsAnalysedUpToAParagraphBreakButCountedWhole() {
        String body = (PARAGRAPH + "\n\n").repeat(20_000).strip(); // ~2 MB

        Text text = TextStatistics.of(body);

        String analysed = text.analysis().text();
        assertThat(text.analysedInPart()).isTrue();
        assertThat(analysed.length()).isLessThanOrEqualTo(TextStatistics.MAX_ANALYSED).isGreaterThan(400_000);
        assertThat(body).startsWith(analysed);
        assertThat(analysed).endsWith("four hours.");
        assertThat(text.wordCount()).isEqualTo(16 * 20_000);
    }

    @Test
    void oneEndlessLineIsCutAtASentence() {
        String body = "Putin met Macron in Geneva on Monday. ".repeat(78_000);

        String analysed = TextStatistics.analysedPart(body);

        assertThat(analysed).endsWith("Monday.").hasSizeLessThanOrEqualTo(TextStatistics.MAX_ANALYSED);
    }

    @Test
    void theRecordSaysWhenTheEnrichersSawAPartOnly() {
        String body = (PARAGRAPH + "\n\n").repeat(20_000).strip();
        ArticleReceived article = new ArticleReceived(ArticleReceived.SCHEMA_VERSION, "0".repeat(32),
                null, null, Source.named("Example"), "Talks in Geneva", null, Instant.parse("2024-05-01T10:00:00Z"),
                "en", null, null, null, null, body);

        ArticleEnriched enriched = EnrichmentPipeline.standard(Clock.systemUTC()).enrich(article, 1, true);

        assertThat(enriched.enrichment().flags()).contains(TextStatistics.PARTIAL_FLAG);
        assertThat(enriched.body()).isEqualTo(body);
        assertThat(enriched.wordCount()).isEqualTo(16 * 20_000);
        assertThat(enriched.entities()).isNotEmpty();
    }
}
