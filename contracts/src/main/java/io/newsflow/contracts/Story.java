package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;

/**
 * A story: the articles about one event, grouped as they arrive. The value of a
 * {@value Topics#STORIES} record, keyed by {@link #id}, written each time the story changes (the
 * topic is compacted: the latest state of every story); the same document is in the
 * {@code news-stories} index. JSON Schema: {@code schemas/story.v1.schema.json}.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the story's id: assigned when its first article arrived, never changed
 * @param label         its most representative headline (of the article most like the whole story)
 * @param labelArticleId the article whose headline the label is
 * @param firstSeen     the earliest publication (else reception) time among its articles
 * @param lastSeen      the latest
 * @param articleCount  how many articles it has, copies included
 * @param sources       who published them, most articles first
 * @param entities      the people, organisations, places and other names most mentioned across them
 * @param countries     the countries they are about, most articles first
 * @param topics        their IPTC Media Topics, most articles first
 * @param tone          the mean tone of its articles that have one, -1 to 1
 * @param mergedInto    set when this story turned out to be the same as another, older one: the id
 *                      that stays; this one takes no more articles
 * @param updatedAt     when this version was made
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Story(
        int schemaVersion,
        String id,
        String label,
        String labelArticleId,
        Instant firstSeen,
        Instant lastSeen,
        int articleCount,
        List<Count> sources,
        List<Count> entities,
        List<Count> countries,
        List<Count> topics,
        Double tone,
        String mergedInto,
        Instant updatedAt) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /** A value and how many of the story's articles have it. */
    public record Count(String value, int count) {
    }
}
