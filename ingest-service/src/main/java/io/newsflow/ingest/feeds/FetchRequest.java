package io.newsflow.ingest.feeds;

import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.FieldRules;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A page to fetch and ingest, as a client asks with {@code POST /api/v1/articles:fetch}.
 * Checked by {@link Feeds}, with the bounds of the URL and source that every input shares
 * ({@link FieldRules}).
 *
 * @param url    the article's page: absolute http(s), at most 2,048 characters
 * @param source who published it (optional: the page's domain is used when absent)
 */
public record FetchRequest(
        @Schema(description = "The article's page: absolute http(s), a public address", maxLength = FieldRules.MAX_URL,
                format = "uri", example = "https://www.example.com/news/1.html") String url,
        @Schema(ref = FeedRequest.Bounds.SOURCE_SCHEMA) Source source) {
}
