package io.newsflow.ingest.intake;

import io.newsflow.contracts.Source;
import io.newsflow.ingest.page.PageText;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * An article as a client posts it to {@code POST /api/v1/articles}. Everything is checked by
 * {@link ArticleIntake}, which reports every problem at once rather than the first one, against
 * the {@link Bounds} declared here.
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
        @Schema(description = "Absolute http(s) URL of the article; required with html. The article's id is made "
                + "from its canonical form", maxLength = Bounds.URL, format = "uri",
                example = "https://example.com/news/1") String url,
        @Schema(ref = Bounds.SOURCE_SCHEMA) Source source,
        @Schema(type = "string", implementation = String.class, description = "The whole page (exactly one of html "
                + "and text); at most the per-article size limit (5 MB by default), no NUL") PageText html,
        @Schema(type = "string", implementation = String.class, description = "Text a scraper copied off the page "
                + "(exactly one of html and text)", example = "The harbour reopened on Tuesday.") PageText text,
        @Schema(description = "The title, if the client knows it", maxLength = Bounds.TITLE) String title,
        @Schema(description = "ISO-8601 instant, date-time with offset, or date; from " + Bounds.EARLIEST_PUBLISHED
                + " to a day after it is received", maxLength = Bounds.PUBLISHED_AT, example = "2024-05-01T10:00:00Z")
        String publishedAt,
        @Schema(description = "ISO 639-1 code, optionally with subtags", maxLength = Bounds.LANGUAGE,
                pattern = Bounds.LANGUAGE_PATTERN, example = "pt-BR") String language,
        @ArraySchema(maxItems = Bounds.AUTHORS, arraySchema = @Schema(description = "The authors, if the client "
                + "knows them"), schema = @Schema(maxLength = Bounds.AUTHOR, example = "Ana Silva"))
        List<String> authors,
        @Schema(description = "The section, if the client knows it", maxLength = Bounds.SECTION) String section,
        @Schema(description = "Fields of the client's own, passed through to consumers (stored, not indexed); keys "
                + "at most " + Bounds.METADATA_KEY + " characters, values at most " + Bounds.METADATA_VALUE,
                maxProperties = Bounds.METADATA_ENTRIES) Map<String, String> metadata) {

    /**
     * The bounds of a submission's fields, declared once: {@link ArticleIntake} checks them and
     * the OpenAPI schema above shows them (the README's "Input limits" lists them too). A value
     * over a bound is refused (422, naming the field), never cut. The same bounds hold for a raw
     * page's query parameters and each line of a batch.
     */
    public static final class Bounds {

        /** See {@link FieldRules#MAX_URL} for why 2,048. */
        public static final int URL = FieldRules.MAX_URL;
        /** The OpenAPI schema of a source as posted (string or object), made in {@code ApiDocumentation}. */
        public static final String SOURCE_SCHEMA = "#/components/schemas/SourceInput";
        /**
         * The limits of title, authors, section and metadata are the ones the API always had (a
         * scraper's byline or section can be long and messy: refusing it refuses the article).
         */
        public static final int TITLE = 1024;
        /** The longest ISO-8601 form with nanoseconds and an offset is 35 characters. */
        public static final int PUBLISHED_AT = 64;
        /** Before this a date is a typo (a year 0024), not an article; archives reach back to the 1800s. */
        public static final String EARLIEST_PUBLISHED = "1800-01-01T00:00:00Z";
        /** A day ahead: time zones (a date is midnight UTC) and clocks that run a little fast. */
        public static final java.time.Duration LATEST_PUBLISHED_AHEAD = java.time.Duration.ofDays(1);
        /** RFC 5646 asks implementations to hold tags of at least 35 characters. */
        public static final int LANGUAGE = 35;
        public static final String LANGUAGE_PATTERN = "^[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8})*$";
        public static final int AUTHORS = 50;
        public static final int AUTHOR = 1024;
        public static final int SECTION = 1024;
        public static final int METADATA_ENTRIES = 32;
        public static final int METADATA_KEY = 64;
        public static final int METADATA_VALUE = 1024;

        private Bounds() {
        }
    }

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
