package io.newsflow.enrich.fingerprints;

import io.newsflow.enrich.text.TextAnalysis;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;

/**
 * Exact and near-duplicate fingerprints of an article body, for spotting the same story syndicated
 * by several sites or re-published with a changed paragraph.
 *
 * <p>Both fingerprints work on one normalisation: NFKC (full-width letters, ligatures and
 * non-breaking spaces become their plain forms), lower case (per code point, as
 * {@link Character#toLowerCase(int)}), and every run of characters that are not letters, digits or
 * combining marks collapsed to one space. Re-wrapped lines, curly versus straight quotes, a changed
 * dash or doubled spaces therefore give the same fingerprints; a changed word does not.
 *
 * <p>The content hash is the full SHA-256 (hex) rather than a truncated form: it is the value a
 * consumer can recompute with any tool from the documented normalisation, and 64 chars cost nothing
 * next to a body.
 *
 * <p>The SimHash (Charikar) sums, bit by bit, the 64-bit hashes of the body's word 3-grams; a
 * changed paragraph changes only the 3-grams it touches, so the sign of most bit sums stays. Word
 * hashes are FNV-1a followed by the MurmurHash3 64-bit finaliser, and a 3-gram's hash mixes its
 * three word hashes (rotated, so order counts) through the finaliser again. That avoids building
 * a string per 3-gram and gives well-spread bits; a hashing library would add a dependency for
 * twenty lines. Texts shorter than three words hash the words they have.
 *
 * <p>Stateless and thread-safe.
 */
public final class Fingerprinter {

    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final int SHINGLE = 3;

    public Fingerprinter() {
        // stateless: one instance can be shared
    }

    /** Fingerprints of a body; a null body is treated as empty. */
    public Fingerprints fingerprint(String body) {
        String normalised = normalise(body == null ? "" : body);
        return new Fingerprints(sha256Hex(normalised), toHex(simhash(normalised)));
    }

    /**
     * Number of differing bits between two SimHashes as returned in {@link Fingerprints#simhash()}:
     * 0 for identical texts, typically a handful for a lightly edited copy and around 32 for
     * unrelated texts.
     *
     * @throws IllegalArgumentException if either value is not 16 hex chars
     */
    public static int hammingDistance(String simhashA, String simhashB) {
        return Long.bitCount(parse(simhashA) ^ parse(simhashB));
    }

    /** Lower case, NFKC, and non-word runs as single spaces, without leading or trailing space. */
    static String normalise(String text) {
        String nfkc = isAscii(text) || Normalizer.isNormalized(text, Normalizer.Form.NFKC)
                ? text : Normalizer.normalize(text, Normalizer.Form.NFKC);
        char[] out = new char[nfkc.length() + 1];
        int len = 0;
        boolean pendingSpace = false;
        for (int i = 0; i < nfkc.length(); ) {
            char c = nfkc.charAt(i);
            if (c < 0x80) {
                i++;
                if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z') {
                    if (pendingSpace && len > 0) {
                        out[len++] = ' ';
                    }
                    pendingSpace = false;
                    out[len++] = c <= 'Z' && c >= 'A' ? (char) (c + 32) : c;
                } else {
                    pendingSpace = true;
                }
                continue;
            }
            int cp = nfkc.codePointAt(i);
            i += Character.charCount(cp);
            if (TextAnalysis.isWordChar(cp)) {
                if (pendingSpace && len > 0) {
                    out[len++] = ' ';
                }
                pendingSpace = false;
                int lower = Character.toLowerCase(cp);
                if (len + 3 > out.length) {
                    out = java.util.Arrays.copyOf(out, out.length * 2 + 4);
                }
                len += Character.toChars(lower, out, len);
            } else {
                pendingSpace = true;
            }
        }
        return new String(out, 0, len);
    }

    /** ASCII text is already in NFKC; checking that is much cheaper than asking the normaliser. */
    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static String sha256Hex(String normalised) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }

    /** SimHash of a normalised text (words separated by single spaces). */
    static long simhash(String normalised) {
        if (normalised.isEmpty()) {
            return 0L;
        }
        BitVotes votes = new BitVotes();
        forEachShingle(normalised, votes::add);
        return votes.majority();
    }

    /**
     * Calls {@code sink} with the hash of every word 3-gram of a normalised text, in order; a text
     * of one or two words gives one hash of the words it has, an empty text none. Shared by the
     * SimHash and the MinHash signature ({@link MinHasher}).
     *
     * @return how many words the text has
     */
    static int forEachShingle(String normalised, java.util.function.LongConsumer sink) {
        long[] window = new long[SHINGLE];
        int words = 0;
        int n = normalised.length();
        int start = 0;
        while (start < n) {
            int end = normalised.indexOf(' ', start);
            if (end < 0) {
                end = n;
            }
            window[words % SHINGLE] = wordHash(normalised, start, end);
            words++;
            if (words >= SHINGLE) {
                sink.accept(shingleHash(window[(words - 3) % SHINGLE], window[(words - 2) % SHINGLE],
                        window[(words - 1) % SHINGLE]));
            }
            start = end + 1;
        }
        if (words > 0 && words < SHINGLE) {
            long h = 0;
            for (int k = 0; k < words; k++) {
                h = Long.rotateLeft(h, 21) ^ window[k];
            }
            sink.accept(fmix64(h));
        }
        return words;
    }

    /**
     * Per-bit vote counts of many 64-bit hashes. Counting bit by bit costs 64 steps a hash; here
     * each byte of the hash indexes a table that spreads its 8 bits into the 8 bytes of a long, so
     * one addition counts 8 bits at once, and the byte counters are emptied before they can overflow.
     */
    private static final class BitVotes {

        private static final long[] SPREAD = new long[256];

        static {
            for (int v = 0; v < 256; v++) {
                long spread = 0;
                for (int b = 0; b < 8; b++) {
                    if ((v >>> b & 1) != 0) {
                        spread |= 1L << (8 * b);
                    }
                }
                SPREAD[v] = spread;
            }
        }

        private final long[] lanes = new long[8];
        private final int[] ones = new int[64];
        private int pending;
        private int total;

        void add(long hash) {
            for (int g = 0; g < 8; g++) {
                lanes[g] += SPREAD[(int) (hash >>> (8 * g)) & 0xff];
            }
            total++;
            if (++pending == 255) {
                flush();
            }
        }

        private void flush() {
            for (int g = 0; g < 8; g++) {
                long lane = lanes[g];
                for (int b = 0; b < 8; b++) {
                    ones[8 * g + b] += (int) (lane >>> (8 * b)) & 0xff;
                }
                lanes[g] = 0;
            }
            pending = 0;
        }

        /** Bit i is set when more than half the hashes have it set. */
        long majority() {
            flush();
            long result = 0;
            for (int bit = 0; bit < 64; bit++) {
                if (2 * ones[bit] > total) {
                    result |= 1L << bit;
                }
            }
            return result;
        }
    }

    private static long wordHash(String text, int start, int end) {
        long h = FNV_OFFSET;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            h ^= c & 0xff;
            h *= FNV_PRIME;
            h ^= c >>> 8;
            h *= FNV_PRIME;
        }
        return fmix64(h);
    }

    private static long shingleHash(long a, long b, long c) {
        return fmix64(a ^ Long.rotateLeft(b, 21) ^ Long.rotateLeft(c, 42));
    }

    /** The MurmurHash3 64-bit finaliser: every input bit affects every output bit. */
    static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xff51afd7ed558ccdL;
        k ^= k >>> 33;
        k *= 0xc4ceb9fe1a85ec53L;
        k ^= k >>> 33;
        return k;
    }

    private static String toHex(long value) {
        return HexFormat.of().toHexDigits(value);
    }

    private static long parse(String hex) {
        if (hex == null || hex.length() != 16) {
            throw new IllegalArgumentException("a SimHash is 16 hex chars, got: " + hex);
        }
        try {
            return Long.parseUnsignedLong(hex, 16);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("a SimHash is 16 hex chars, got: " + hex, e);
        }
    }
}
