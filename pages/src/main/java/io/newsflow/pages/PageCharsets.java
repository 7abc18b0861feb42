package io.newsflow.pages;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes a web page's bytes the one way every part of Newsflow does, so that a page posted to
 * the API and the same page enriched offline become the same text. The order is the HTML
 * standard's encoding sniffing, with one correction learnt from real pages:
 *
 * <ol>
 *   <li>a byte order mark (UTF-8, UTF-16);</li>
 *   <li>the charset the transport declared ({@code Content-Type: text/html; charset=...});</li>
 *   <li>the page's own {@code <meta charset>} or {@code http-equiv} declaration in its first 4 KB,
 *       ISO-8859-1 and ASCII read as windows-1252 as browsers do, except that a page declaring a
 *       Latin charset whose bytes are valid UTF-8 with multi-byte sequences is UTF-8 (such pages are
 *       common, the reverse is all but impossible);</li>
 *   <li>UTF-8, if the bytes are valid UTF-8;</li>
 *   <li>windows-1252, the web's legacy default.</li>
 * </ol>
 *
 * <p>Written here rather than taken from jsoup (whose loader defaults to UTF-8 and replaces bad
 * bytes silently) or ICU4J (a statistical detector of 13 MB for what a page states about itself):
 * the API must refuse bytes that its declared charset cannot decode instead of storing
 * replacement characters.
 */
public final class PageCharsets {

    private static final int SNIFF_BYTES = 4096;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private PageCharsets() {
    }

    /** Bytes that the charset chosen for them cannot decode. */
    public static final class UndecodableException extends RuntimeException {

        UndecodableException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Decodes leniently: bytes the chosen charset cannot decode become U+FFFD. For pages read
     * from files (the offline tools).
     */
    public static String decode(byte[] bytes) {
        return decode(bytes, null, false);
    }

    /**
     * Decodes strictly: a charset declared by the transport or the page must decode every byte.
     * For pages posted to the API.
     *
     * @param declared the transport's charset, or null
     * @throws UndecodableException naming the charset, when it cannot decode the bytes
     */
    public static String decodeStrictly(byte[] bytes, Charset declared) {
        return decode(bytes, declared, true);
    }

    private static String decode(byte[] bytes, Charset declared, boolean strict) {
        if (bytes == null || bytes.length == 0) {
            return "";
        }
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return decode(bytes, 3, StandardCharsets.UTF_8, strict, "UTF-8 (its byte order mark)");
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return decode(bytes, 2, StandardCharsets.UTF_16BE, strict, "UTF-16 (its byte order mark)");
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return decode(bytes, 2, StandardCharsets.UTF_16LE, strict, "UTF-16 (its byte order mark)");
        }
        if (declared != null) {
            return decode(bytes, 0, declared, strict, "the declared charset " + declared.name());
        }
        Charset meta = metaCharset(bytes);
        if (meta != null && !meta.equals(StandardCharsets.UTF_8)) {
            if (isLatinFamily(meta) && hasMultiByte(bytes)) {
                String utf8 = strictUtf8(bytes, !strict);
                if (utf8 != null) {
                    return utf8;
                }
            }
            return decode(bytes, 0, meta, strict, "the page's declared charset " + meta.name());
        }
        String utf8 = strictUtf8(bytes, !strict);
        if (utf8 != null) {
            return utf8;
        }
        if (meta != null) {
            return decode(bytes, 0, StandardCharsets.UTF_8, strict, "the page's declared charset UTF-8");
        }
        return new String(bytes, WINDOWS_1252);
    }

    /**
     * The charset a page declares in a {@code <meta charset>} or {@code <meta http-equiv
     * content="...; charset=...">} in its first 4 KB, or null.
     */
    public static Charset metaCharset(byte[] bytes) {
        int len = Math.min(bytes.length, SNIFF_BYTES);
        String head = new String(bytes, 0, len, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int from = 0;
        while (true) {
            int meta = head.indexOf("<meta", from);
            if (meta < 0) {
                return null;
            }
            int close = head.indexOf('>', meta);
            if (close < 0) {
                close = head.length();
            }
            String tag = head.substring(meta, close);
            int at = tag.indexOf("charset");
            if (at >= 0) {
                Charset charset = charsetAt(tag, at + "charset".length());
                if (charset != null) {
                    return charset;
                }
            }
            from = close;
        }
    }

    private static Charset charsetAt(String tag, int pos) {
        int i = pos;
        while (i < tag.length() && (tag.charAt(i) == ' ' || tag.charAt(i) == '=' || tag.charAt(i) == '"'
                || tag.charAt(i) == '\'')) {
            i++;
        }
        int start = i;
        while (i < tag.length()) {
            char c = tag.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == ':' || c == '.')) {
                break;
            }
            i++;
        }
        String name = tag.substring(start, i);
        if (name.isEmpty()) {
            return null;
        }
        if (name.equals("iso-8859-1") || name.equals("latin1") || name.equals("us-ascii") || name.equals("ascii")) {
            name = "windows-1252"; // what browsers actually do, per the WHATWG encoding standard
        }
        try {
            return Charset.forName(name);
        } catch (RuntimeException unknown) {
            return null;
        }
    }

    private static boolean isLatinFamily(Charset charset) {
        String name = charset.name().toLowerCase(Locale.ROOT);
        return name.startsWith("windows-125") || name.startsWith("iso-8859") || name.equals("us-ascii");
    }

    private static boolean hasMultiByte(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    private static String decode(byte[] bytes, int offset, Charset charset, boolean strict, String what) {
        if (!strict) {
            return new String(bytes, offset, bytes.length - offset, charset);
        }
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            throw new UndecodableException("The body is not valid in " + what + ".");
        }
    }

    /**
     * Decodes as UTF-8, or returns null when the bytes are not valid UTF-8.
     *
     * @param forgiveCutEnd a sequence cut off by the end of the input (a truncated download) is
     *                      dropped rather than counted against the bytes
     */
    static String strictUtf8(byte[] bytes, boolean forgiveCutEnd) {
        int n = bytes.length;
        int cut = n;
        for (int i = n - 1; forgiveCutEnd && i >= 0 && i >= n - 3; i--) {
            int b = bytes[i] & 0xFF;
            if (b >= 0xC0) {
                int need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
                if (n - i < need) {
                    cut = i;
                }
                break;
            }
            if (b < 0x80) {
                break;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, cut)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
