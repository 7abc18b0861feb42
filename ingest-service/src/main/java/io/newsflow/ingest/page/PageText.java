package io.newsflow.ingest.page;

import io.newsflow.contracts.EventJson;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.annotation.JsonDeserialize;

/**
 * A posted page or text, kept as the JSON string literal (quotes included, UTF-8) it arrived in.
 *
 * <p>Why: pages are ~100 KB and the service's work per article is otherwise mostly moving them
 * through Jackson twice, decoding the request's string into a {@code String} and encoding it
 * again into the raw record. Neither the id (taken from the URL) nor any rule needs the page as
 * characters, so the literal is validated once, here, and copied into the record verbatim.
 * Jackson has no way to hand over a string value's bytes undecoded, hence this class; it is only
 * a validator, the decoding is still Jackson's ({@link #decode()}).
 *
 * <p>The validation is what the JSON and UTF-8 specifications require of a string literal plus
 * this API's own rule: well-formed UTF-8 (no overlong forms, surrogates or code points past
 * U+10FFFF), no raw control characters, only JSON's escapes, and no NUL in any form.
 */
@JsonDeserialize(using = PageText.Reader.class)
public final class PageText {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long SPACES = 0x2020202020202020L;

    private final byte[] source;
    private final int start;
    private final int end;
    private final boolean blank;
    private final boolean nul;
    private final boolean loneSurrogate;

    private PageText(byte[] source, int start, int end, boolean blank, boolean nul, boolean loneSurrogate) {
        this.source = source;
        this.start = start;
        this.end = end;
        this.blank = blank;
        this.nul = nul;
        this.loneSurrogate = loneSurrogate;
    }

    /** The literal that encodes {@code text}, for pages that did not arrive as JSON. */
    public static PageText of(String text) {
        byte[] json = EventJson.mapper().writeValueAsBytes(text);
        return new PageText(json, 0, json.length, text.isBlank(), text.indexOf('\u0000') >= 0,
                hasLoneSurrogate(text));
    }

    /**
     * Reads the string literal whose opening quote is at {@code start}.
     *
     * @throws InvalidPageException if it is not a valid literal
     */
    public static PageText read(byte[] source, int start) {
        if (start < 0 || start >= source.length || source[start] != '"') {
            throw new InvalidPageException("must be a JSON string");
        }
        boolean blank = true;
        boolean nul = false;
        boolean loneSurrogate = false;
        int i = start + 1;
        int n = source.length;
        while (true) {
            if (i + 8 <= n) {
                // most of a page is ASCII that needs no attention: skip it eight bytes at a time,
                // and from a word that holds a byte needing attention, skip straight to that byte
                long word = (long) LONGS.get(source, i);
                long attention = attention(word);
                if (attention == 0) {
                    blank &= word == SPACES;
                    i += 8;
                    continue;
                }
                int plainBytes = Long.numberOfTrailingZeros(attention) >>> 3;
                if (blank && plainBytes > 0) {
                    long mask = (1L << (plainBytes << 3)) - 1;
                    blank = (word & mask) == (SPACES & mask);
                }
                i += plainBytes;
            } else if (i >= n) {
                break;
            }
            int b = source[i];
            if (b == '\\') {
                // in a page, mostly \" of attributes and \n
                if (i + 1 >= n) {
                    break;
                }
                int escaped = source[i + 1];
                switch (escaped) {
                    case '"', '\\', '/', 'b' -> blank = false;
                    case 'n', 'r', 't', 'f' -> { }
                    case 'u' -> {
                        int code = hex(source, i + 2);
                        nul |= code == 0;
                        blank &= Character.isWhitespace(code) || Character.isSpaceChar(code);
                        i += 4;
                        if (Character.isHighSurrogate((char) code) && i + 7 < n && source[i + 2] == '\\'
                                && source[i + 3] == 'u' && Character.isLowSurrogate((char) hex(source, i + 4))) {
                            i += 6; // an escaped pair: one code point past U+FFFF, written as JSON must
                        } else {
                            // valid JSON, but no character: consumers' decoders fail on it or replace it
                            loneSurrogate |= Character.isSurrogate((char) code);
                        }
                    }
                    default -> throw new InvalidPageException("has an invalid escape sequence \\"
                            + (char) (escaped & 0xFF));
                }
                i += 2;
            } else if (b < 0) {
                int lead = b & 0xFF;
                if (lead >= 0xC2 && lead <= 0xDF && i + 1 < n && (source[i + 1] & 0xC0) == 0x80) {
                    i += 2; // two bytes: Latin, Greek, Cyrillic, Hebrew, Arabic
                } else if ((lead >= 0xE1 && lead <= 0xEC || lead == 0xEE || lead == 0xEF) && i + 2 < n
                        && (source[i + 1] & 0xC0) == 0x80 && (source[i + 2] & 0xC0) == 0x80) {
                    i += 3; // three bytes, no overlong or surrogate possible: most of CJK, punctuation
                } else {
                    i = utf8(source, i); // the rest, and every error
                }
                blank = false;
            } else if (b == '"') {
                return new PageText(source, start, i + 1, blank, nul, loneSurrogate);
            } else if (b >= 0x20) {
                blank &= b == ' '; // the last few bytes, one at a time
                i++;
            } else {
                throw new InvalidPageException("contains an unescaped control character (U+"
                        + String.format("%04X", b) + ")");
            }
        }
        throw new InvalidPageException("is not a terminated JSON string");
    }

    /**
     * Eight bytes of a little-endian long: zero if each is printable ASCII other than a quote or a
     * backslash, else a mask whose lowest set bit is the high bit of the first byte that is not.
     * Only the lowest set bit is exact (a borrow can mark a later byte falsely), which is all the
     * caller uses.
     */
    private static long attention(long word) {
        // a byte >= 0x80, < 0x20, == '"' or == '\\' sets its high bit in one of these terms
        long high = word & 0x8080808080808080L;
        long control = (word - 0x2020202020202020L) & ~word & 0x8080808080808080L;
        long quote = word ^ 0x2222222222222222L;
        long quoteZero = (quote - 0x0101010101010101L) & ~quote & 0x8080808080808080L;
        long backslash = word ^ 0x5C5C5C5C5C5C5C5CL;
        long backslashZero = (backslash - 0x0101010101010101L) & ~backslash & 0x8080808080808080L;
        return high | control | quoteZero | backslashZero;
    }

    /** True if the text is empty or white space only. */
    public boolean isBlank() {
        return blank;
    }

    /** True if the text contains U+0000, which no page has and some consumers choke on. */
    public boolean containsNul() {
        return nul;
    }

    /**
     * True if the text holds a surrogate escape ({@code \uD800}) that is not half of a pair: valid
     * JSON, but not Unicode text, so it is refused like NUL.
     */
    public boolean containsLoneSurrogate() {
        return loneSurrogate;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** Size of the literal in bytes. */
    public int length() {
        return end - start;
    }

    /** The text itself, decoded. */
    public String decode() {
        return EventJson.mapper().readValue(source, start, end - start, String.class);
    }

    /** Copies the literal into {@code target} at {@code offset}. */
    public void copyTo(byte[] target, int offset) {
        System.arraycopy(source, start, target, offset, end - start);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PageText that
                && Arrays.equals(source, start, end, that.source, that.start, that.end);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + source[i];
        }
        return hash;
    }

    @Override
    public String toString() {
        return "PageText[" + length() + " bytes]";
    }

    private static int hex(byte[] source, int at) {
        if (at + 4 > source.length) {
            throw new InvalidPageException("has a truncated \\u escape");
        }
        int value = 0;
        for (int k = at; k < at + 4; k++) {
            int digit = Character.digit(source[k], 16);
            if (digit < 0) {
                throw new InvalidPageException("has an invalid \\u escape");
            }
            value = value << 4 | digit;
        }
        return value;
    }

    /** Checks the multi-byte UTF-8 sequence at {@code i}; returns the index after it. */
    private static int utf8(byte[] source, int i) {
        int lead = source[i] & 0xFF;
        int length;
        int min = 0x80;
        int max = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            min = lead == 0xE0 ? 0xA0 : 0x80; // no overlong forms
            max = lead == 0xED ? 0x9F : 0xBF; // no surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            min = lead == 0xF0 ? 0x90 : 0x80;
            max = lead == 0xF4 ? 0x8F : 0xBF; // nothing past U+10FFFF
        } else {
            throw new InvalidPageException("is not valid UTF-8 (byte 0x" + Integer.toHexString(lead) + ")");
        }
        if (i + length > source.length) {
            throw new InvalidPageException("is not valid UTF-8 (truncated sequence)");
        }
        int second = source[i + 1] & 0xFF;
        if (second < min || second > max) {
            throw new InvalidPageException("is not valid UTF-8 (byte 0x" + Integer.toHexString(second) + ")");
        }
        for (int k = i + 2; k < i + length; k++) {
            if ((source[k] & 0xC0) != 0x80) {
                throw new InvalidPageException("is not valid UTF-8 (byte 0x" + Integer.toHexString(source[k] & 0xFF) + ")");
            }
        }
        return i + length;
    }

    /**
     * What Jackson makes of a page it reads itself: the decoded string, encoded again. Submissions
     * normally reach Jackson with the page already taken out ({@link PageLiteral}), so this runs
     * only for the odd submission the locator leaves to Jackson whole.
     */
    static final class Reader extends ValueDeserializer<PageText> {
        @Override
        public PageText deserialize(JsonParser parser, DeserializationContext context) {
            if (parser.currentToken() != JsonToken.VALUE_STRING) {
                return (PageText) context.handleUnexpectedToken(PageText.class, parser);
            }
            return of(parser.getString());
        }
    }

    /** The literal breaks a rule; the message completes "The field ...". */
    public static final class InvalidPageException extends RuntimeException {
        InvalidPageException(String message) {
            super(message);
        }
    }
}
