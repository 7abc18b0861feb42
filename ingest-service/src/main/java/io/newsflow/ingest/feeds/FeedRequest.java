package io.newsflow.ingest.feeds;

import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.FieldRules;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A feed as a client registers it with {@code POST /api/v1/feeds}. Checked by {@link Feeds}
 * against the {@link Bounds} declared here, which the OpenAPI schema shows too.
 *
 * @param url      the RSS, Atom or news-sitemap URL: absolute http(s), at most 2,048 characters
 * @param source   who publishes its articles: {@code "Example Times"} or {@code {"name", "domain"}}
 * @param interval how often to poll it, ISO-8601 ({@code PT10M}, the default); 1 minute to 1 day
 */
public record FeedRequest(
        @Schema(description = "The RSS, Atom or (news) sitemap URL: absolute http(s), a public address",
                maxLength = Bounds.URL, format = "uri", example = "https://www.example.com/rss.xml") String url,
        @Schema(ref = Bounds.SOURCE_SCHEMA) Source source,
        @Schema(description = "How often to poll it, an ISO-8601 duration; PT10M when absent. The accepted range "
                + "is configured (newsflow.ingest.feeds.min-interval and max-interval: 1 minute to 1 day by default)",
                maxLength = Bounds.INTERVAL, pattern = Bounds.INTERVAL_PATTERN, example = "PT10M") String interval) {

    /** The bounds of a registration's fields: {@link Feeds} checks them, the OpenAPI schema shows them. */
    public static final class Bounds {

        public static final int URL = FieldRules.MAX_URL;
        public static final String SOURCE_SCHEMA = "#/components/schemas/SourceInput";
        /** {@code P1D}, {@code PT10M}, {@code PT1H30M}: a duration is short; a longer one is a mistake. */
        public static final int INTERVAL = 32;
        /** An ISO-8601 duration as {@link java.time.Duration#parse} reads it (days and time parts). */
        public static final String INTERVAL_PATTERN =
                "^[-+]?[Pp](\\d+[Dd])?([Tt](\\d+[Hh])?(\\d+[Mm])?(\\d+([.,]\\d{0,9})?[Ss])?)?$";

        private Bounds() {
        }
    }
}
