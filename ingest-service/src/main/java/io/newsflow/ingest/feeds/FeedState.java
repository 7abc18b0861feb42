package io.newsflow.ingest.feeds;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the polling of one feed stands: what the conditional GET needs, when the next poll is
 * due, the feed's health, and the items already taken (so each item's page is fetched once). On
 * the feeds topic under {@code <id>/state} in the feed's partition: whichever instance owns that
 * partition next reads it and goes on from there, so a feed is neither polled twice in one
 * interval nor skipped when an instance dies.
 *
 * @param schemaVersion   version of this record's shape
 * @param id              the feed's id
 * @param etag            the last answer's ETag (for If-None-Match)
 * @param lastModified    the last answer's Last-Modified (for If-Modified-Since)
 * @param lastPolledAt    when it was last polled
 * @param lastChangedAt   when a poll last found new items
 * @param nextPollAt      when the next poll is due
 * @param failures        polls failed in a row (0 after a success); the interval doubles with each
 * @param lastError       what the last failed poll met, in one sentence (null once one succeeds)
 * @param lastStatus      the HTTP status of the last poll's answer, if any
 * @param itemsSeen       items found in the feed over its life
 * @param itemsIngested   item pages fetched and accepted (a 202's worth)
 * @param itemsFailed     item pages that could not be fetched or were refused, for good
 * @param unchangedPolls  polls in a row that found nothing new; the interval stretches with them
 * @param seen            the keys of the latest items taken, newest last (bounded)
 * @param updatedAt       when this state was written
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedState(int schemaVersion, String id, String etag, String lastModified, Instant lastPolledAt,
        Instant lastChangedAt, Instant nextPollAt, int failures, String lastError, Integer lastStatus, long itemsSeen,
        long itemsIngested, long itemsFailed, int unchangedPolls, List<String> seen, Instant updatedAt) {

    public static final int SCHEMA_VERSION = 1;

    /** A feed never polled: due at once. */
    static FeedState initial(String id) {
        return new FeedState(SCHEMA_VERSION, id, null, null, null, null, null, 0, null, null, 0, 0, 0, 0, List.of(),
                null);
    }

    Set<String> seenSet() {
        return seen == null ? Set.of() : new LinkedHashSet<>(seen);
    }

    /** {@code seen} plus {@code more}, keeping the newest {@code limit}. */
    static List<String> remember(List<String> seen, List<String> more, int limit) {
        Deque<String> all = new ArrayDeque<>(seen == null ? List.of() : seen);
        Set<String> present = new LinkedHashSet<>(all);
        for (String key : more) {
            if (present.add(key)) {
                all.addLast(key);
            }
        }
        while (all.size() > limit) {
            all.removeFirst();
        }
        return new ArrayList<>(all);
    }
}
