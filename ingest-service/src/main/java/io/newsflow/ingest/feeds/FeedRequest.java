package io.newsflow.ingest.feeds;

import io.newsflow.contracts.Source;

/**
 * A feed as a client registers it with {@code POST /api/v1/feeds}.
 *
 * @param url      the RSS, Atom or news-sitemap URL: absolute http(s), at most 2,048 characters
 * @param source   who publishes its articles: {@code "Example Times"} or {@code {"name", "domain"}}
 * @param interval how often to poll it, ISO-8601 ({@code PT10M}, the default); 1 minute to 1 day
 */
public record FeedRequest(String url, Source source, String interval) {
}
