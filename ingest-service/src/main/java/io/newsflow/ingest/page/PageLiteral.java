package io.newsflow.ingest.page;

/**
 * Finds the page in a submission before Jackson reads it, so that Jackson never walks it.
 *
 * <p>Why: a submission is a few hundred bytes of fields around a page of 100 KB or more. The page
 * has to be scanned once anyway, to validate it and find where it ends ({@link PageText#read});
 * Jackson would then scan it a second time just to skip it, and has no way to be told where a
 * string ends. That second pass was a third of the service's CPU per post. So this walks the
 * top level of the object (strings by {@link PageText#read}, nested values by depth), takes the
 * first {@code "html"} or {@code "text"} member's literal, and hands Jackson the submission with
 * that literal emptied ({@code ""}); the deserializer then returns the page read here for it.
 *
 * <p>It is a locator, not a parser: it decides nothing about validity. On anything it does not
 * expect (malformed JSON, a field name written with escapes, an invalid string) it gives up and
 * the submission is read as it came, by Jackson alone, whose strict reading and error messages
 * stay the only ones. What it does find is exactly what Jackson would read for that member: the
 * bytes before the literal are kept as they are, so offsets and the structure around match.
 */
public final class PageLiteral {

    /**
     * The submission with the page's literal emptied, and the page.
     *
     * @param json   the submission, the literal replaced by {@code ""} at {@code offset}
     * @param offset where the emptied literal's opening quote is (the same as in the original)
     * @param html   whether it is the {@code html} member (else {@code text})
     * @param page   the literal as it was, validated
     */
    public record Found(byte[] json, int offset, boolean html, PageText page) {
    }

    private PageLiteral() {
    }

    /**
     * The first top-level {@code html} or {@code text} member's literal, or null when there is
     * none or the submission is not what the locator expects (Jackson then reads it whole).
     *
     * @throws InvalidPage if that member's literal breaks a rule of {@link PageText}: the
     *                     submission is refused
     */
    public static Found find(byte[] json) {
        try {
            return scan(json);
        } catch (PageText.InvalidPageException | IndexOutOfBoundsException e) {
            return null;
        }
    }

    /** The page member's literal itself is invalid (as opposed to another string on the way). */
    public static final class InvalidPage extends RuntimeException {

        private final String field;

        InvalidPage(String field, PageText.InvalidPageException cause) {
            super(cause.getMessage(), cause);
            this.field = field;
        }

        /** {@code html} or {@code text}. */
        public String field() {
            return field;
        }
    }

    private static Found scan(byte[] json) {
        int i = whitespace(json, 0);
        if (json[i] != '{') {
            return null;
        }
        i = whitespace(json, i + 1);
        if (json[i] == '}') {
            return null;
        }
        while (true) {
            if (json[i] != '"') {
                return null;
            }
            int nameAt = i;
            PageText name = PageText.read(json, i);
            boolean page = isPageField(json, i, name.length());
            i = whitespace(json, i + name.length());
            if (json[i] != ':') {
                return null;
            }
            i = whitespace(json, i + 1);
            if (page && json[i] == '"') {
                PageText literal;
                try {
                    literal = PageText.read(json, i);
                } catch (PageText.InvalidPageException invalid) {
                    throw new InvalidPage(json[nameAt + 1] == 'h' ? "html" : "text", invalid);
                }
                return new Found(emptied(json, i, literal.length()), i, json[nameAt + 1] == 'h', literal);
            }
            i = whitespace(json, skipValue(json, i));
            if (json[i] == '}') {
                return null;
            }
            if (json[i] != ',') {
                return null;
            }
            i = whitespace(json, i + 1);
        }
    }

    /** {@code "html"} or {@code "text"}, written plainly (a name with escapes is left to Jackson). */
    private static boolean isPageField(byte[] json, int at, int length) {
        return length == 6 && (json[at + 1] == 'h' && json[at + 2] == 't' && json[at + 3] == 'm' && json[at + 4] == 'l'
                || json[at + 1] == 't' && json[at + 2] == 'e' && json[at + 3] == 'x' && json[at + 4] == 't');
    }

    /** Index after the value at {@code i}: a string, an object or array (by depth), or a scalar. */
    private static int skipValue(byte[] json, int i) {
        if (json[i] == '"') {
            return i + PageText.read(json, i).length();
        }
        if (json[i] != '{' && json[i] != '[') {
            while (json[i] != ',' && json[i] != '}' && json[i] != ']' && !isWhitespace(json[i])) {
                i++;
            }
            return i;
        }
        int depth = 0;
        do {
            byte b = json[i];
            if (b == '"') {
                i += PageText.read(json, i).length();
                continue;
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
            i++;
        } while (depth > 0);
        return i;
    }

    private static byte[] emptied(byte[] json, int start, int length) {
        byte[] reduced = new byte[json.length - length + 2];
        System.arraycopy(json, 0, reduced, 0, start + 1);
        System.arraycopy(json, start + length - 1, reduced, start + 1, json.length - start - length + 1);
        return reduced;
    }

    private static int whitespace(byte[] json, int i) {
        while (isWhitespace(json[i])) {
            i++;
        }
        return i;
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }
}
