package io.newsflow.enrich.pipeline;

/**
 * One independent step of the pipeline. Steps run in order on one {@link ArticleDraft}; a step
 * that throws is recorded in {@code enrichment.errors} and the article still flows.
 */
interface EnrichmentStep {

    /** Short stable name, used in {@code enrichment.errors} and metrics. */
    String name();

    void apply(ArticleDraft draft);
}
