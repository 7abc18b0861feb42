package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heart of the enrich service: a received article in, an enriched article out. Plain Java,
 * no Kafka or Spring, so the Kafka listener and the offline {@code newsflow enrich} command run
 * exactly the same code. Thread-safe: build one per JVM.
 */
public final class EnrichmentPipeline {

    /** Version of the pipeline's output; raise it when a change alters what articles get. */
    public static final String VERSION = "1";

    private static final Logger log = LoggerFactory.getLogger(EnrichmentPipeline.class);

    private final List<EnrichmentStep> steps;
    private final Clock clock;

    EnrichmentPipeline(List<EnrichmentStep> steps, Clock clock) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
    }

    /** The standard pipeline. */
    public static EnrichmentPipeline standard(Clock clock) {
        return new EnrichmentPipeline(List.of(new ExtractionStep(new ArticleExtractor()), new TextStatisticsStep()),
                clock);
    }

    /**
     * Enriches one article. Never fails because one step failed: failed steps are listed in
     * {@code enrichment.errors}.
     *
     * @param revision the article's revision: the broker's timestamp of its raw record
     * @throws UnsupportedArticleException if the record's schema version is unknown here
     */
    public ArticleEnriched enrich(ArticleReceived article, long revision) {
        if (article.schemaVersion() != ArticleReceived.SCHEMA_VERSION) {
            throw new UnsupportedArticleException("Unsupported ArticleReceived schemaVersion "
                    + article.schemaVersion() + " (this service reads " + ArticleReceived.SCHEMA_VERSION + ")");
        }
        long start = System.nanoTime();
        ArticleDraft draft = new ArticleDraft(article);
        List<String> errors = new ArrayList<>();
        for (EnrichmentStep step : steps) {
            try {
                step.apply(draft);
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("Step {} failed for article {}", step.name(), article.id(), e);
                errors.add(step.name());
            }
        }
        long tookMs = (System.nanoTime() - start) / 1_000_000;
        ExtractedArticle page = draft.extracted;
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, article.id(), revision, article.url(),
                draft.canonicalUrl, article.source(), article.receivedAt(), draft.publishedAt, draft.modifiedAt,
                page == null ? null : page.siteName(), page == null ? null : page.description(),
                page == null || page.dateline() == null ? null
                        : new ArticleEnriched.Dateline(page.dateline().text(), page.dateline().place()),
                page == null || page.mainImage() == null ? null
                        : new ArticleEnriched.Image(page.mainImage().url(), page.mainImage().caption()),
                draft.title, draft.authors, draft.section, article.metadata(), draft.body, draft.wordCount,
                new ArticleEnriched.Enrichment(VERSION, clock.instant(), tookMs, errors, draft.flags));
    }
}
