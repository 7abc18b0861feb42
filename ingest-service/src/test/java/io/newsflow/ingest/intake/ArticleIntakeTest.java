package io.newsflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.ArticleSubmission.Bounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        for (int i = 0; i <= Bounds.METADATA_ENTRIES; i++) {
            metadata.put("k" + i, "v");
        }
        ArticleSubmission bad = new ArticleSubmission("https://example.com/a", Source.named("X"), null, ArticleSubmission.page("t"),
                "x".repeat(Bounds.TITLE + 1), null, "english!", null, null, metadata);

        assertThatThrownBy(() -> intake.accept(bad))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field)
                        .containsExactlyInAnyOrder("language", "metadata", "title"));
    }

    @Test
    void aUrlOfAHundredThousandCharactersIsRefusedNotAccepted() {
        // reported: a 100,000-character url was answered 202, a value no index keyword can hold
        String url = "https://example.com/" + "a".repeat(100_000);

        assertThatThrownBy(() -> intake.accept(ArticleSubmission.of(url, Source.named("X"), null, "t", null, null)))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .containsExactly(new InvalidArticleException.FieldError("url", "is longer than 2048 characters")));
        String longest = "https://example.com/" + "a".repeat(Bounds.URL - 20);
        assertThat(intake.accept(ArticleSubmission.of(longest, Source.named("X"), null, "t", null, null)).article()
                .url()).hasSize(Bounds.URL);
        assertThat(published).hasSize(1);
    }

    @Test
    void everyFieldOverItsBoundIsRefusedNamingTheField() {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("ok", "v".repeat(Bounds.METADATA_VALUE + 1));
        metadata.put("k".repeat(Bounds.METADATA_KEY + 1), "v");
        List<String> authors = new ArrayList<>(List.of("Ana", "a".repeat(Bounds.AUTHOR + 1)));
        ArticleSubmission bad = new ArticleSubmission("https://example.com/a",
                new Source("n".repeat(FieldRules.MAX_SOURCE_NAME + 1), "d".repeat(FieldRules.MAX_SOURCE_DOMAIN + 1)),
                null, ArticleSubmission.page("t"), "t".repeat(Bounds.TITLE + 1), "2024-05-01" + " ".repeat(60),
                "en-" + "a".repeat(Bounds.LANGUAGE), authors, "s".repeat(Bounds.SECTION + 1), metadata);

        assertThatThrownBy(() -> intake.accept(bad))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field)
                        .containsExactlyInAnyOrder("source.name", "source.domain", "title", "publishedAt", "language",
                                "authors.1", "section", "metadata.ok", "metadata"));
        List<String> many = java.util.Collections.nCopies(Bounds.AUTHORS + 1, "Ana");
        assertThatThrownBy(() -> intake.accept(new ArticleSubmission("https://example.com/a", Source.named("X"), null,
                ArticleSubmission.page("t"), null, null, null, many, null, null)))
                .isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                        .extracting(InvalidArticleException.FieldError::field).containsExactly("authors"));
        assertThat(published).isEmpty();
    }

    @Test
    void lengthsAreCountedInCodePointsAsJsonSchemaCountsThem() {
        String emoji = "\ud83d\ude00".repeat(Bounds.TITLE); // 1,000 code points, 2,000 UTF-16 units
        assertThat(intake.accept(new ArticleSubmission("https://example.com/a", Source.named("X"), null,
                ArticleSubmission.page("t"), emoji, null, null, null, null, null)).article().title()).isEqualTo(emoji);
        assertThatThrownBy(() -> intake.accept(new ArticleSubmission("https://example.com/a", Source.named("X"), null,
                ArticleSubmission.page("t"), emoji + "x", null, null, null, null, null)))
                .isInstanceOf(InvalidArticleException.class);
    }

    @Test
    void publicationDatesOutsideTheirRangeAreRefused() {
        for (String date : List.of("+999999999-12-31", "0024-05-01", "1799-12-31T23:59:59Z", "2024-05-02T10:00:01Z",
                "20240-05-01")) {
            assertThatThrownBy(() -> intake.accept(ArticleSubmission.of("https://example.com/a", Source.named("X"),
                    null, "t", null, date)))
                    .as(date).isInstanceOfSatisfying(InvalidArticleException.class, e -> assertThat(e.errors())
                            .extracting(InvalidArticleException.FieldError::field).containsExactly("publishedAt"));
        }
        for (String date : List.of("1800-01-01", "2024-05-02T10:00:00Z", "2024-05-02")) {
            assertThat(intake.accept(ArticleSubmission.of("https://example.com/a", Source.named("X"), null, "t", null,
                    date)).article().publishedAt()).as(date).isNotNull();
        }
    }

    @Test
    void invisibleCharactersAreRefusedInNamesAndOverridesInText() {
        // names (a URL, a metadata key, a domain) may hold no format character at all
        for (ArticleSubmission bad : List.of(
                ArticleSubmission.of("https://example.com/a\u200bb", Source.named("X"), null, "t", null, null),
                ArticleSubmission.of("https://example.com/\u202egpj.exe", Source.named("X"), null, "t", null, null),
                new ArticleSubmission("https://example.com/a", Source.named("X"), null, ArticleSubmission.page("t"),
                        null, null, null, null, null, Map.of("ke\u200by", "v")),
                new ArticleSubmission("https://example.com/a", new Source("X", "exa\u00admple.com"), null,
                        ArticleSubmission.page("t"), null, null, null, null, null, null),
                // text may hold joiners and marks, but no override, control character or lone surrogate
                new ArticleSubmission("https://example.com/a", Source.named("X"), null, ArticleSubmission.page("t"),
                        "Breaking \u202enews", null, null, null, null, null),
                new ArticleSubmission("https://example.com/a", Source.named("X\u0007"), null,
                        ArticleSubmission.page("t"), null, null, null, null, null, null),
                new ArticleSubmission("https://example.com/a", Source.named("X"), null, ArticleSubmission.page("t"),
                        null, null, null, List.of("Ana \ud800"), null, null),
                ArticleSubmission.of("https://example.com/a", Source.named("X"), null, "lone \udc00 surrogate", null,
                        null))) {
            assertThatThrownBy(() -> intake.accept(bad)).as(bad.toString()).isInstanceOf(InvalidArticleException.class);
        }
        ArticleReceived persian = intake.accept(new ArticleSubmission("https://example.com/fa", Source.named(
                "\u0647\u0645\u0634\u0647\u0631\u06cc\u200c\u0622\u0646\u0644\u0627\u06cc\u0646"), null,
                ArticleSubmission.page("t"), "\u200fRTL mark and a \u200d joiner", null, null, null, null, null))
                .article();
        assertThat(persian.source().name()).contains("\u200c");
        assertThat(published).hasSize(1);
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
