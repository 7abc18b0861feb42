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
 */
final class Cursor {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Cursor() {
    }

    static String encode(List<Object> sortValues) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(sortValues));
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
                } else if (value.isString() && value.asString().length() <= 100) {
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
