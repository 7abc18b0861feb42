package io.newsflow.enrich.stream;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises a re-post of an article with exactly the same content as its previous post, so
 * that it produces no second enriched record (and so no re-indexing): publishers and feed readers
 * re-post unchanged articles all the time.
 *
 * <p>It remembers, per article id, a fingerprint of the last post it let through: everything
 * the publisher sent except the time it was received. All posts of an article arrive on one
 * partition, in order, at the consumer that owns that partition, so this consumer-local memory
 * sees every post of the articles it is responsible for. It is bounded (least recently seen ids
 * are forgotten) and not persisted: after a restart or a partition moving to another instance, an
 * unchanged re-post may go through once more, which is harmless downstream (same document, same
 * content).
 */
final class RepostFilter {

    private final Map<String, byte[]> lastFingerprints;

    RepostFilter(int capacity) {
        this.lastFingerprints = new LinkedHashMap<>(Math.min(capacity, 1 << 16), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Whether this post repeats the previous post of the same article; remembers it either way. */
    synchronized boolean isUnchangedRepost(ArticleReceived article) {
        byte[] fingerprint = fingerprint(article);
        byte[] previous = lastFingerprints.put(article.id(), fingerprint);
        return previous != null && Arrays.equals(previous, fingerprint);
    }

    private static byte[] fingerprint(ArticleReceived article) {
        ArticleReceived content = new ArticleReceived(article.schemaVersion(), article.id(), article.url(),
                article.canonicalUrl(), article.source(), article.title(), article.publishedAt(), null,
                article.language(), article.authors(), article.section(), article.metadata(), article.html(),
                article.text());
        try {
            return MessageDigest.getInstance("SHA-256").digest(EventJson.mapper().writeValueAsBytes(content));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
