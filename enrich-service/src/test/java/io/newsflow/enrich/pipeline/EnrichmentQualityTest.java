package io.newsflow.enrich.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What analysts notice, end to end through the whole pipeline, on short news texts written for
 * these tests: one person however it is spelled, the country an article is about, its language,
 * topic and tone, dates resolved against publication.
 */
class EnrichmentQualityTest {

    private static EnrichmentPipeline pipeline;

    @BeforeAll
    static void load() {
        pipeline = EnrichmentPipeline.standard(Clock.fixed(Instant.parse("2024-03-07T12:00:00Z"), ZoneOffset.UTC));
    }

    private static ArticleEnriched enrich(String title, String text) {
        return pipeline.enrich(new ArticleReceived(ArticleReceived.SCHEMA_VERSION, "0123456789abcdef0123456789abcdef",
                null, null, Source.named("Test Wire"), title, Instant.parse("2024-03-07T10:00:00Z"),
                Instant.parse("2024-03-07T10:05:00Z"), null, null, null, null, null, text), 1L, true);
    }

    private static Optional<ArticleEnriched.Entity> entity(ArticleEnriched article, String canonicalName) {
        return article.entities().stream().filter(e -> e.canonicalName().equals(canonicalName)).findFirst();
    }

    @Test
    void aWarReportFromKyiv() {
        ArticleEnriched article = enrich("Zelensky urges allies to speed up air defence deliveries", """
                KYIV, Ukraine (Test Wire) - Ukrainian President Volodymyr Zelenskyy urged Western allies on \
                Wednesday to speed up deliveries of air defence systems after a Russian missile strike killed \
                at least 12 people in the southern city of Odesa.

                Zelensky said the attack had destroyed several apartment buildings. The United Nations \
                condemned the strike, and the UN human rights office said civilians were among the dead.

                U.S. officials said Washington would announce a new aid package in April. Russia's defence \
                ministry said it had hit military targets.""");

        assertThat(article.language().code()).isEqualTo("en");
        assertThat(entity(article, "Volodymyr Zelenskyy")).hasValueSatisfying(person -> {
            assertThat(person.type()).isEqualTo("PERSON");
            assertThat(person.id()).isEqualTo("person/volodymyr-zelenskyy");
            assertThat(person.mentions()).as("Zelenskyy and Zelensky are one person").isEqualTo(2);
        });
        assertThat(entity(article, "United Nations")).hasValueSatisfying(un -> {
            assertThat(un.type()).isEqualTo("ORGANIZATION");
            assertThat(un.mentions()).as("United Nations and UN").isEqualTo(2);
        });
        assertThat(article.countries()).contains("UA", "RU", "US");
        assertThat(article.primaryCountry()).as("the dateline's country").isEqualTo("UA");
        assertThat(article.dateline()).isNull(); // as-is text: no extraction, the dateline stays in the body
        assertThat(article.places()).extracting(ArticleEnriched.Place::name).contains("Odesa");
        assertThat(article.location()).isNotNull();
        assertThat(article.topics()).extracting(ArticleEnriched.Topic::label).contains("conflict, war and peace");
        assertThat(article.sentiment().label()).isEqualTo("negative");
        assertThat(article.dates()).extracting(ArticleEnriched.DateMention::value)
                .contains("2024-03-06", "2024-04");
        assertThat(article.keywords()).isNotEmpty();
        assertThat(article.summary()).isNotBlank();
        assertThat(article.fingerprints().simhash()).hasSize(16);
        assertThat(article.enrichment().errors()).isEmpty();
        for (ArticleEnriched.Entity entity : article.entities()) {
            for (ArticleEnriched.Span span : entity.offsets()) {
                assertThat(article.body().substring(span.start(), span.end())).as("offsets point into the body")
                        .isNotBlank();
            }
        }
    }

    @Test
    void georgiaTheStateInAStoryAboutAtlanta() {
        ArticleEnriched article = enrich("Atlanta approves transit expansion", """
                ATLANTA (Test Wire) - The Atlanta City Council on Monday approved a $2.7 billion expansion of \
                the city's rail network, the largest transit investment in Georgia's history.

                Mayor Andre Dickens said construction would begin next year and create thousands of jobs \
                across the state. Business leaders in Savannah and Augusta welcomed the decision.""");

        assertThat(article.primaryCountry()).isEqualTo("US");
        assertThat(article.countries()).doesNotContain("GE");
        assertThat(article.topics()).isNotEmpty();
    }

    @Test
    void aGermanEconomyReport() {
        ArticleEnriched article = enrich("Bundesbank senkt Wachstumsprognose", """
                Die Deutsche Bundesbank hat ihre Prognose für das Wirtschaftswachstum in diesem Jahr deutlich \
                gesenkt. Die Inflation bleibe hoch, und die Unternehmen investierten weniger, teilte die \
                Notenbank am Freitag in Frankfurt mit. Für das kommende Jahr erwarten die Ökonomen eine \
                leichte Erholung der Konjunktur.""");

        assertThat(article.language().code()).isEqualTo("de");
        assertThat(article.topics()).extracting(ArticleEnriched.Topic::label).first()
                .isEqualTo("economy, business and finance");
        assertThat(article.countries()).contains("DE");
        assertThat(article.sentiment()).as("no German lexicon: no tone rather than a wrong one").isNull();
    }

    @Test
    void anEmptyBodyGetsNoEnrichmentsAndNoErrors() {
        ArticleEnriched article = enrich(null, "   ");
        assertThat(article.entities()).isEmpty();
        assertThat(article.countries()).isEmpty();
        assertThat(article.fingerprints()).isNull();
        assertThat(article.enrichment().errors()).isEmpty();
        List<String> none = List.of();
        assertThat(article.keywords()).isEqualTo(none);
    }
}
