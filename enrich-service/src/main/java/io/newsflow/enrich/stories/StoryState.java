package io.newsflow.enrich.stories;

import io.newsflow.contracts.Story;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A story as the clustering keeps it: what {@link Story} says plus what joining and merging need
 * (the centroid of its articles' vectors, the ids of its articles and of the stories it absorbed,
 * so that adding the same article or merging the same story twice changes nothing), and the
 * version it was read at, so that a write can tell whether someone else changed it meanwhile.
 * Mutable; one instance per story per poll.
 */
final class StoryState {

    /**
     * The latest articles' ids, kept so that a redelivered poll adds nothing twice; the story's
     * articles are found by {@code story.id} in the articles index, not here.
     */
    static final int MAX_ARTICLE_IDS = 100;
    /** Centroid dimensions kept: the heaviest. */
    static final int CENTROID_SIZE = 60;

    final String id;
    String label;
    String labelArticleId;
    double labelScore = -1;
    long firstSeen = Long.MAX_VALUE;
    long lastSeen = Long.MIN_VALUE;
    int articleCount;
    final Set<String> articleIds = new LinkedHashSet<>();
    final Set<String> mergedIds = new LinkedHashSet<>();
    Map<String, Double> centroid = new LinkedHashMap<>();
    final Map<String, Integer> sources = new LinkedHashMap<>();
    final Map<String, Integer> entities = new LinkedHashMap<>();
    final Map<String, Integer> countries = new LinkedHashMap<>();
    final Map<String, Integer> topics = new LinkedHashMap<>();
    double toneSum;
    int toneCount;
    String mergedInto;
    /** Where the stored copy was when read; null for a story not stored yet. */
    Long seqNo;
    Long primaryTerm;

    StoryState(String id) {
        this.id = id;
    }

    boolean live() {
        return mergedInto == null;
    }

    boolean isWithin(long at, long windowMillis) {
        return articleCount == 0 || at >= firstSeen - windowMillis && at <= lastSeen + windowMillis;
    }

    /** Adds an article; false (and no change) when it is in the story already. */
    boolean add(ArticleFeatures article) {
        if (articleIds.contains(article.id())) {
            return false;
        }
        remember(article.id());
        articleCount++;
        firstSeen = Math.min(firstSeen, article.at());
        lastSeen = Math.max(lastSeen, article.at());
        article.vector().forEach((k, v) -> centroid.merge(k, v, Double::sum));
        trimCentroid();
        count(sources, article.source());
        article.names().forEach(n -> count(entities, n));
        article.countries().forEach(c -> count(countries, c));
        article.topics().forEach(t -> count(topics, t));
        if (article.tone() != null) {
            toneSum += article.tone();
            toneCount++;
        }
        double score = article.similarity(centroid);
        if (article.title() != null && !article.title().isBlank() && (label == null || score > labelScore)) {
            label = article.title();
            labelArticleId = article.id();
            labelScore = score;
        }
        return true;
    }

    private void remember(String articleId) {
        articleIds.add(articleId);
        if (articleIds.size() > MAX_ARTICLE_IDS) {
            articleIds.remove(articleIds.iterator().next());
        }
    }

    /** Takes {@code other}'s articles in and marks it merged into this one; nothing when done before. */
    void absorb(StoryState other) {
        other.mergedInto = id;
        if (!mergedIds.add(other.id)) {
            return;
        }
        other.articleIds.forEach(this::remember);
        articleCount += other.articleCount;
        firstSeen = Math.min(firstSeen, other.firstSeen);
        lastSeen = Math.max(lastSeen, other.lastSeen);
        other.centroid.forEach((k, v) -> centroid.merge(k, v, Double::sum));
        trimCentroid();
        other.sources.forEach((k, v) -> sources.merge(k, v, Integer::sum));
        other.entities.forEach((k, v) -> entities.merge(k, v, Integer::sum));
        other.countries.forEach((k, v) -> countries.merge(k, v, Integer::sum));
        other.topics.forEach((k, v) -> topics.merge(k, v, Integer::sum));
        toneSum += other.toneSum;
        toneCount += other.toneCount;
    }

    /** A copy with what deciding needs (times, centroid, version), for the instance's cache of recent stories. */
    StoryState light() {
        StoryState copy = new StoryState(id);
        copy.firstSeen = firstSeen;
        copy.lastSeen = lastSeen;
        copy.articleCount = articleCount;
        copy.centroid = new LinkedHashMap<>(centroid);
        copy.mergedInto = mergedInto;
        copy.seqNo = seqNo;
        copy.primaryTerm = primaryTerm;
        return copy;
    }

    /** The features stories are looked up by: the centroid's dimensions. */
    List<String> features() {
        return List.copyOf(centroid.keySet());
    }

    Story toEvent(Instant now) {
        boolean empty = articleCount == 0; // a story gone from the store while merged: only its id is known
        return new Story(Story.SCHEMA_VERSION, id, label, labelArticleId, empty ? now : Instant.ofEpochMilli(firstSeen),
                empty ? now : Instant.ofEpochMilli(lastSeen), Math.max(1, articleCount), top(sources, 10), top(entities, 10), top(countries, 10),
                top(topics, 5), toneCount == 0 ? null : Math.round(toneSum / toneCount * 1000) / 1000.0, mergedInto, now);
    }

    private void trimCentroid() {
        if (centroid.size() > CENTROID_SIZE) {
            Map<String, Double> kept = new LinkedHashMap<>();
            centroid.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                    .limit(CENTROID_SIZE).forEach(e -> kept.put(e.getKey(), e.getValue()));
            centroid = kept;
        }
    }

    /** Counts kept per kind: a long-running story does not grow without bound. */
    static final int MAX_COUNTED = 100;

    private static void count(Map<String, Integer> counts, String value) {
        if (value != null && !value.isBlank()) {
            counts.merge(value, 1, Integer::sum);
            if (counts.size() > MAX_COUNTED) {
                Map<String, Integer> kept = new LinkedHashMap<>();
                counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                        .limit(MAX_COUNTED / 2).forEach(e -> kept.put(e.getKey(), e.getValue()));
                counts.clear();
                counts.putAll(kept);
            }
        }
    }

    static List<Story.Count> top(Map<String, Integer> counts, int limit) {
        List<Story.Count> top = new ArrayList<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()
                        .thenComparing(Map.Entry.comparingByKey())).limit(limit)
                .forEach(e -> top.add(new Story.Count(e.getKey(), e.getValue())));
        return top;
    }

    static final Comparator<StoryState> OLDEST_FIRST = Comparator.<StoryState>comparingLong(s -> s.firstSeen)
            .thenComparing(s -> s.id);
}
