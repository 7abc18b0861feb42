package io.newsflow.tools.audit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The audit's bookkeeping, in plain Java: what was accepted, what became of it, and the verdict
 * for each article. Every article whose posts are on {@code news.raw} must end in exactly one of:
 *
 * <ol>
 *   <li><b>in flight</b> at enrich: its latest post is at or past the enrich group's committed
 *       offset (not processed yet);</li>
 *   <li><b>dead-lettered</b> at enrich: its latest post is in {@code news.raw.dlt} (found by its
 *       original partition and offset), with that dead letter's reason;</li>
 *   <li><b>indexed</b>: the index holds its document (at the latest revision, or at an earlier
 *       one when later posts were unchanged re-posts);</li>
 *   <li><b>dead-lettered</b> at publish: its id is in {@code news.enriched.dlt};</li>
 *   <li><b>in flight</b> at publish: its enriched record is past the publish group's committed
 *       offset;</li>
 *   <li>otherwise <b>missing</b>: accepted, and nowhere. This must be 0.</li>
 * </ol>
 */
public final class Ledger {

    /** The latest post of an article in the audited stretch of {@code news.raw}. */
    public record Post(String id, int partition, long offset, long revision) {
    }

    private final Map<String, Post> latest = new HashMap<>();
    private long posts;
    private final Map<String, String> rawDeadLetters = new HashMap<>();
    private final Map<String, String> enrichedDeadLetters = new HashMap<>();
    private final Map<String, Long> indexed = new HashMap<>();
    private final Map<Integer, Long> enrichCommitted = new HashMap<>();
    private Set<String> pendingPublish = Set.of();

    /** A post read from {@code news.raw}; a record without a key is named by its position. */
    public void accepted(String key, int partition, long offset, long revision) {
        posts++;
        String id = key != null ? key : "(no key) " + partition + "@" + offset;
        latest.merge(id, new Post(id, partition, offset, revision),
                (a, b) -> b.offset() > a.offset() ? b : a);
    }

    /** A dead letter of {@code news.raw.dlt} for the post at {@code partition}@{@code offset}. */
    public void rawDeadLetter(int partition, long offset, String reason) {
        rawDeadLetters.put(partition + "@" + offset, reason);
    }

    /** A dead letter of {@code news.enriched.dlt} for the article {@code id}. */
    public void enrichedDeadLetter(String id, String reason) {
        enrichedDeadLetters.put(id, reason);
    }

    /** The index holds article {@code id} at {@code revision}. */
    public void indexed(String id, long revision) {
        indexed.put(id, revision);
    }

    /** The enrich group's committed offset on a {@code news.raw} partition. */
    public void enrichCommitted(int partition, long offset) {
        enrichCommitted.put(partition, offset);
    }

    /** Ids with an enriched record the publish group has not committed yet. */
    public void pendingPublish(Set<String> ids) {
        this.pendingPublish = Set.copyOf(ids);
    }

    /** The articles to look up in the index. */
    public List<String> ids() {
        return new ArrayList<>(latest.keySet());
    }

    /**
     * The verdict.
     *
     * @param articles           articles (ids) with posts in the stretch
     * @param posts              posts (records) in the stretch
     * @param indexed            articles with a document
     * @param indexedEarlier     of which the document is of an earlier revision than the latest
     *                           post (later posts were unchanged re-posts)
     * @param deadLettered       articles dead-lettered, by reason
     * @param inFlight           articles not processed yet, by stage ({@code enrich}, {@code publish})
     * @param missing            articles accepted and nowhere: must be 0
     * @param missingIds         up to 20 of them, to look into
     */
    public record Report(long articles, long posts, long indexed, long indexedEarlier,
            Map<String, Long> deadLettered, Map<String, Long> inFlight, long missing, List<String> missingIds) {

        public long deadLetteredTotal() {
            return deadLettered.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Report report() {
        long indexedCount = 0;
        long earlier = 0;
        Map<String, Long> dead = new TreeMap<>();
        Map<String, Long> flight = new LinkedHashMap<>();
        long missing = 0;
        List<String> missingIds = new ArrayList<>();
        for (Post post : latest.values()) {
            String rawDead = rawDeadLetters.get(post.partition() + "@" + post.offset());
            Long document = indexed.get(post.id());
            if (post.offset() >= enrichCommitted.getOrDefault(post.partition(), 0L)) {
                flight.merge("enrich", 1L, Long::sum);
            } else if (rawDead != null) {
                dead.merge(rawDead, 1L, Long::sum);
            } else if (document != null) {
                indexedCount++;
                if (document < post.revision()) {
                    earlier++;
                }
            } else if (enrichedDeadLetters.containsKey(post.id())) {
                dead.merge(enrichedDeadLetters.get(post.id()), 1L, Long::sum);
            } else if (pendingPublish.contains(post.id())) {
                flight.merge("publish", 1L, Long::sum);
            } else {
                missing++;
                if (missingIds.size() < 20) {
                    missingIds.add(post.id());
                }
            }
        }
        return new Report(latest.size(), posts, indexedCount, earlier, dead, flight, missing, missingIds);
    }
}
