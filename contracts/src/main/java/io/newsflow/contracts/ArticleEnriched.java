package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An article after extraction and enrichment: the value of a {@value Topics#ENRICHED} record,
 * keyed by {@link #id}. Downstream consumers (the publish service, analysts' own consumers)
 * subscribe to it. JSON Schema: {@code schemas/article-enriched.v1.schema.json}.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the article id assigned at ingest
 * @param revision      the revision of the article this was made from: the broker's append time
 *                      (epoch ms) of its {@value Topics#RAW} record, so a larger revision is a
 *                      later post
 * @param url           the URL as posted
 * @param canonicalUrl  canonical URL (posted URL canonicalised, or the page's own canonical link)
 * @param source        who published it
 * @param receivedAt    when the ingest service accepted it
 * @param publishedAt   publication time: the publisher's, else the page's own metadata
 * @param modifiedAt    last modification time, from the page's metadata
 * @param siteName      the publication's name, from the page
 * @param description   the lead or meta description, from the page
 * @param dateline      the dateline the body started with ({@code LONDON (Reuters) -}), removed
 *                      from the body
 * @param mainImage     the lead image and its caption
 * @param title         the headline
 * @param authors       bylines: the publisher's, else the page's
 * @param section       the section: the publisher's, else the page's
 * @param metadata      the publisher's free-form metadata, passed through
 * @param body          the article text, paragraphs separated by a blank line
 * @param wordCount     words in {@link #body}
 * @param enrichment    how and when this record was made
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArticleEnriched(
        int schemaVersion,
        String id,
        long revision,
        String url,
        String canonicalUrl,
        Source source,
        Instant receivedAt,
        Instant publishedAt,
        Instant modifiedAt,
        String siteName,
        String description,
        Dateline dateline,
        Image mainImage,
        String title,
        List<String> authors,
        String section,
        Map<String, String> metadata,
        @JsonInclude(JsonInclude.Include.ALWAYS) String body,
        int wordCount,
        Enrichment enrichment) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    public ArticleEnriched {
        authors = authors == null ? List.of() : List.copyOf(authors);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        body = body == null ? "" : body;
    }

    /**
     * A dateline: the text as written and the place it names (null for agency-only datelines
     * such as {@code (Reuters) -}).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dateline(String text, String place) {
    }

    /** An image: its absolute URL and caption. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String url, String caption) {
    }

    /**
     * Provenance of an enriched record.
     *
     * @param version    version of the enrichment pipeline that made it
     * @param enrichedAt when it was made
     * @param tookMs     how long the pipeline took for this article
     * @param errors     steps that failed for this article (the rest still ran)
     * @param flags      what the steps noticed about the input, e.g. {@code no-article-found},
     *                   {@code listing-page}, {@code truncated-input}, {@code body-from-json-ld}
     */
    public record Enrichment(String version, Instant enrichedAt, long tookMs, List<String> errors,
            List<String> flags) {
        public Enrichment {
            errors = errors == null ? List.of() : List.copyOf(errors);
            flags = flags == null ? List.of() : List.copyOf(flags);
        }
    }
}
