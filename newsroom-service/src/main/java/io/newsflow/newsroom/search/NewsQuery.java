package io.newsflow.newsroom.search;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What a reader asks the newsroom for: words, filters, a time range and an order, exactly as the
 * URL carries them ({@code ?q=...&person=...&country=BY&from=2024-05-01}), so a link can be shared
 * and Back works. Read from request parameters with every value bounded; what breaks a bound is
 * refused with the parameter named, never truncated.
 *
 * <p>The bounds are declared here, once: the checks below use these constants and patterns, and
 * the OpenAPI document ({@code /openapi.json}) is built from the same ones, so what is documented
 * is what is enforced. The patterns are written to mean the same in Java and in the ECMAScript
 * dialect OpenAPI uses (code points escaped as backslash-u and four hex digits, no classes such
 * as {@code \p{Cc}}). Lengths count Unicode code points, as JSON Schema's {@code maxLength} does.
 * An empty value of a parameter given once counts as not given (a form's empty field); an empty
 * filter value is refused.
 *
 * <p>Characters: the words and filter values are text from people, so what no text needs is
 * refused rather than passed to the index: control characters (NUL and the other C0 and C1 codes,
 * DEL; in the words tab and line breaks are allowed, as spaces) and the bidirectional embeddings,
 * overrides and isolates (U+202A–U+202E, U+2066–U+2069), which reorder whatever is shown after
 * them. Joiners (ZWJ, ZWNJ: Persian, Indic scripts, emoji) and direction marks stay allowed.
 * Bytes that are not UTF-8 never get this far: the query string cannot be read at all (a 400).
 *
 * <p>Dates are bounded to the years {@value #MIN_YEAR} to {@value #MAX_YEAR}: no article is
 * published outside them, and beyond them Java and Elasticsearch disagree (Elasticsearch refuses
 * years past 292 million; Java's {@code LocalDate} ends at 999,999,999, where the day after a
 * {@code to} date does not exist).
 *
 * @param text    the search words in the safe syntax of Elasticsearch's {@code simple_query_string}
 *                ("quotes", AND/OR, {@code -} to exclude); blank: everything
 * @param filters facet filters by facet (people, organizations, places, countries, topics,
 *                languages, sources, tones), each a set of values that must all match
 * @param from    published at or after (inclusive), or null
 * @param to      published before (exclusive), or null
 * @param sort    newest first, or most relevant first
 * @param size    results per page
 * @param after   where the next page starts (an opaque cursor from the previous page), or null
 */
public record NewsQuery(String text, Map<Facet, List<String>> filters, Instant from, Instant to, Sort sort, int size,
        String after) {

    /** The longest search ({@code q}), in characters: a long question is 30 words. */
    public static final int MAX_TEXT = 500;
    /** How often one filter parameter may be repeated (all must match: more narrows nothing useful). */
    public static final int MAX_VALUES = 10;
    /** The longest filter value, in characters: as long as the index keeps a keyword of a name. */
    public static final int MAX_VALUE_LENGTH = 200;
    /** The fewest results a page may ask for. */
    public static final int MIN_SIZE = 1;
    /** The most results a page may ask for (each hit carries snippets and facets are per search). */
    public static final int MAX_SIZE = 50;
    public static final int DEFAULT_SIZE = 20;
    /** The longest cursor ({@code after}): the ones given out are under 100 characters. */
    public static final int MAX_CURSOR = 1000;
    /** The earliest year a date ({@code from}, {@code to}, {@code since}) may name. */
    public static final int MIN_YEAR = 1900;
    /** The latest year a date may name. */
    public static final int MAX_YEAR = 2200;
    /** The longest date or instant: {@code 2200-12-31T23:59:59.999999999+18:00}. */
    public static final int MAX_TIME_LENGTH = 35;

    /** Characters the words ({@code q}) may not hold: controls other than tab and line breaks, bidi overrides and isolates. */
    private static final String NOT_IN_TEXT = "\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F-\\u009F"
            + "\\u202A-\\u202E\\u2066-\\u2069";
    /** Characters a filter value may not hold: every control character, bidi overrides and isolates. */
    private static final String NOT_IN_VALUE = "\\u0000-\\u001F\\u007F-\\u009F\\u202A-\\u202E\\u2066-\\u2069";

    /** The words: any text without the characters of {@link #NOT_IN_TEXT}. */
    public static final String TEXT_PATTERN = "^[^" + NOT_IN_TEXT + "]*$";
    /** A filter value that names something (a person, a place...): text, not only spaces. */
    public static final String VALUE_PATTERN = "^[^" + NOT_IN_VALUE + "]*[^\\u0020" + NOT_IN_VALUE + "][^"
            + NOT_IN_VALUE + "]*$";
    /** A year from {@value #MIN_YEAR} to {@value #MAX_YEAR}, written with four digits. */
    private static final String YEAR = "(19[0-9]{2}|2[01][0-9]{2}|2200)";
    private static final String DAY = YEAR + "-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])";
    private static final String TIME = "T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]{1,9})?"
            + "(Z|[+-](0[0-9]|1[0-8]):[0-5][0-9])";
    /** {@code from} and {@code to}: a day ({@code 2024-05-01}) or an instant ({@code 2024-05-01T10:00:00Z}). */
    public static final String DATE_PATTERN = "^" + DAY + "(" + TIME + ")?$";
    /** {@code since}: an instant ({@code 2024-05-01T10:00:00Z}, or with an offset). */
    public static final String INSTANT_PATTERN = "^" + DAY + TIME + "$";
    /** A cursor as {@link Cursor} writes it: base64url without padding. */
    public static final String CURSOR_PATTERN = Cursor.PATTERN;
    /** An article id in a path: 32 lower-case hex digits. */
    public static final String ID_PATTERN = "^[0-9a-f]{32}$";

    private static final Pattern TEXT = Pattern.compile(TEXT_PATTERN);
    private static final Pattern VALUE = Pattern.compile(VALUE_PATTERN);
    private static final Pattern DATE = Pattern.compile(DATE_PATTERN);
    private static final Pattern INSTANT = Pattern.compile(INSTANT_PATTERN);
    private static final Pattern CURSOR = Pattern.compile(CURSOR_PATTERN);
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    public enum Sort {
        NEWEST, RELEVANCE;

        /** How the URL writes it. */
        public String parameter() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** The parameters of {@code /search} (and of {@code /search/new}, which adds {@code since}). */
    public static final List<String> SEARCH_PARAMETERS = searchParameters();

    public NewsQuery {
        filters = Map.copyOf(filters);
    }

    /** Everything, newest first. */
    public static NewsQuery everything() {
        return new NewsQuery("", Map.of(), null, null, Sort.NEWEST, DEFAULT_SIZE, null);
    }

    /** The same query for the next page. */
    public NewsQuery after(String cursor) {
        return new NewsQuery(text, filters, from, to, sort, size, cursor);
    }

    /** A parameter that breaks a rule, named. */
    public record Invalid(String parameter, String message) {
    }

    /** Thrown with every invalid parameter at once. */
    public static final class InvalidQueryException extends RuntimeException {
        private final List<Invalid> errors;

        InvalidQueryException(List<Invalid> errors) {
            super(errors.size() + " invalid parameter(s)", null, false, false);
            this.errors = List.copyOf(errors);
        }

        public List<Invalid> errors() {
            return errors;
        }
    }

    /** A search and the instant {@code /search/new} counts from. */
    public record Since(NewsQuery query, Instant since) {
    }

    /**
     * Reads the parameters of {@code /search}.
     *
     * @throws InvalidQueryException naming every parameter that breaks a bound
     */
    public static NewsQuery from(Map<String, List<String>> parameters) {
        return read(parameters, false).query();
    }

    /**
     * Reads the parameters of {@code /search/new}: those of a search and {@code since} (required),
     * every broken bound named at once.
     *
     * @throws InvalidQueryException naming every parameter that breaks a bound
     */
    public static Since since(Map<String, List<String>> parameters) {
        return read(parameters, true);
    }

    /**
     * Refuses every parameter: for an endpoint that takes none ({@code /articles/{id}}), where an
     * unknown parameter is refused as on the others, not ignored.
     *
     * @throws InvalidQueryException naming each
     */
    public static void none(Map<String, List<String>> parameters) {
        if (!parameters.isEmpty()) {
            throw new InvalidQueryException(parameters.keySet().stream()
                    .map(name -> new Invalid(name, "is not a parameter of this endpoint")).toList());
        }
    }

    private static Since read(Map<String, List<String>> parameters, boolean withSince) {
        List<Invalid> errors = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!SEARCH_PARAMETERS.contains(name) && !(withSince && name.equals("since"))) {
                errors.add(new Invalid(name, "is not a parameter of this endpoint"));
            }
        }
        String text = single(parameters, "q", errors);
        if (text == null) {
            text = "";
        } else if (longer(text, MAX_TEXT)) {
            errors.add(new Invalid("q", "must be at most " + MAX_TEXT + " characters"));
        } else if (!TEXT.matcher(text).matches()) {
            errors.add(new Invalid("q", "must not contain control characters (other than tab and line breaks) "
                    + "or bidirectional overrides and isolates"));
        }
        Map<Facet, List<String>> filters = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            List<String> values = parameters.getOrDefault(facet.parameter(), List.of());
            if (values.isEmpty()) {
                continue;
            }
            if (values.size() > MAX_VALUES) {
                errors.add(new Invalid(facet.parameter(), "may be given at most " + MAX_VALUES + " times"));
                continue;
            }
            List<String> kept = new ArrayList<>();
            for (String value : values) {
                if (value == null || longer(value, MAX_VALUE_LENGTH) || !VALUE.matcher(value).matches()) {
                    errors.add(new Invalid(facet.parameter(), "values must be 1-" + MAX_VALUE_LENGTH
                            + " characters, not only spaces, without control characters or bidirectional overrides"));
                } else if (!facet.accepts(value)) {
                    errors.add(new Invalid(facet.parameter(), facet.rule()));
                } else {
                    kept.add(facet.normalise(value));
                }
            }
            filters.put(facet, List.copyOf(kept));
        }
        Instant from = instant(parameters, "from", false, errors);
        Instant to = instant(parameters, "to", true, errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new Invalid("to", "must be after from"));
        }
        Sort sort = Sort.NEWEST;
        boolean sortRead = true;
        String sortValue = single(parameters, "sort", errors);
        if (sortValue != null) {
            sort = Arrays.stream(Sort.values()).filter(s -> s.parameter().equals(sortValue)).findFirst().orElse(null);
            if (sort == null) {
                errors.add(new Invalid("sort", "must be newest or relevance"));
                sort = Sort.NEWEST;
                sortRead = false;
            }
        }
        int size = DEFAULT_SIZE;
        String sizeValue = single(parameters, "size", errors);
        if (sizeValue != null) {
            // digits only: Integer.parseInt would take "+5" and other scripts' digits ("٥")
            size = sizeValue.length() <= 9 && DIGITS.matcher(sizeValue).matches() ? Integer.parseInt(sizeValue) : -1;
            if (size < MIN_SIZE || size > MAX_SIZE) {
                errors.add(new Invalid("size", "must be a whole number from " + MIN_SIZE + " to " + MAX_SIZE));
            }
        }
        String after = single(parameters, "after", errors);
        if (after != null && (longer(after, MAX_CURSOR) || !CURSOR.matcher(after).matches()
                || (sortRead ? Cursor.decode(after, sort) : Cursor.decode(after)) == null)) {
            errors.add(new Invalid("after", "is not a cursor this service gave out for this sort order"));
        }
        Instant since = null;
        if (withSince) {
            since = since(parameters, errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return new Since(new NewsQuery(text.strip(), filters, from, to, sort, size, after), since);
    }

    private static List<String> searchParameters() {
        List<String> names = new ArrayList<>(List.of("q"));
        for (Facet facet : Facet.values()) {
            names.add(facet.parameter());
        }
        names.addAll(List.of("from", "to", "sort", "size", "after"));
        return List.copyOf(names);
    }

    /** The value of a parameter given at most once, or null when absent or empty. */
    private static String single(Map<String, List<String>> parameters, String name, List<Invalid> errors) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(new Invalid(name, "may be given once"));
        }
        String value = values.get(0);
        return value == null || value.isEmpty() ? null : value;
    }

    /** More than {@code max} code points (counted only when the UTF-16 length says it might be). */
    private static boolean longer(String value, int max) {
        return value.length() > max && value.codePointCount(0, value.length()) > max;
    }

    private static final String DATE_RULE = "must be a date (2024-05-01) or an instant (2024-05-01T10:00:00Z) "
            + "in the years " + MIN_YEAR + " to " + MAX_YEAR;

    /** A date (its start, or with {@code endOfDay} the start of the next day, UTC) or an instant. */
    private static Instant instant(Map<String, List<String>> parameters, String name, boolean endOfDay,
            List<Invalid> errors) {
        String value = single(parameters, name, errors);
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_TIME_LENGTH || !DATE.matcher(value).matches()) {
            errors.add(new Invalid(name, DATE_RULE));
            return null;
        }
        try {
            if (value.indexOf('T') > 0) {
                return Instant.parse(value);
            }
            LocalDate day = LocalDate.parse(value);
            return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeException notADay) { // 2024-02-30, or an offset past 18 hours
            errors.add(new Invalid(name, DATE_RULE));
            return null;
        }
    }

    /** {@code since}: required, an instant in the years {@link #MIN_YEAR} to {@link #MAX_YEAR}. */
    private static Instant since(Map<String, List<String>> parameters, List<Invalid> errors) {
        String rule = "must be given once, as an instant such as 2024-05-01T10:00:00Z in the years " + MIN_YEAR
                + " to " + MAX_YEAR;
        List<String> values = parameters.get("since");
        if (values == null || values.size() != 1 || values.get(0) == null
                || values.get(0).length() > MAX_TIME_LENGTH || !INSTANT.matcher(values.get(0)).matches()) {
            errors.add(new Invalid("since", rule));
            return null;
        }
        try {
            return Instant.parse(values.get(0));
        } catch (DateTimeException e) {
            errors.add(new Invalid("since", rule));
            return null;
        }
    }
}
