package io.newsflow.newsroom.search;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a reader asks the newsroom for: words, filters, a time range and an order, exactly as the
 * URL carries them ({@code ?q=...&person=...&country=BY&from=2024-05-01}), so a link can be shared
 * and Back works. Read from request parameters with every value bounded; what breaks a bound is
 * refused with the parameter named, never truncated.
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

    public static final int MAX_TEXT = 500;
    public static final int MAX_VALUES = 10;
    public static final int MAX_VALUE_LENGTH = 200;
    public static final int MAX_SIZE = 50;
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_CURSOR = 1000;

    public enum Sort { NEWEST, RELEVANCE }

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

    /**
     * Reads request parameters.
     *
     * @throws InvalidQueryException naming every parameter that breaks a bound
     */
    public static NewsQuery from(Map<String, List<String>> parameters) {
        List<Invalid> errors = new ArrayList<>();
        for (String name : parameters.keySet()) {
            if (!KNOWN.contains(name)) {
                errors.add(new Invalid(name, "is not a parameter of this endpoint"));
            }
        }
        String text = single(parameters, "q", errors);
        if (text == null) {
            text = "";
        } else if (text.length() > MAX_TEXT) {
            errors.add(new Invalid("q", "must be at most " + MAX_TEXT + " characters"));
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
                if (value.isBlank() || value.length() > MAX_VALUE_LENGTH || hasControl(value)) {
                    errors.add(new Invalid(facet.parameter(), "values must be 1-" + MAX_VALUE_LENGTH
                            + " characters without control characters"));
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
        String sortValue = single(parameters, "sort", errors);
        if (sortValue != null) {
            try {
                sort = Sort.valueOf(sortValue.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add(new Invalid("sort", "must be newest or relevance"));
            }
        }
        int size = DEFAULT_SIZE;
        String sizeValue = single(parameters, "size", errors);
        if (sizeValue != null) {
            try {
                size = Integer.parseInt(sizeValue);
                if (size < 1 || size > MAX_SIZE) {
                    errors.add(new Invalid("size", "must be 1 to " + MAX_SIZE));
                }
            } catch (NumberFormatException e) {
                errors.add(new Invalid("size", "must be a number from 1 to " + MAX_SIZE));
            }
        }
        String after = single(parameters, "after", errors);
        if (after != null && (after.length() > MAX_CURSOR || Cursor.decode(after) == null)) {
            errors.add(new Invalid("after", "is not a cursor this service gave out"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidQueryException(errors);
        }
        return new NewsQuery(text.strip(), filters, from, to, sort, size, after);
    }

    /** The parameter names the search endpoints read. */
    private static final Set<String> KNOWN = known();

    private static Set<String> known() {
        Set<String> known = new HashSet<>(List.of("q", "from", "to", "sort", "size", "after", "since"));
        for (Facet facet : Facet.values()) {
            known.add(facet.parameter());
        }
        return Set.copyOf(known);
    }

    private static String single(Map<String, List<String>> parameters, String name, List<Invalid> errors) {
        List<String> values = parameters.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            errors.add(new Invalid(name, "may be given once"));
        }
        String value = values.get(0);
        return value == null || value.isBlank() ? null : value;
    }

    /** A date (its start, or with {@code endOfDay} the start of the next day, UTC) or an instant. */
    private static Instant instant(Map<String, List<String>> parameters, String name, boolean endOfDay,
            List<Invalid> errors) {
        String value = single(parameters, name, errors);
        if (value == null) {
            return null;
        }
        if (value.length() > 40) {
            errors.add(new Invalid(name, "must be a date (2024-05-01) or an instant (2024-05-01T10:00:00Z)"));
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            try {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                errors.add(new Invalid(name, "must be a date (2024-05-01) or an instant (2024-05-01T10:00:00Z)"));
                return null;
            }
        }
    }

    private static boolean hasControl(String value) {
        return value.chars().anyMatch(c -> c < 0x20 || c == 0x7f);
    }
}
