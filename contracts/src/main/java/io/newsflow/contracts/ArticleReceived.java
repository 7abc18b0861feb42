package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An article as a publisher posted it, accepted by the ingest service: the value of a
 * {@value Topics#RAW} record, keyed by {@link #id}.
 *
 * <p>Exactly one of {@link #html} (a whole page) and {@link #text} (text a scraper copied off a
 * page) is set. JSON Schema: {@code schemas/article-received.v1.schema.json}.
 *
 * @param schemaVersion version of this record's shape; consumers reject versions they don't know
 * @param id            stable article id: the same canonical URL always gives the same id
 * @param revision      orders the versions of one article; a larger revision is newer
 * @param url           the URL as posted
 * @param canonicalUrl  the URL the id was derived from (null when none was posted)
 * @param source        who published it
 * @param title         the title the publisher gave, if any
 * @param publishedAt   when the publisher says it was published, if known
 * @param receivedAt    when the ingest service accepted it
 * @param html          the page, when a page was posted
 * @param text          the text, when text was posted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ArticleReceived(
        int schemaVersion,
        String id,
        long revision,
        String url,
        String canonicalUrl,
        Source source,
        String title,
        Instant publishedAt,
        Instant receivedAt,
        String html,
        String text) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /** Whether a whole HTML page was posted (as opposed to plain text). */
    public boolean hasHtml() {
        return html != null;
    }
}
