package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * An article after extraction and enrichment: the value of a {@value Topics#ENRICHED} record,
 * keyed by {@link #id}. Downstream consumers (the publish service, analysts' own consumers)
 * subscribe to it. JSON Schema: {@code schemas/article-enriched.v1.schema.json}.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the article id assigned at ingest
 * @param revision      the revision of the article this was made from
 * @param url           the URL as posted
 * @param canonicalUrl  canonical URL (posted URL canonicalised, or the page's own canonical link)
 * @param source        who published it
 * @param receivedAt    when the ingest service accepted it
 * @param publishedAt   publication time: the publisher's, else the page's own metadata
 * @param title         the headline
 * @param body          the article text, paragraphs separated by a blank line
 * @param wordCount     words in {@link #body}
 * @param enrichment    how and when this record was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleEnriched(
        int schemaVersion,
        String id,
        long revision,
        String url,
        String canonicalUrl,
        Source source,
        Instant receivedAt,
        Instant publishedAt,
        String title,
        String body,
        int wordCount,
        Enrichment enrichment) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Provenance of an enriched record.
     *
     * @param version    version of the enrichment pipeline that made it
     * @param enrichedAt when it was made
     * @param tookMs     how long the pipeline took for this article
     * @param errors     steps that failed for this article (the rest still ran)
     */
    public record Enrichment(String version, Instant enrichedAt, long tookMs, List<String> errors) {
        public Enrichment {
            errors = errors == null ? List.of() : List.copyOf(errors);
        }
    }
}
