package io.newsflow.enrich.pipeline;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The heart of the enrich service: a received article in, an enriched article out. Plain Java,
 * no Kafka or Spring, so the Kafka listener and the offline {@code newsflow enrich} command run
 * exactly the same code. Thread-safe: build one per JVM (the enrichers load their data once).
 *
 * <p>Each step is an independent enricher behind one interface, timed on its own
 * ({@code newsflow.enrich.step} by {@code step}, failures in {@code newsflow.enrich.step.failures}):
 * a step that throws is named in {@code enrichment.errors} and the article flows on with that
 * step's fields empty.
 */
public final class EnrichmentPipeline {

    /** Version of the pipeline's output; raise it when a change alters what articles get. */
    public static final String VERSION = "1";

    private static final Logger log = LoggerFactory.getLogger(EnrichmentPipeline.class);

    private final List<EnrichmentStep> steps;
    private final List<Timer> timers;
    private final List<Counter> failures;
    private final Timer total;
    private final Clock clock;

    EnrichmentPipeline(List<EnrichmentStep> steps, Clock clock, MeterRegistry registry) {
        this.steps = List.copyOf(steps);
        this.clock = clock;
        this.timers = this.steps.stream().map(step -> Timer.builder("newsflow.enrich.step")
                .description("Time one enrichment step takes for one article").tag("step", step.name())
                .register(registry)).toList();
        this.failures = this.steps.stream().map(step -> Counter.builder("newsflow.enrich.step.failures")
                .description("Articles for which a step failed (they still flowed on)").tag("step", step.name())
                .register(registry)).toList();
        this.total = Timer.builder("newsflow.enrich.pipeline").description("Time to enrich one article")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    EnrichmentPipeline(List<EnrichmentStep> steps, Clock clock) {
        this(steps, clock, new SimpleMeterRegistry());
    }

    /** The standard pipeline, timed into its own registry (for offline use). */
    public static EnrichmentPipeline standard(Clock clock) {
        return standard(clock, new SimpleMeterRegistry());
    }

    /** The standard pipeline, with its timings in {@code registry}. Loads every enricher's data. */
    public static EnrichmentPipeline standard(Clock clock, MeterRegistry registry) {
        List<EnrichmentStep> steps = new ArrayList<>();
        steps.add(new ExtractionStep(new ArticleExtractor()));
        steps.add(new TextStatisticsStep());
        steps.addAll(Enrichers.standard());
        return new EnrichmentPipeline(steps, clock, registry);
    }

    /**
     * Enriches one article. Never fails because one step failed: failed steps are listed in
     * {@code enrichment.errors}.
     *
     * @param revision the article's revision (see {@link io.newsflow.contracts.Revisions})
     * @throws UnsupportedArticleException if the record's schema version is unknown here
     */
    public ArticleEnriched enrich(ArticleReceived article, long revision) {
        return enrich(article, revision, false);
    }

    /**
     * Enriches one article, optionally taking posted text as an already clean body: no line
     * cleaning, the body is the text exactly, so offsets in the record point into it.
     *
     * @param textAsIs take {@code article.text()} as the body verbatim (ignored for pages)
     */
    public ArticleEnriched enrich(ArticleReceived article, long revision, boolean textAsIs) {
        if (article.schemaVersion() != ArticleReceived.SCHEMA_VERSION) {
            throw new UnsupportedArticleException("Unsupported ArticleReceived schemaVersion "
                    + article.schemaVersion() + " (this service reads " + ArticleReceived.SCHEMA_VERSION + ")");
        }
        long start = System.nanoTime();
        ArticleDraft draft = new ArticleDraft(article);
        draft.textAsIs = textAsIs && !article.hasHtml();
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            EnrichmentStep step = steps.get(i);
            long stepStart = System.nanoTime();
            try {
                step.apply(draft);
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("Step {} failed for article {}", step.name(), article.id(), e);
                errors.add(step.name());
                failures.get(i).increment();
            }
            timers.get(i).record(System.nanoTime() - stepStart, TimeUnit.NANOSECONDS);
        }
        OutputBounds.apply(draft);
        long tookNanos = System.nanoTime() - start;
        total.record(tookNanos, TimeUnit.NANOSECONDS);
        long tookMs = tookNanos / 1_000_000;
        ExtractedArticle page = draft.extracted;
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, article.id(), revision, article.url(),
                draft.canonicalUrl, article.source(), article.receivedAt(), draft.publishedAt, draft.modifiedAt,
                page == null ? null : page.siteName(), page == null ? null : page.description(),
                page == null || page.dateline() == null ? null
                        : new ArticleEnriched.Dateline(page.dateline().text(), page.dateline().place(),
                                draft.datelineCountryCode),
                page == null || page.mainImage() == null ? null
                        : new ArticleEnriched.Image(page.mainImage().url(), page.mainImage().caption()),
                draft.title, draft.authors, draft.section, article.metadata(), draft.lead, draft.body, draft.wordCount,
                draft.readingTimeMinutes, draft.language, draft.entities, draft.places, draft.countries,
                draft.primaryCountry, draft.location, draft.dates, draft.topics, draft.keywords, draft.sentiment,
                draft.summary, draft.fingerprints,
                new ArticleEnriched.Enrichment(VERSION, clock.instant(), tookMs, errors, draft.flags));
    }
}
