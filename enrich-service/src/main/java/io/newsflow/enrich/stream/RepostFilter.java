package io.newsflow.enrich.stream;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jpountz.xxhash.StreamingXXHash64;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Recognises a post that needs no new enriched record: a re-post of an article with exactly the
 * same content as its previous post (publishers and feed readers re-post unchanged articles all
 * the time), or a post whose revision is older than one already enriched.
 *
 * <p>It remembers, per article id, the revision and a fingerprint of the last post whose
 * enriched record the broker <em>acknowledged</em>: everything the publisher sent except the
 * time it was received. Looking a post up changes nothing; only {@link #remember} does, and the
 * listener calls it after the acknowledgement, so a post whose output could not be written is
 * never mistaken for an unchanged re-post of itself when it is retried. An acknowledged record
 * may still be rolled back with its transaction; the post then comes again with the same
 * revision, which the filter never takes for a re-post (see {@link Post#isCoveredBy}).
 *
 * <p>All posts of an article arrive on one partition, in order, at the consumer that owns that
 * partition, so this consumer-local memory sees every post of the articles it is responsible for.
 * It is bounded (least recently seen ids are forgotten) and not persisted: after a restart or a
 * partition moving to another instance, an unchanged re-post may go through once more, which is
 * harmless downstream (same document, same content).
 */
final class RepostFilter {

    private final Map<String, Post> lastWritten;

    RepostFilter(int capacity) {
        this.lastWritten = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Post> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A post of an article: its id, revision and content fingerprint. */
    record Post(String id, long revision, long fingerprint) {

        static Post of(ArticleReceived article, long revision) {
            return new Post(article.id(), revision, RepostFilter.fingerprint(article));
        }

        /**
         * Whether {@code earlier} makes this post need no record of its own: it is a newer
         * revision, or an older one with the same content. The same revision again is not
         * covered: that is this very post delivered again because its first record was never
         * committed (a rolled-back transaction), and it must be written again.
         */
        boolean isCoveredBy(Post earlier) {
            return earlier != null && (earlier.revision > revision
                    || earlier.revision < revision && earlier.fingerprint == fingerprint);
        }
    }

    /**
     * Whether this post needs no enriched record: the last one written for its article had the
     * same content, or a newer revision. Remembers nothing.
     */
    synchronized boolean isCovered(Post post) {
        return post.isCoveredBy(lastWritten.get(post.id()));
    }

    /** Whether a newer revision of {@code post}'s article was written. */
    synchronized boolean isNewerWritten(Post post) {
        Post written = lastWritten.get(post.id());
        return written != null && written.revision() > post.revision();
    }

    /** Records that {@code post}'s enriched record was acknowledged by the broker. */
    synchronized void remember(Post post) {
        Post previous = lastWritten.get(post.id());
        if (previous == null || previous.revision() <= post.revision()) {
            lastWritten.put(post.id(), post);
        }
    }

    /** Characters hashed per step: what the two scratch arrays of one fingerprint hold. */
    private static final int CHUNK = 8192;
    private static final XXHashFactory HASHES = XXHashFactory.fastestInstance();

    /**
     * XXH64 (lz4-java's, already on the classpath for Kafka's compression) of everything the
     * publisher sent but the time it was received: the record's other fields as JSON (so that a
     * field added to the record is covered without a change here), then the page and the text as
     * UTF-16 code units, each after its length, a chunk at a time.
     *
     * <p>Why not SHA-256 of the page as UTF-8, as before: encoding a 160 KB page that holds one
     * non-Latin-1 character allocated ~0.5 MB per post (a tenth of what the consumer threads
     * allocated), and SHA-256 plus that encoding were 12% of their CPU in a profile. The
     * fingerprint is only ever compared with the previous post of the same article, in memory, to
     * skip re-enriching an unchanged re-post; it needs no resistance to a forger (a client could
     * at most make its own change pass for a re-post, which it could as well not have sent), and
     * an accidental collision of 64 bits between two posts of one article is not a risk worth
     * another pass.
     */
    private static long fingerprint(ArticleReceived article) {
        ArticleReceived fields = new ArticleReceived(article.schemaVersion(), article.id(), article.url(),
                article.canonicalUrl(), article.source(), article.title(), article.publishedAt(), null,
                article.language(), article.authors(), article.section(), article.metadata(), null, null);
        try (StreamingXXHash64 hash = HASHES.newStreamingHash64(0)) { // its native state freed at once
            byte[] json = EventJson.mapper().writeValueAsBytes(fields);
            hash.update(json, 0, json.length);
            char[] chars = new char[CHUNK];
            byte[] bytes = new byte[2 * CHUNK];
            update(hash, article.html(), chars, bytes);
            update(hash, article.text(), chars, bytes);
            return hash.getValue();
        }
    }

    private static void update(StreamingXXHash64 hash, String content, char[] chars, byte[] bytes) {
        int length = content == null ? -1 : content.length();
        bytes[0] = (byte) (length >>> 24);
        bytes[1] = (byte) (length >>> 16);
        bytes[2] = (byte) (length >>> 8);
        bytes[3] = (byte) length;
        hash.update(bytes, 0, 4);
        for (int from = 0; from < length; from += CHUNK) {
            int to = Math.min(length, from + CHUNK);
            content.getChars(from, to, chars, 0);
            for (int i = 0; i < to - from; i++) {
                bytes[2 * i] = (byte) (chars[i] >>> 8);
                bytes[2 * i + 1] = (byte) chars[i];
            }
            hash.update(bytes, 0, 2 * (to - from));
        }
    }
}
