package io.newsflow.newsroom.search;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where the next page starts: the last hit's sort values ({@code search_after}), as an opaque,
 * URL-safe string. Deep paging never uses {@code from}, so page 500 costs what page 2 costs.
 *
 * <p>A cursor comes back from outside, so it is checked against the sort it is used with before
 * it reaches the index: {@code [publishedAt, id]} for newest first, {@code [score, publishedAt,
 * id]} for most relevant first, with a whole number of milliseconds, an id and a number where
 * the index expects them. Elasticsearch refuses {@code search_after} values of the wrong type or
 * count (a 400 that could only say "the index could not run this query") and silently coerces
 * some others (1.5 for a date); a forged cursor is refused here instead, naming {@code after}.
 */
final class Cursor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Cursor() {
    }

    static String encode(List<Object> sortValues) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(sortValues));
    }

    /** Base64url without padding, as {@link #encode} writes it (length aside: {@link NewsQuery#MAX_CURSOR}). */
    static final String PATTERN = "^[A-Za-z0-9_-]+$";

    /** The longest id a cursor may carry: article ids are 32 characters. */
    private static final int MAX_ID = 100;

    /**
     * The sort values for a query sorted by {@code sort}, or null when this is not a cursor this
     * service could have made for it.
     */
    static List<Object> decode(String cursor, NewsQuery.Sort sort) {
        List<Object> values = decode(cursor);
        if (values == null) {
            return null;
        }
        int at = 0;
        if (sort == NewsQuery.Sort.RELEVANCE) {
            if (values.size() != 3 || !(values.get(0) instanceof Number)) {
                return null;
            }
            at = 1;
        } else if (values.size() != 2) {
            return null;
        }
        // the publication time in epoch milliseconds (a missing date sorts as Long.MIN_VALUE, never null)
        if (!(values.get(at) instanceof Long) || !(values.get(at + 1) instanceof String id) || id.isEmpty()
                || id.length() > MAX_ID) {
            return null;
        }
        return values;
    }

    /** The sort values, or null when this is not a cursor this service could have made. */
    static List<Object> decode(String cursor) {
        try {
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(cursor.getBytes(StandardCharsets.US_ASCII)));
            if (!node.isArray() || node.size() < 1 || node.size() > 3) {
                return null;
            }
            List<Object> values = new ArrayList<>();
            for (JsonNode value : node) {
                if (value.isNumber()) {
                    values.add(value.isIntegralNumber() ? (Object) value.asLong() : (Object) value.asDouble());
                } else if (value.isNull()) {
                    values.add(null);
                } else if (value.isString() && value.asString().length() <= MAX_ID) {
                    values.add(value.asString());
                } else {
                    return null;
                }
            }
            return values;
        } catch (RuntimeException e) {
            return null;
        }
    }
}
