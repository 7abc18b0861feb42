package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An article as a publisher posted it, accepted by the ingest service: the value of a
 * {@value Topics#RAW} record, keyed by {@link #id}.
 *
 * <p>Exactly one of {@link #html} (a whole page) and {@link #text} (text a scraper copied off a
 * page) is set. JSON Schema: {@code schemas/article-received.v1.schema.json}.
 *
 * <p>The record carries no revision: the revision of a post is made from its
 * {@value Topics#RAW} record's broker append time and offset (see {@link Revisions}).
 *
 * @param schemaVersion version of this record's shape; consumers reject versions they don't know
 * @param id            stable article id: the same canonical URL always gives the same id
 * @param url           the URL as posted
 * @param canonicalUrl  the URL the id was derived from (null when none was posted)
 * @param source        who published it
 * @param title         the title the publisher gave, if any
 * @param publishedAt   when the publisher says it was published, if known
 * @param receivedAt    when the ingest service accepted it
 * @param language      the language the publisher declared (ISO 639-1), if any
 * @param authors       the authors the publisher named, if any
 * @param section       the section the publisher filed it under, if any
 * @param metadata      small free-form string map the publisher attached, passed through as is
 * @param html          the page, when a page was posted
 * @param text          the text, when text was posted
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArticleReceived(
        int schemaVersion,
        String id,
        String url,
        String canonicalUrl,
        Source source,
        String title,
        Instant publishedAt,
        Instant receivedAt,
        String language,
        List<String> authors,
        String section,
        Map<String, String> metadata,
        String html,
        String text) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    public ArticleReceived {
        authors = authors == null ? List.of() : List.copyOf(authors);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    }

    /** Whether a whole HTML page was posted (as opposed to plain text). */
    public boolean hasHtml() {
        return html != null;
    }

    /**
     * What in this record, read from a {@value Topics#RAW} record keyed {@code key}, breaks the
     * topic's contract (the schema's required fields and the rules it states in words); empty
     * when it keeps it. Consumers check it before processing, so a record no producer of this
     * contract could have written is dead-lettered with a reason instead of becoming an empty
     * article downstream.
     */
    public List<String> contractViolations(String key) {
        List<String> violations = new ArrayList<>();
        if (schemaVersion != SCHEMA_VERSION) {
            violations.add("schemaVersion " + schemaVersion + " is not one this consumer reads (" + SCHEMA_VERSION + ")");
        }
        Contracts.checkId(id, key, violations);
        Contracts.checkSource(source, violations);
        if (receivedAt == null) {
            violations.add("receivedAt is missing");
        }
        if ((html == null) == (text == null)) {
            violations.add(html == null ? "neither html nor text is present" : "both html and text are present");
        }
        return violations;
    }
}
