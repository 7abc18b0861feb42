package io.newsflow.enrich.stream;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Story;
import io.newsflow.enrich.linking.Linking;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What becomes of one {@code news.raw} record, decided in plain Java so the Kafka listener only
 * carries the decision out: an enriched record to write, nothing (the post needs no new record),
 * or a dead letter with its reason. Every record gets exactly one of the three, so none is
 * silently dropped.
 *
 * <ul>
 *   <li>A value that breaks the {@code news.raw} contract (a tombstone, an unknown schema
 *       version, no id or source, an id that is not the key, neither or both of html and text)
 *       is dead-lettered as {@code contract-violation}: enriching it would index an empty
 *       article.</li>
 *   <li>An unchanged re-post, or a post older than one already written, is skipped.</li>
 *   <li>A pipeline failure is dead-lettered as {@code enrichment-failed} (the pipeline is
 *       deterministic, so retrying cannot help).</li>
 *   <li>An enriched record larger than the broker takes, even with the pipeline's bounded lists,
 *       is dead-lettered as {@code output-too-large}.</li>
 * </ul>
 *
 * <p>Not thread-safe per {@link Batch}; the handler itself is shared by the consumer threads.
 */
final class RawArticleHandler {

    /** Room kept below the producer's {@code max.request.size} for the key and record overhead. */
    static final int RECORD_OVERHEAD_BYTES = 16 * 1024;

    private final EnrichmentPipeline pipeline;
    private final Linking linking;
    private final RepostFilter reposts;
    private final int maxValueBytes;
    /** Posts whose record the broker refused as too large, to dead-letter when they come again. */
    private final Map<String, String> refusedAsTooLarge = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 1000;
                }
            });

    /**
     * @param linking        what ties a poll's enriched articles to earlier ones ({@code duplicateOf},
     *                       {@code story}); it needs the whole poll at once to ask its store once
     *                       per poll rather than once per article
     * @param maxRecordBytes the producer's {@code max.request.size}: the largest record the broker
     *                       is asked to take
     */
    RawArticleHandler(EnrichmentPipeline pipeline, Linking linking, RepostFilter reposts,
            int maxRecordBytes) {
        this.pipeline = pipeline;
        this.linking = linking;
        this.reposts = reposts;
        this.maxValueBytes = maxRecordBytes - RECORD_OVERHEAD_BYTES;
    }

    /** What to do with a record. */
    sealed interface Outcome {

        /** Write {@code json}, the enriched record of {@code post}, under the article's id. */
        record Write(RepostFilter.Post post, byte[] json) implements Outcome {
        }

        /** Enriched, to be linked with the rest of the poll: {@link Batch#finish} turns it into a write. */
        record Enriched(RepostFilter.Post post, ArticleEnriched article) implements Outcome {
        }

        /** Write nothing: {@code why} is {@code unchanged-repost} or {@code superseded}. */
        record Skip(String why) implements Outcome {
        }

        /** Dead-letter the record. */
        record DeadLetter(DeadLetterReason reason, String detail) implements Outcome {
        }
    }

    /**
     * The poll's outcomes (one per enriched article, in order), and the stories and duplicate
     * corrections to write with them.
     */
    record Finished(List<Outcome> outcomes, List<Story> stories, List<DuplicateCorrection> corrections) {
    }

    /** Decisions for the records of one poll, in order. */
    Batch batch() {
        return new Batch();
    }

    /** Tells the handler that the broker acknowledged a {@link Outcome.Write}'s record. */
    void written(RepostFilter.Post post) {
        reposts.remember(post);
    }

    /**
     * Tells the handler that the broker refused a {@link Outcome.Write}'s record as too large (the
     * size check before sending makes this all but impossible). Inside a transaction the poll must
     * then be rolled back; when the post comes again, it is dead-lettered instead of sent.
     */
    void refusedAsTooLarge(RepostFilter.Post post, String why) {
        refusedAsTooLarge.put(post.id() + "@" + post.revision(), why);
    }

    final class Batch {

        /** Posts of this poll whose records are sent but not yet acknowledged. */
        private final Map<String, RepostFilter.Post> pending = new HashMap<>();

        private Batch() {
        }

        /**
         * @param key      the record's key
         * @param value    its value, null for a tombstone
         * @param revision the post's revision (see {@link io.newsflow.contracts.Revisions})
         */
        Outcome handle(String key, ArticleReceived value, long revision) {
            if (value == null) {
                return new Outcome.DeadLetter(DeadLetterReason.CONTRACT_VIOLATION,
                        "a null value (tombstone): news.raw records are always articles");
            }
            var violations = value.contractViolations(key);
            if (!violations.isEmpty()) {
                return new Outcome.DeadLetter(DeadLetterReason.CONTRACT_VIOLATION,
                        "breaks the news.raw contract: " + String.join("; ", violations));
            }
            String refused = refusedAsTooLarge.remove(value.id() + "@" + revision);
            if (refused != null) {
                return new Outcome.DeadLetter(DeadLetterReason.OUTPUT_TOO_LARGE,
                        "the broker refused the enriched record as too large: " + refused);
            }
            RepostFilter.Post post = RepostFilter.Post.of(value, revision);
            RepostFilter.Post earlier = pending.get(post.id());
            if (post.isCoveredBy(earlier) || earlier == null && reposts.isCovered(post)) {
                return new Outcome.Skip(isOlder(post, earlier) ? "superseded" : "unchanged-repost");
            }
            ArticleEnriched article;
            try {
                article = pipeline.enrich(value, revision);
            } catch (RuntimeException | StackOverflowError e) {
                return new Outcome.DeadLetter(DeadLetterReason.ENRICHMENT_FAILED, "the pipeline failed: " + e);
            }
            pending.put(post.id(), post);
            return new Outcome.Enriched(post, article);
        }

        /**
         * The poll's enriched articles linked to earlier ones and serialised: for each, in order,
         * a {@link Outcome.Write} or, when too large for the broker, a {@link Outcome.DeadLetter};
         * and the stories the poll changed and the corrections it made, to write with them. A failure of the linking (its
         * store unreachable) is thrown: the poll is retried.
         */
        Finished finish(List<Outcome.Enriched> enriched) {
            if (enriched.isEmpty()) {
                return new Finished(List.of(), List.of(), List.of());
            }
            Linking.Linked linked = linking.link(enriched.stream().map(Outcome.Enriched::article).toList());
            List<Outcome> outcomes = new ArrayList<>(enriched.size());
            for (int i = 0; i < enriched.size(); i++) {
                byte[] json = EventJson.mapper().writeValueAsBytes(linked.articles().get(i));
                if (json.length > maxValueBytes) {
                    pending.remove(enriched.get(i).post().id(), enriched.get(i).post());
                    outcomes.add(new Outcome.DeadLetter(DeadLetterReason.OUTPUT_TOO_LARGE, "the enriched record is "
                            + json.length + " bytes, over the " + maxValueBytes + " the broker is asked to take"));
                } else {
                    outcomes.add(new Outcome.Write(enriched.get(i).post(), json));
                }
            }
            return new Finished(outcomes, linked.stories(), linked.corrections());
        }

        private boolean isOlder(RepostFilter.Post post, RepostFilter.Post earlier) {
            return earlier != null ? earlier.revision() > post.revision() : reposts.isNewerWritten(post);
        }
    }
}
