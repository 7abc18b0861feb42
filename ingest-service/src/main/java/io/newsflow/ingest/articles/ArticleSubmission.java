package io.newsflow.ingest.articles;

import io.newsflow.contracts.Source;

/**
 * An article as a client posts it to {@code POST /api/v1/articles}. Everything is checked by
 * {@link ArticleIntake}, which reports every problem at once rather than the first one.
 *
 * @param url         where the article lives; absolute http(s). Optional when posting text
 * @param source      who published it: {@code "Reuters"} or {@code {"name": ..., "domain": ...}}
 * @param html        the whole page (exactly one of html and text)
 * @param text        text a scraper copied off the page
 * @param title       the title, if the client knows it
 * @param publishedAt publication time: ISO-8601 instant, date-time with offset, or date
 */
public record ArticleSubmission(
        String url,
        Source source,
        String html,
        String text,
        String title,
        String publishedAt) {
}
