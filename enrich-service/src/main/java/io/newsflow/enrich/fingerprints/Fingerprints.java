package io.newsflow.enrich.fingerprints;

/**
 * The two fingerprints of an article body.
 *
 * @param contentHash SHA-256 of the normalised body, 64 lower-case hex chars: equal for bodies that
 *                    differ only in case, spacing, punctuation or Unicode compatibility forms
 * @param simhash     64-bit SimHash over word 3-grams, 16 lower-case hex chars: bodies that share
 *                    most of their text differ in few bits (see {@link Fingerprinter#hammingDistance})
 */
public record Fingerprints(String contentHash, String simhash) {
}
