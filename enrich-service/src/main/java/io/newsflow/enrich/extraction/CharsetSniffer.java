package io.newsflow.enrich.extraction;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Decodes raw page bytes. Done by hand rather than through jsoup's loader so the rules are the
 * ones crawlers meet in practice: a BOM wins, then a meta declaration in the first few KB, then
 * strict UTF-8 (the overwhelming default), then windows-1252 for legacy pages that are not UTF-8.
 */
final class CharsetSniffer {

    private static final int SNIFF_BYTES = 4096;
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private CharsetSniffer() {
    }

    static String decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            return "";
        }
        int n = bytes.length;
        if (n >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            return new String(bytes, 3, n - 3, StandardCharsets.UTF_8);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
            return new String(bytes, 2, n - 2, StandardCharsets.UTF_16BE);
        }
        if (n >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
            return new String(bytes, 2, n - 2, StandardCharsets.UTF_16LE);
        }
        Charset declared = declaredCharset(bytes);
        if (declared != null && !declared.equals(StandardCharsets.UTF_8)) {
            // Pages often declare ISO-8859-1 while really sending UTF-8; trust bytes that are valid UTF-8
            // and contain multi-byte sequences over a Latin-1 family declaration.
            if (isLatinFamily(declared) && hasMultiByteUtf8(bytes)) {
                String utf8 = strictUtf8(bytes);
                if (utf8 != null) {
                    return utf8;
                }
            }
            return new String(bytes, declared);
        }
        if (declared != null) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        String utf8 = strictUtf8(bytes);
        return utf8 != null ? utf8 : new String(bytes, WINDOWS_1252);
    }

    /** Finds {@code <meta charset=..>} or {@code <meta http-equiv content="..;charset=..">} in the head. */
    static Charset declaredCharset(byte[] bytes) {
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
            int cs = tag.indexOf("charset");
            if (cs >= 0) {
                Charset c = charsetAt(tag, cs + "charset".length());
                if (c != null) {
                    return c;
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
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isLatinFamily(Charset c) {
        String n = c.name().toLowerCase(Locale.ROOT);
        return n.startsWith("windows-125") || n.startsWith("iso-8859") || n.equals("us-ascii");
    }

    private static boolean hasMultiByteUtf8(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * Decodes as UTF-8, or returns null when the bytes are not valid UTF-8. A sequence cut off by
     * the end of the input (a truncated download) does not count against it.
     */
    static String strictUtf8(byte[] bytes) {
        int n = bytes.length;
        int cut = n;
        for (int i = n - 1; i >= 0 && i >= n - 3; i--) {
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
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, cut))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
