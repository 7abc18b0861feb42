package io.newsflow.contracts;

import java.time.Instant;

/**
 * An article's revision: which of its posts is the latest. It is made from the post's
 * {@value Topics#RAW} record, by the ingest service (for the {@code 202} answer) and the enrich
 * service (for {@link ArticleEnriched#revision()}) alike:
 * {@code appendTimeMillis * 1000 + offset mod 1000}.
 *
 * <p>The append time is the broker's clock (the topic uses {@code LogAppendTime}): one clock, the
 * partition leader's, stamps every post of an article (same key, same partition), so any number
 * of ingest instances agree without coordinating, and the order survives recreating the topic or
 * moving to another cluster, which offsets alone would not. The offset's last three digits break
 * ties between posts appended in the same millisecond, so concurrent posts of one article get
 * distinct revisions and the {@code 202} tells each client whether its post is the one that
 * wins. (Two posts of one article in one millisecond that straddle an offset multiple of 1,000
 * are ordered the other way round; everything downstream compares revisions, so the outcome is
 * still consistent and told truthfully.) The value stays below 2^53, so JavaScript reads it
 * exactly.
 */
public final class Revisions {

    private static final int TIE_BREAKS = 1000;

    private Revisions() {
    }

    /** The revision of the post appended at {@code appendTimeMillis} at {@code offset}. */
    public static long of(long appendTimeMillis, long offset) {
        return appendTimeMillis * TIE_BREAKS + Math.floorMod(offset, TIE_BREAKS);
    }

    /** The broker's append time of the post a revision was made from. */
    public static Instant appendTime(long revision) {
        return Instant.ofEpochMilli(revision / TIE_BREAKS);
    }
}
