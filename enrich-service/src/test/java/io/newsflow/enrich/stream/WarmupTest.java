package io.newsflow.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.enrich.linking.Linking;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {

    private static final EnrichmentPipeline PIPELINE = EnrichmentPipeline.standard(Clock.systemUTC());

    private static RawArticleHandler handler() {
        return new RawArticleHandler(PIPELINE, Linking.none(), new RepostFilter(1), 10 * 1024 * 1024);
    }

    @Test
    void samplePagesAreEnrichedLikeRealOnes() {
        List<ArticleReceived> pages = Warmup.pages();
        assertThat(pages).hasSizeGreaterThan(50);
        assertThat(pages.get(0).html().length()).as("a page of a realistic size").isGreaterThan(10_000);
        int entities = 0;
        for (ArticleReceived page : pages.subList(0, 5)) {
            ArticleEnriched article = PIPELINE.enrich(page, 1);
            assertThat(article.enrichment().errors()).isEmpty();
            assertThat(article.title()).isNotBlank().doesNotContain("Sample Times");
            assertThat(article.body()).as("the article's three paragraphs, without navigation, related links or footer")
                    .doesNotContain("Advertisement", "Most read", "Section 1", "All rights reserved",
                            "window.config").contains("\n\n");
            assertThat(article.dateline()).isNotNull();
            entities += article.entities().size();
        }
        assertThat(entities).isPositive();
    }

    @Test
    void everySampleRecordGoesTheWholeWayToAnEnrichedRecord() {
        Warmup.Result result = Warmup.run(handler(), 70, Duration.ofMinutes(5));
        assertThat(result.articles()).isEqualTo(70);
        assertThat(result.written()).as("read, enriched and written, none skipped as a re-post").isEqualTo(70);
        assertThat(EventJson.mapper().readValue(Warmup.records().get(3), ArticleReceived.class))
                .isEqualTo(Warmup.pages().get(3));
    }

    @Test
    void stopsAtItsTimeLimitWhateverItsCount() {
        Warmup.Result result = Warmup.run(handler(), Integer.MAX_VALUE, Duration.ofMillis(300));
        assertThat(result.articles()).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(30));
    }
}
