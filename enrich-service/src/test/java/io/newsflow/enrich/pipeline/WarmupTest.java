package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarmupTest {

    @Test
    void samplePagesRunTheWholePipelineLikeRealOnes() {
        EnrichmentPipeline pipeline = EnrichmentPipeline.standard(Clock.systemUTC());
        List<ArticleReceived> pages = Warmup.pages();
        assertThat(pages).hasSizeGreaterThan(50);
        int entities = 0;
        for (ArticleReceived page : pages.subList(0, 5)) {
            ArticleEnriched article = pipeline.enrich(page, 1);
            assertThat(article.enrichment().errors()).isEmpty();
            assertThat(article.title()).isNotBlank().doesNotContain("Sample Times");
            assertThat(article.body()).as("the article's three paragraphs, without navigation or footer")
                    .doesNotContain("Advertisement", "Most read", "All rights reserved").contains("\n\n");
            assertThat(article.dateline()).isNotNull();
            entities += article.entities().size();
        }
        assertThat(entities).isPositive();
        Warmup.Result result = Warmup.run(pipeline, Duration.ofMillis(300));
        assertThat(result.pages()).isPositive();
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }
}
