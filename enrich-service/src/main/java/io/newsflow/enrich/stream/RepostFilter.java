package io.newsflow.enrich.stream;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

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
    record Post(String id, long revision, byte[] fingerprint) {

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
                    || earlier.revision < revision && Arrays.equals(earlier.fingerprint, fingerprint));
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

    /**
     * SHA-256 of everything the publisher sent but the time it was received: the record's other
     * fields as JSON (so that a field added to the record is covered without a change here), then
     * the page and the text as UTF-8, each after its length. Why not the whole record as JSON: that
     * escaped the page (160 KB on average) character by character only to hash it, 8% of a
     * consumer thread's time in a profile.
     */
    private static byte[] fingerprint(ArticleReceived article) {
        ArticleReceived fields = new ArticleReceived(article.schemaVersion(), article.id(), article.url(),
                article.canonicalUrl(), article.source(), article.title(), article.publishedAt(), null,
                article.language(), article.authors(), article.section(), article.metadata(), null, null);
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        digest.update(EventJson.mapper().writeValueAsBytes(fields));
        update(digest, article.html());
        update(digest, article.text());
        return digest.digest();
    }

    private static void update(MessageDigest digest, String content) {
        byte[] bytes = content == null ? null : content.getBytes(StandardCharsets.UTF_8);
        int length = bytes == null ? -1 : bytes.length;
        digest.update(new byte[] {(byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length});
        if (bytes != null) {
            digest.update(bytes);
        }
    }
}
