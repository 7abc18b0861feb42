package io.newsflow.ingest.intake;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.Source;
import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The rules that fields of every public input share, so that a URL, a source, a name or an id is
 * held to the same bounds whether it comes with an article, a feed, a fetch or a subscription.
 * Each request type declares its own fields' bounds next to itself (a {@code Bounds} class in
 * the record, which the OpenAPI annotations read too); this class holds only what they share.
 *
 * <p>Two kinds of strings, and the characters each may hold:
 * <ul>
 * <li><b>text</b> written by people for people (a title, an author's name, a source's name, a
 *     metadata value): no NUL or other control character except tab, line feed and carriage
 *     return, no unpaired surrogate, and none of the bidi embeddings, overrides and isolates
 *     (U+202A–U+202E, U+2066–U+2069), which reorder whatever is displayed after them (newsroom,
 *     dashboards, logs) and are needed to write no language. Joiners (ZWJ, ZWNJ: Persian, Indic
 *     scripts, emoji) and direction marks (LRM, RLM, ALM) are part of real text and stay allowed.
 * <li><b>names</b> that identify something (a URL, a metadata key, a code, a domain, an id): no
 *     control, format (bidi, zero-width, BOM, soft hyphen), private-use, unassigned, line or
 *     paragraph separator character, nor an unpaired surrogate: two names that look the same
 *     must be the same.
 * </ul>
 * Nothing is stripped or cut: a value over a bound or with a character it may not hold is
 * refused (422, naming the field), so what is accepted is what was sent.
 *
 * <p>Lengths are counted in Unicode code points, as JSON Schema's {@code maxLength} counts them.
 */
public final class FieldRules {

    /**
     * The longest URL accepted anywhere (articles, feeds, fetches, webhooks): 2,048 characters.
     * Why that number: the index keeps {@code url} and {@code canonicalUrl} as keywords only up to
     * 2,048 characters ({@code ignore_above}), so a longer URL would be accepted but could never be
     * found by URL; the outbound guard that fetches pages and calls webhooks stops at the same
     * length; and it is the sitemap protocol's limit and the de-facto safe length of a link
     * (browsers and servers differ above it, the smallest common limits being around 8 KB for a
     * whole request line).
     */
    public static final int MAX_URL = 2048;

    /**
     * A source's name: what feeds always allowed, and what the index keeps of it as a keyword
     * ({@code ignore_above}); a publisher's name is far shorter.
     */
    public static final int MAX_SOURCE_NAME = 1024;

    /** A source's domain: a DNS name's longest written form (RFC 1035). */
    public static final int MAX_SOURCE_DOMAIN = 253;

    /** A host name in ASCII (an IDN in its punycode form), labels of 1 to 63 letters, digits, hyphens. */
    public static final String DOMAIN_PATTERN =
            "^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?$";

    /** Ids in paths (articles, feeds, subscriptions): 32 lower-case hex digits. */
    public static final String ID_PATTERN = "^[0-9a-f]{32}$";

    private static final Pattern DOMAIN = Pattern.compile(DOMAIN_PATTERN);
    private static final Pattern ID = Pattern.compile(ID_PATTERN);

    private FieldRules() {
    }

    /** One problem with one field: the same shape as {@link InvalidArticleException.FieldError}. */
    public interface Errors {
        void add(String field, String message);
    }

    /**
     * True for a value that counts as not given: null, empty, or only spaces, tabs and line
     * breaks (JSON's white space). Java's {@link String#isBlank()} is not used for this: it counts
     * the control characters U+001C to U+001F as white space, and a value made of them must be
     * refused as what it is, not ignored as absent.
     */
    public static boolean isAbsent(String value) {
        if (value == null) {
            return true;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!isJsonSpace(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * True for a value to be checked: present, or absent-looking but over its bound (a URL of
     * 100,000 spaces is refused as too long, not ignored as blank: the bound holds for any value).
     */
    public static boolean given(String value, int max) {
        return value != null && (!isAbsent(value) || length(value, max) != null);
    }

    /** The value without surrounding spaces, tabs and line breaks (and nothing else: see {@link #isAbsent}). */
    public static String trim(String value) {
        int start = 0;
        int end = value.length();
        while (start < end && isJsonSpace(value.charAt(start))) {
            start++;
        }
        while (end > start && isJsonSpace(value.charAt(end - 1))) {
            end--;
        }
        return value.substring(start, end);
    }

    private static boolean isJsonSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    /** True for a well-formed id; anything else cannot name a resource (404, never a lookup). */
    public static boolean isId(String id) {
        return id != null && ID.matcher(id).matches();
    }

    /**
     * What is wrong with an absolute http(s) URL as sent, or null: at most {@link #MAX_URL}
     * characters (checked before it is parsed), a name's characters only (surrounding spaces
     * aside), a host, no credentials, a port from 1 to 65535, and a canonical form (the article
     * id is made from it) within the bound too.
     */
    public static String url(String sent) {
        if (length(sent, MAX_URL) != null) {
            return length(sent, MAX_URL);
        }
        String url = trim(sent);
        String characters = nameCharacters(url);
        if (characters != null) {
            return characters;
        }
        if (url.codePoints().anyMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c))) {
            return "contains white space (encode it as %20)";
        }
        String canonical;
        try {
            canonical = ArticleIds.canonicalUrl(url);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        int port = URI.create(canonical).getPort();
        if (port == 0) {
            return "has an invalid port";
        }
        if (URI.create(canonical).getHost().length() > MAX_SOURCE_DOMAIN) {
            return "has a host longer than " + MAX_SOURCE_DOMAIN + " characters";
        }
        if (length(canonical, MAX_URL) != null) {
            return "is longer than " + MAX_URL + " characters once canonical";
        }
        return null;
    }

    /**
     * Checks a source as posted ({@code "Reuters"} or {@code {"name", "domain"}}): the name is
     * text of at most {@link #MAX_SOURCE_NAME} characters, the domain a host name of at most
     * {@link #MAX_SOURCE_DOMAIN}. Whether a source is required is the caller's rule.
     */
    public static void source(Source source, Errors errors) {
        if (source == null) {
            return;
        }
        if (source.name() != null) {
            String problem = text(source.name(), MAX_SOURCE_NAME);
            if (problem != null) {
                errors.add("source.name", problem);
            }
        }
        if (given(source.domain(), MAX_SOURCE_DOMAIN)) {
            String domain = source.domain();
            if (domain.length() > MAX_SOURCE_DOMAIN) {
                errors.add("source.domain", "is longer than " + MAX_SOURCE_DOMAIN + " characters");
            } else if (!DOMAIN.matcher(domain).matches()) {
                errors.add("source.domain", "must be a host name such as example.com (an IDN in its xn-- form)");
            }
        }
    }

    /** What is wrong with a text field (see the class comment), or null. */
    public static String text(String value, int max) {
        String length = length(value, max);
        if (length != null) {
            return length;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\u0000') {
                return "must not contain NUL characters";
            }
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return "contains a control character (" + codePoint(c) + ")";
            }
            if (c >= '\u202A' && c <= '\u202E' || c >= '\u2066' && c <= '\u2069') {
                return "contains a bidi embedding, override or isolate (" + codePoint(c) + ")";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate (not valid Unicode)";
                }
            }
        }
        return null;
    }

    /** What is wrong with a name (see the class comment), or null. */
    public static String name(String value, int max) {
        String length = length(value, max);
        return length != null ? length : nameCharacters(value);
    }

    /**
     * Each value of a list checked as text, named {@code field.index}. A null or blank value is
     * refused, or skipped where {@code blankIsNothing} (a list that always left those out).
     */
    public static void texts(String field, List<String> values, int maxValues, int max, boolean blankIsNothing,
            Errors errors) {
        if (values.size() > maxValues) {
            errors.add(field, "has more than " + maxValues + " values");
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i);
            if (blankIsNothing && !given(value, max)) {
                continue;
            }
            String problem = value == null ? "must not be null" : isAbsent(value) ? "is blank" : text(value, max);
            if (problem != null) {
                errors.add(field + "." + i, problem);
            }
        }
    }

    private static String length(String value, int max) {
        if (value.length() > max && (value.length() > 2 * max || value.codePointCount(0, value.length()) > max)) {
            return "is longer than " + max + " characters";
        }
        return null;
    }

    private static String nameCharacters(String value) {
        for (int i = 0; i < value.length(); ) {
            int c = value.codePointAt(i);
            if (c == 0) {
                return "must not contain NUL characters";
            }
            switch (Character.getType(c)) {
                case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.UNASSIGNED,
                        Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SURROGATE -> {
                    return "contains an invisible or control character (" + codePoint(c) + ")";
                }
                default -> i += Character.charCount(c);
            }
        }
        return null;
    }

    private static String codePoint(int c) {
        return String.format("U+%04X", c);
    }
}
