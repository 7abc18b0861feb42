package io.newsflow.ingest.feeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsflow.contracts.Source;
import java.time.Duration;
import java.time.Instant;

/**
 * A registered feed: what {@code POST /api/v1/feeds} stores on the feeds topic, keyed by its id.
 * Written only by the API (any instance); its polling state is a separate record
 * ({@link FeedState}), written only by the instance that polls it, so the two writers never
 * overwrite each other.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the feed's id: made from its canonical URL, so registering a URL twice
 *                      updates one feed
 * @param url           the RSS, Atom or news-sitemap URL
 * @param source        who publishes the feed's articles
 * @param interval      how often it is polled, ISO-8601 ({@code PT10M})
 * @param owner         the API key that registered it
 * @param createdAt     when it was first registered
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Feed(int schemaVersion, String id, String url, Source source, String interval, String owner,
        Instant createdAt) {

    public static final int SCHEMA_VERSION = 1;

    Duration every() {
        return Duration.parse(interval);
    }

    boolean isReadable(String key) {
        if (schemaVersion != SCHEMA_VERSION || id == null || !id.equals(key) || url == null || interval == null) {
            return false;
        }
        try {
            return !every().isNegative() && !every().isZero();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
