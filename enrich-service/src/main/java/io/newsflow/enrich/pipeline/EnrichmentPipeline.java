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
 * <p>It reads the article ({@link Extraction}: an immutable {@link Reading}), segments and counts
 * its body once ({@link Text}), then runs the independent enrichers, each making one immutable part
 * from those before it ({@link Findings}), and finally assembles the record from the parts. Each
 * step is timed on its own ({@code newsflow.enrich.step} by {@code step}, failures in
 * {@code newsflow.enrich.step.failures}): one that throws is named in {@code enrichment.errors}
 * and the article flows on without its part.
 */
public final class EnrichmentPipeline {

    /** Version of the pipeline's output; raise it when a change alters what articles get. */
    public static final String VERSION = "1";

    private static final Logger log = LoggerFactory.getLogger(EnrichmentPipeline.class);

    private final Extraction extraction;
    private final List<Enricher> enrichers;
    private final Timer extractionTimer;
    private final Timer statisticsTimer;
    private final List<Timer> timers;
    private final Counter extractionFailures;
    private final List<Counter> failures;
    private final Timer total;
    private final Clock clock;

    EnrichmentPipeline(Extraction extraction, List<Enricher> enrichers, Clock clock, MeterRegistry registry) {
        this.extraction = extraction;
        this.enrichers = List.copyOf(enrichers);
        this.clock = clock;
        this.extractionTimer = stepTimer(registry, "extraction");
        this.statisticsTimer = stepTimer(registry, "statistics");
        this.timers = this.enrichers.stream().map(enricher -> stepTimer(registry, enricher.name())).toList();
        this.extractionFailures = failureCounter(registry, "extraction");
        this.failures = this.enrichers.stream().map(enricher -> failureCounter(registry, enricher.name())).toList();
        this.total = Timer.builder("newsflow.enrich.pipeline").description("Time to enrich one article")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    EnrichmentPipeline(Extraction extraction, List<Enricher> enrichers, Clock clock) {
        this(extraction, enrichers, clock, new SimpleMeterRegistry());
    }

    private static Timer stepTimer(MeterRegistry registry, String step) {
        return Timer.builder("newsflow.enrich.step").description("Time one enrichment step takes for one article")
                .tag("step", step).register(registry);
    }

    private static Counter failureCounter(MeterRegistry registry, String step) {
        return Counter.builder("newsflow.enrich.step.failures")
                .description("Articles for which a step failed (they still flowed on)").tag("step", step)
                .register(registry);
    }

    /** The standard pipeline, timed into its own registry (for offline use). */
    public static EnrichmentPipeline standard(Clock clock) {
        return standard(clock, new SimpleMeterRegistry());
    }

    /** The standard pipeline, with its timings in {@code registry}. Loads every enricher's data. */
    public static EnrichmentPipeline standard(Clock clock, MeterRegistry registry) {
        return new EnrichmentPipeline(new Extraction(new ArticleExtractor()), Enrichers.standard(), clock, registry);
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
        List<String> errors = new ArrayList<>();
        Reading reading;
        long stepStart = System.nanoTime();
        try {
            reading = extraction.read(article, textAsIs);
        } catch (RuntimeException | StackOverflowError e) {
            log.warn("Step extraction failed for article {}", article.id(), e);
            errors.add("extraction");
            extractionFailures.increment();
            reading = Reading.asPosted(article, "");
        }
        extractionTimer.record(System.nanoTime() - stepStart, TimeUnit.NANOSECONDS);
        stepStart = System.nanoTime();
        Text text = TextStatistics.of(reading.body());
        statisticsTimer.record(System.nanoTime() - stepStart, TimeUnit.NANOSECONDS);
        Findings findings = Findings.NONE;
        for (int i = 0; i < enrichers.size(); i++) {
            Enricher enricher = enrichers.get(i);
            stepStart = System.nanoTime();
            try {
                findings = findings.with(enricher.find(reading, text, findings));
            } catch (RuntimeException | StackOverflowError e) {
                log.warn("Step {} failed for article {}", enricher.name(), article.id(), e);
                errors.add(enricher.name());
                failures.get(i).increment();
            }
            timers.get(i).record(System.nanoTime() - stepStart, TimeUnit.NANOSECONDS);
        }
        long tookNanos = System.nanoTime() - start;
        total.record(tookNanos, TimeUnit.NANOSECONDS);
        return assemble(article, revision, reading, text, findings, errors, tookNanos / 1_000_000);
    }

    /** The record, from the article as read and the parts found; each list within its bounds. */
    private ArticleEnriched assemble(ArticleReceived article, long revision, Reading reading, Text text,
            Findings findings, List<String> errors, long tookMs) {
        var language = findings.get(Parts.Language.class);
        var entities = findings.get(Parts.Entities.class);
        var quotes = findings.get(Parts.Quotes.class);
        var places = findings.get(Parts.Places.class);
        var dates = findings.get(Parts.Dates.class);
        var topics = findings.get(Parts.Topics.class);
        var keywords = findings.get(Parts.Keywords.class);
        var sentiment = findings.get(Parts.Sentiment.class);
        var summary = findings.get(Parts.Summary.class);
        var fingerprints = findings.get(Parts.Fingerprints.class);
        OutputBounds bounds = new OutputBounds();
        List<ArticleEnriched.Entity> boundedEntities = entities == null ? List.of() : bounds.entities(entities.all());
        List<ArticleEnriched.Place> boundedPlaces = places == null ? List.of() : bounds.places(places.places());
        List<ArticleEnriched.DateMention> boundedDates = dates == null ? List.of() : bounds.dates(dates.mentions());
        List<ArticleEnriched.Quote> boundedQuotes = quotes == null ? List.of() : bounds.quotes(quotes.quotes());
        List<String> flags = new ArrayList<>(reading.flags());
        if (bounds.cut()) {
            flags.add(OutputBounds.FLAG);
        }
        if (text.analysedInPart()) {
            flags.add(TextStatistics.PARTIAL_FLAG);
        }
        ExtractedArticle page = reading.page();
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, article.id(), revision, article.url(),
                reading.canonicalUrl(), article.source(), article.receivedAt(), reading.publishedAt(),
                reading.modifiedAt(), page == null ? null : page.siteName(), page == null ? null : page.description(),
                page == null || page.dateline() == null ? null
                        : new ArticleEnriched.Dateline(page.dateline().text(), page.dateline().place(),
                                places == null ? null : places.datelineCountryCode()),
                page == null || page.mainImage() == null ? null
                        : new ArticleEnriched.Image(page.mainImage().url(), page.mainImage().caption()),
                reading.title(), reading.authors(), reading.section(), article.metadata(), text.lead(), reading.body(),
                text.wordCount(), text.readingTimeMinutes(), language == null ? null : language.value(),
                boundedEntities, boundedQuotes, boundedPlaces, places == null ? null : places.countries(),
                places == null ? null : places.primaryCountry(), places == null ? null : places.location(),
                boundedDates, topics == null ? null : topics.topics(), keywords == null ? null : keywords.keywords(),
                sentiment == null ? null : sentiment.value(), summary == null ? null : summary.text(),
                fingerprints == null ? null : fingerprints.value(), null, null,
                new ArticleEnriched.Enrichment(VERSION, clock.instant(), tookMs, errors, flags));
    }
}
