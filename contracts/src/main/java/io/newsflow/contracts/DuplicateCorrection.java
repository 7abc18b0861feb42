package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A correction of an article already published: it is a near-copy of an article that arrived
 * after it but was published before it. The value of a {@value Topics#DUPLICATES} record keyed by
 * the corrected article's id (compacted: the latest correction of every article). JSON Schema:
 * {@code schemas/duplicate-correction.v1.schema.json}.
 *
 * <p>Why a topic of its own rather than the article again on {@value Topics#ENRICHED}: the service
 * that notices (enrich, when the late original comes in) holds the duplicate detection's memory,
 * not the corrected article's enriched record, and re-enriching it would cost a whole article's
 * work to change one field. The publish service applies each correction to the index; a
 * subscriber keeping its own copy of {@code news.enriched} applies them the same way: the
 * article's {@code duplicateOf} becomes this one's, and articles that named the corrected one as
 * their original now name {@code duplicateOf.id}.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the corrected article
 * @param duplicateOf   the earlier article it is a near-copy of (the earliest known)
 * @param correctedAt   when the correction was made
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DuplicateCorrection(int schemaVersion, String id, ArticleEnriched.DuplicateOf duplicateOf,
        Instant correctedAt) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /** What makes this record break its topic's contract for {@code key} (empty: nothing). */
    public List<String> contractViolations(String key) {
        List<String> violations = new ArrayList<>();
        if (schemaVersion != SCHEMA_VERSION) {
            violations.add("schemaVersion " + schemaVersion + " is not " + SCHEMA_VERSION);
        }
        if (id == null || id.isBlank()) {
            violations.add("no id");
        } else if (key != null && !key.equals(id)) {
            violations.add("id " + id + " is not the key " + key);
        }
        if (duplicateOf == null || duplicateOf.id() == null || duplicateOf.id().isBlank()) {
            violations.add("no duplicateOf.id");
        } else if (duplicateOf.id().equals(id)) {
            violations.add("an article cannot be a copy of itself");
        }
        return violations;
    }
}
