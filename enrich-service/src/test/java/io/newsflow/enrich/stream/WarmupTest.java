package io.newsflow.enrich.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.enrich.linking.Linking;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class WarmupTest {

    private static final EnrichmentPipeline PIPELINE = EnrichmentPipeline.standard(Clock.systemUTC());

    private static Warmup.Path handler() {
        return new Warmup.Path(new RawArticleHandler(PIPELINE, Linking.none(), new RepostFilter(1), 10 * 1024 * 1024));
    }

    @Test
    void samplePagesAreEnrichedLikeRealOnes() {
        List<ArticleReceived> pages = Warmup.pages();
        assertThat(pages).hasSizeGreaterThan(50);
        assertThat(pages.get(0).html().length()).as("a page of a realistic size").isGreaterThan(10_000);
        assertThat(pages.subList(0, 3)).as("three shapes: two kinds of page, and scraped text")
                .extracting(ArticleReceived::hasHtml).containsExactly(true, true, false);
        int entities = 0;
        for (ArticleReceived page : pages.subList(0, 9)) {
            ArticleEnriched article = PIPELINE.enrich(page, 1);
            assertThat(article.enrichment().errors()).isEmpty();
            assertThat(article.title()).as(page.id()).isNotBlank()
                    .doesNotContain("Sample Times", "Daily Sample", "Home | World");
            assertThat(article.body()).as("%s: the article's paragraphs, without the page's furniture", page.id())
                    .doesNotContain("Advertisement", "Most read", "Section 1", "All rights reserved",
                            "window.config", "We use cookies", "Trending", "Share on", "Great article",
                            "Share this article", "Related stories")
                    .contains("\n\n");
            entities += article.entities().size();
        }
        for (ArticleReceived page : pages) {
            ArticleEnriched article = PIPELINE.enrich(page, 1);
            assertThat(article.enrichment().errors()).as(page.id()).isEmpty();
            assertThat(article.body()).as(page.id()).isNotBlank();
        }
        assertThat(pages).extracting(page -> PIPELINE.enrich(page, 1).language().code()).as("a dozen languages")
                .contains("en", "de", "fr", "es", "ru", "zh", "ar", "ko").hasSizeGreaterThan(70);
        assertThat(pages.get(1).html()).contains("@graph", "<table", "<blockquote");
        assertThat(PIPELINE.enrich(pages.get(1), 1).body()).as("the quotation, the list and the table are the story's")
                .contains("a spokeswoman told reporters", "Turnout: 61.2%", "North 1,204");
        assertThat(entities).isPositive();
    }

    @Test
    void everySampleRecordGoesTheWholeWayToAnEnrichedRecord() {
        Warmup.Result result = Warmup.run(handler(), 70, Duration.ofMinutes(5), () -> -1, Duration.ofSeconds(1));
        assertThat(result.articles()).isEqualTo(70);
        assertThat(result.written()).as("read, enriched and written, none skipped as a re-post").isEqualTo(70);
        assertThat(EventJson.mapper().readValue(Warmup.records().get(3), ArticleReceived.class))
                .isEqualTo(Warmup.pages().get(3));
    }

    @Test
    void goesOnAfterItsCountUntilTheJitHasSettled() {
        // the compilers busy for the whole of three windows, then idle
        long[] compiled = {0};
        int[] reads = {0};
        LongSupplier jit = () -> {
            reads[0]++;
            if (reads[0] <= 4) {
                compiled[0] += 10_000;
            }
            return compiled[0];
        };
        Warmup.Result result = Warmup.run(handler(), 5, Duration.ofMinutes(5), jit, Duration.ofMillis(30));
        assertThat(result.settled()).isTrue();
        assertThat(reads[0]).as("the first read, three busy windows, one quiet one").isEqualTo(5);
        assertThat(result.articles()).as("at least one more sample per window").isGreaterThanOrEqualTo(9);
        assertThat(result.written()).isEqualTo(result.articles());
    }

    @Test
    void aJitThatNeverSettlesStopsItAtTheTimeLimit() {
        long[] compiled = {0};
        Warmup.Result result = Warmup.run(handler(), 5, Duration.ofMillis(300), () -> compiled[0] += 10_000,
                Duration.ofMillis(30));
        assertThat(result.settled()).isFalse();
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void aJvmThatDoesNotReportCompilationTimeStopsAfterTheCount() {
        Warmup.Result result = Warmup.run(handler(), 7, Duration.ofMinutes(5), () -> -1, Duration.ofMillis(30));
        assertThat(result.articles()).isEqualTo(7);
        assertThat(result.settled()).isFalse();
    }

    @Test
    void stopsAtItsTimeLimitWhateverItsCount() {
        Warmup.Result result = Warmup.run(handler(), Integer.MAX_VALUE, Duration.ofMillis(300));
        assertThat(result.articles()).isPositive().isLessThan(Integer.MAX_VALUE);
        assertThat(result.took()).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void linkingsWarmUpSendsTheSamplesAsEnrichedInPollsOfTheGivenSizeForItsTime() {
        Warmup.Path path = handler();
        Warmup.run(path, 70, Duration.ofMinutes(5), () -> -1, Duration.ofSeconds(1));
        List<List<ArticleEnriched>> polls = new ArrayList<>();
        Linking linking = new Linking() {
            @Override
            public Linked link(List<ArticleEnriched> articles) {
                throw new AssertionError("a warm-up links nothing");
            }

            @Override
            public boolean warmUp(List<ArticleEnriched> poll) {
                polls.add(poll);
                return true;
            }
        };

        int sent = Warmup.linking(linking, path, Duration.ofMillis(200), 25);

        assertThat(sent).isEqualTo(polls.size()).isPositive();
        assertThat(polls).allSatisfy(poll -> assertThat(poll).hasSize(25));
        List<String> samples = Warmup.pages().stream().map(ArticleReceived::id).toList();
        assertThat(polls.get(0)).extracting(ArticleEnriched::id).containsExactlyElementsOf(samples.subList(0, 25));
        assertThat(polls.get(0).get(0).body()).as("enriched, not raw").isNotBlank();
        assertThat(Warmup.linking(linking, path, Duration.ZERO, 25)).isZero();
        assertThat(Warmup.linking(linking, handler(), Duration.ofSeconds(1), 25)).as("a path that enriched nothing").isZero();
        long start = System.nanoTime();
        assertThat(Warmup.linking(Linking.none(), path, Duration.ofSeconds(30), 25)).as("no store").isZero();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }
}
