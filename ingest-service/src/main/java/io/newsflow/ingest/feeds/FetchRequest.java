package io.newsflow.ingest.feeds;

import io.newsflow.contracts.Source;

/**
 * A page to fetch and ingest, as a client asks with {@code POST /api/v1/articles:fetch}.
 *
 * @param url    the article's page: absolute http(s), at most 2,048 characters
 * @param source who published it (optional: the page's domain is used when absent)
 */
public record FetchRequest(String url, Source source) {
}
