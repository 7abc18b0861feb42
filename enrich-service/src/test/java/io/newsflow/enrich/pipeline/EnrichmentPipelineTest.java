package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import io.newsflow.enrich.extraction.ArticleExtractor;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnrichmentPipelineTest {

    static final String URL = "https://news.example.org/world/talks";
    static final String PAGE = """
            <html lang="en"><head><title>Talks resume in Geneva | Example News</title>
            <meta property="og:title" content="Talks resume in Geneva">
            <meta property="article:published_time" content="2024-05-01T08:00:00Z"></head>
            <body><nav><a href="/">Home</a> <a href="/world">World</a></nav>
            <article><h1>Talks resume in Geneva</h1>
            <p>Negotiators met again on Tuesday after a two-week pause.</p>
            <p>Both sides said progress was possible.</p></article>
            <footer>Copyright Example News</footer></body></html>
            """;

    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);

    static ArticleReceived received(String html, String text, int schemaVersion) {
        return new ArticleReceived(schemaVersion, ArticleIds.fromUrl(URL), URL, URL,
                new Source("Example News", "news.example.org"), null, null, Instant.parse("2024-05-01T09:59:00Z"),
                null, java.util.List.of("Jane Reporter"), null, java.util.Map.of("feed", "world"), html, text);
    }

    @Test
    void pageBecomesEnrichedArticleWithCleanBody() {
        ArticleEnriched article = EnrichmentPipeline.standard(clock).enrich(received(PAGE, null, 1), 42L);

        assertThat(article.id()).isEqualTo(ArticleIds.fromUrl(URL));
        assertThat(article.revision()).isEqualTo(42L);
        assertThat(article.title()).isEqualTo("Talks resume in Geneva");
        assertThat(article.body()).isEqualTo("Negotiators met again on Tuesday after a two-week pause.\n\n"
                + "Both sides said progress was possible.");
        assertThat(article.body()).doesNotContain("Home", "Copyright");
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2024-05-01T08:00:00Z"));
        assertThat(article.wordCount()).isEqualTo(16);
        assertThat(article.enrichment().errors()).isEmpty();
        assertThat(article.enrichment().flags()).isEmpty();
        assertThat(article.authors()).as("the publisher's byline").containsExactly("Jane Reporter");
        assertThat(article.metadata()).containsEntry("feed", "world");
        assertThat(article.enrichment().enrichedAt()).isEqualTo(clock.instant());
        assertThat(article.enrichment().version()).isEqualTo(EnrichmentPipeline.VERSION);
    }

    @Test
    void textIsTakenAsPosted() {
        ArticleEnriched article = EnrichmentPipeline.standard(clock)
                .enrich(received(null, "Home | World | Sport\nStorm hits the coast overnight\n"
                        + "A powerful storm hit the coast on Monday, officials said.\n"
                        + "Thousands of homes were left without power.\nShare this article", 1), 1L);

        assertThat(article.title()).isEqualTo("Storm hits the coast overnight");
        assertThat(article.body()).isEqualTo("A powerful storm hit the coast on Monday, officials said.\n\n"
                + "Thousands of homes were left without power.");
        assertThat(article.wordCount()).isEqualTo(17);
    }

    @Test
    void quotesNameTheirSpeakerAmongTheEntities() {
        String text = "Talks resume in Geneva\nSecretary of State Marco Rubio arrived in Geneva on Monday for the "
                + "talks, which resume after a two-week pause.\n\u201COur goal is a ceasefire that holds,\u201D "
                + "Rubio told reporters at the airport.\n";
        ArticleEnriched article = EnrichmentPipeline.standard(clock).enrich(received(null, text, 1), 1L);

        assertThat(article.quotes()).hasSize(1);
        ArticleEnriched.Quote quote = article.quotes().get(0);
        assertThat(quote.text()).isEqualTo("Our goal is a ceasefire that holds");
        assertThat(quote.speaker()).isEqualTo(new ArticleEnriched.Speaker("Marco Rubio", "person/marco-rubio"));
        assertThat(article.body().substring(quote.offsets().start(), quote.offsets().end())).isEqualTo(quote.text());
        assertThat(article.entities()).anyMatch(e -> "person/marco-rubio".equals(e.id()));
    }

    @Test
    void failingStepIsRecordedAndTheArticleStillFlows() {
        Enricher broken = new Enricher() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public Object find(Reading reading, Text text, Findings earlier) {
                throw new IllegalStateException("boom");
            }
        };
        Enricher afterIt = new Enricher() {
            @Override
            public String name() {
                return "summary-of-language";
            }

            @Override
            public Object find(Reading reading, Text text, Findings earlier) {
                return new Parts.Summary("language part: " + earlier.get(Parts.Language.class));
            }
        };
        var pipeline = new EnrichmentPipeline(new Extraction(new ArticleExtractor()), List.of(broken, afterIt), clock);

        ArticleEnriched article = pipeline.enrich(received(PAGE, null, 1), 42L);

        assertThat(article.enrichment().errors()).containsExactly("broken");
        assertThat(article.wordCount()).isEqualTo(16);
        assertThat(article.summary()).as("the enrichers after a failed one run, without its part")
                .isEqualTo("language part: null");
    }

    @Test
    void unknownSchemaVersionIsRejected() {
        assertThatThrownBy(() -> EnrichmentPipeline.standard(clock).enrich(received(PAGE, null, 99), 1L))
                .isInstanceOf(UnsupportedArticleException.class)
                .hasMessageContaining("99");
    }

    @Test
    void wordsAreCountedInAnyScript() {
        assertThat(TextStatistics.countWords("")).isZero();
        assertThat(TextStatistics.countWords("  U.S. talks -- 3 days  ")).isEqualTo(5);
        assertThat(TextStatistics.countWords("Привет мир, Ελλάδα")).isEqualTo(3);
    }
}
