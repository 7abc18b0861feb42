package io.newsflow.ingest.intake;

import io.newsflow.contracts.Source;
import io.newsflow.ingest.page.PageText;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

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
 * @param language    the article's language as an ISO 639-1 code, if the client knows it
 * @param authors     the authors, if the client knows them
 * @param section     the section, if the client knows it
 * @param metadata    a small map of the client's own string fields, passed through to consumers
 */
public record ArticleSubmission(
        String url,
        Source source,
        @Schema(type = "string", implementation = String.class) PageText html,
        @Schema(type = "string", implementation = String.class) PageText text,
        String title,
        String publishedAt,
        String language,
        List<String> authors,
        String section,
        Map<String, String> metadata) {

    /** A submission with only the fields the first API version had. */
    public static ArticleSubmission of(String url, Source source, String html, String text, String title,
            String publishedAt) {
        return new ArticleSubmission(url, source, page(html), page(text), title, publishedAt, null, null, null, null);
    }

    /** The same submission carrying {@code page} as its html (or else its text). */
    ArticleSubmission withPage(boolean asHtml, PageText page) {
        return new ArticleSubmission(url, source, asHtml ? page : html, asHtml ? text : page, title, publishedAt,
                language, authors, section, metadata);
    }

    /** The page or text as a submission carries it; null stays null. */
    static PageText page(String content) {
        return content == null ? null : PageText.of(content);
    }
}
