package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * One article matched by one subscription: the value of a record on {@value Topics#ALERTS} (or
 * another alerts topic), keyed by the subscription's id, and the body of a webhook call. Small on
 * purpose: what a person needs to decide whether to open the article. A correction of a matched
 * article is matched again and alerted again with its new revision, so a consumer keeps the alert
 * with the largest {@link #revision} per {@code (subscriptionId, articleId)}; delivery is
 * at-least-once, and that pair and the revision say what is new. JSON Schema:
 * {@code schemas/article-alert.v1.schema.json}.
 *
 * @param schemaVersion    version of this record's shape
 * @param subscriptionId   the subscription that matched
 * @param subscriptionName its name
 * @param articleId        the article
 * @param revision         the article's revision that matched
 * @param title            the headline
 * @param url              the article's canonical URL (else the URL as posted)
 * @param source           who published it
 * @param publishedAt      publication time, when known
 * @param countries        ISO 3166-1 alpha-2 codes of the countries it is about
 * @param highlights       passages where the subscription's words were found (none for a
 *                         subscription of filters only)
 * @param matchedAt        when the match was made
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArticleAlert(
        int schemaVersion,
        String subscriptionId,
        String subscriptionName,
        String articleId,
        long revision,
        String title,
        String url,
        Source source,
        Instant publishedAt,
        List<String> countries,
        List<Highlight> highlights,
        Instant matchedAt) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * A passage of one field with the matched words located in it. Plain text with offsets rather
     * than markup, so a consumer renders it safely however it likes.
     *
     * @param field    {@code title}, {@code lead}, {@code summary} or {@code body}
     * @param fragment the passage, at most a few hundred characters
     * @param matches  where the matched words are in {@link #fragment}, in characters
     */
    public record Highlight(String field, String fragment, List<ArticleEnriched.Span> matches) {
    }
}
