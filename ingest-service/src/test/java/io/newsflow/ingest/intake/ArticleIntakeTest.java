package io.newsflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ArticleIntakeTest {

    private final List<ArticleReceived> published = new ArrayList<>();
    private final Clock clock = Clock.fixed(Instant.parse("2024-05-01T10:00:00Z"), ZoneOffset.UTC);
    private final ArticleIntake intake = new ArticleIntake(article -> {
        published.add(article.toEvent());
        return CompletableFuture.completedFuture(100L + published.size());
    }, clock, Duration.ofSeconds(1), new IntakeMetrics(new SimpleMeterRegistry()));

    static ArticleSubmission page(String url) {
        return ArticleSubmission.of(url, Source.named("Example News"), "<html><body><p>Hi</p></body></html>",
                null, null, null);
    }

    @Test
    void acceptedArticleIsPublishedWithStableIdAndSourceDomain() {
        ArticleIntake.Accepted accepted = intake.accept(page("https://www.example.com/a?utm_source=rss"));
        ArticleReceived article = accepted.article();

        assertThat(published).singleElement().satisfies(event -> {
            assertThat(event.id()).isEqualTo(article.id());
            assertThat(event.html()).as("the page, passed through").isEqualTo("<html><body><p>Hi</p></body></html>");
        });
        assertThat(accepted.revision()).as("what the broker said").isEqualTo(101);
        assertThat(article.id()).isEqualTo(ArticleIds.fromUrl("https://www.example.com/a"));
        assertThat(article.canonicalUrl()).isEqualTo("https://www.example.com/a");
        assertThat(article.url()).isEqualTo("https://www.example.com/a?utm_source=rss");
        assertThat(article.source()).isEqualTo(new Source("Example News", "example.com"));
        assertThat(article.receivedAt()).isEqualTo(clock.instant());
        assertThat(article.schemaVersion()).isEqualTo(ArticleReceived.SCHEMA_VERSION);
        assertThat(published.get(0).hasHtml()).isTrue();
    }

    @Test
    void textWithoutUrlGetsAContentId() {
        ArticleReceived article = intake.accept(ArticleSubmission.of(null, Source.named("Wire"), null,
                "Body text.", "Title", "2024-04-30")).article();

        assertThat(article.id()).isEqualTo(ArticleIds.fromContent(Source.named("Wire"), "Body text."));
        assertThat(article.url()).isNull();
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2024-04-30T00:00:00Z"));
        assertThat(article.title()).isEqualTo("Title");
    }

    @Test
    void publishedAtAcceptsOffsets() {
        ArticleReceived article = intake.accept(ArticleSubmission.of("https://example.com/a", Source.named("X"),
                null, "t", null, "2024-05-01T12:00:00+02:00")).article();
        assertThat(article.publishedAt()).isEqualTo(Instant.parse("2024-05-01T10:00:00Z"));
    }

    @Test
    void everyProblemIsReportedAtOnceAndNothingIsPublished() {
        ArticleSubmission bad = ArticleSubmission.of("ftp://example.com/a", null, "<p>x</p>", "x", null, "yesterday");

        assertThatThrownBy(() -> intake.accept(bad))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field)
                        .containsExactly("url", "source", "text", "publishedAt"));
        assertThat(published).isEmpty();
    }

    @Test
    void optionalFieldsAreNormalisedAndPassedThrough() {
        ArticleReceived article = intake.accept(new ArticleSubmission("https://example.com/a", Source.named("X"),
                null, ArticleSubmission.page("t"), null, null, "pt_BR", java.util.List.of(" Ana Silva ", ""), " Economy ",
                java.util.Map.of("feed", "rss"))).article();

        assertThat(article.language()).isEqualTo("pt-br");
        assertThat(article.authors()).containsExactly("Ana Silva");
        assertThat(article.section()).isEqualTo("Economy");
        assertThat(article.metadata()).containsEntry("feed", "rss");
    }

    @Test
    void oversizedOrMalformedOptionalFieldsAreRejected() {
        var metadata = new java.util.HashMap<String, String>();
        for (int i = 0; i <= ArticleIntake.MAX_METADATA_ENTRIES; i++) {
            metadata.put("k" + i, "v");
        }
        ArticleSubmission bad = new ArticleSubmission("https://example.com/a", Source.named("X"), null, ArticleSubmission.page("t"),
                "x".repeat(ArticleIntake.MAX_SHORT_FIELD + 1), null, "english!", null, null, metadata);

        assertThatThrownBy(() -> intake.accept(bad))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field)
                        .containsExactlyInAnyOrder("language", "metadata", "title"));
    }

    @Test
    void nulCharactersAreRefused() {
        assertThatThrownBy(() -> intake.accept(ArticleSubmission.of("https://example.com/a", Source.named("X"), null,
                "text with a \u0000 in it", null, null)))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field).containsExactly("text"));
    }

    @Test
    void aBatchSendsEveryValidArticleAndReportsEachOutcome() {
        List<ArticleSubmission> batch = java.util.Arrays.asList(page("https://example.com/1"),
                ArticleSubmission.of("not a url", Source.named("X"), null, "t", null, null), null,
                page("https://example.com/2"));

        List<ArticleIntake.Outcome> outcomes = intake.acceptAll(batch);

        assertThat(published).hasSize(2);
        assertThat(outcomes).hasSize(4);
        assertThat(outcomes.get(0).accepted().article().canonicalUrl()).isEqualTo("https://example.com/1");
        assertThat(outcomes.get(1).error()).isInstanceOf(InvalidArticleException.class);
        assertThat(outcomes.get(2).accepted()).isNull();
        assertThat(outcomes.get(3).accepted().revision()).isEqualTo(102);
    }

    @Test
    void anUnacknowledgedArticleIsReportedAsBrokerUnavailable() {
        var silent = new ArticleIntake(article -> new CompletableFuture<>(), clock, Duration.ofMillis(50),
                new IntakeMetrics(new SimpleMeterRegistry()));
        assertThatThrownBy(() -> silent.accept(page("https://example.com/a")))
                .isInstanceOf(BrokerUnavailableException.class);
    }

    @Test
    void htmlNeedsAUrlAndSomethingMustBePosted() {
        assertThatThrownBy(() -> intake.accept(ArticleSubmission.of(null, Source.named("X"), "<p>x</p>", null,
                null, null)))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field).containsExactly("url"));
        assertThatThrownBy(() -> intake.accept(ArticleSubmission.of("https://example.com/a", Source.named("X"),
                " ", null, null, null)))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field).containsExactly("html"));
    }
}
