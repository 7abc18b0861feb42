package io.newsflow.contracts;

/**
 * Default names of the pipeline's topics. Every topic is keyed by article id so that the
 * revisions of one article stay in one partition, in order.
 *
 * <p>Each service declares the topics it owns (ingest: {@link #RAW}; enrich:
 * {@link #ENRICHED} and {@link #RAW_DLT}; publish: {@link #ENRICHED_DLT}); the names can be
 * changed in each service's configuration.
 */
public final class Topics {

    /** {@link ArticleReceived} records, written by the ingest service. */
    public static final String RAW = "news.raw";

    /** {@link ArticleEnriched} records, written by the enrich service. */
    public static final String ENRICHED = "news.enriched";

    /** Records of {@link #RAW} that the enrich service could not process. */
    public static final String RAW_DLT = "news.raw.dlt";

    /** Records of {@link #ENRICHED} that the publish service could not index. */
    public static final String ENRICHED_DLT = "news.enriched.dlt";

    private Topics() {
    }
}
