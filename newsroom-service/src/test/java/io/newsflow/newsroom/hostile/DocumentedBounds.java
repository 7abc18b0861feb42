package io.newsflow.newsroom.hostile;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The bounds of an operation's query parameters as the served OpenAPI document states them, read
 * back from the document and nothing else: the fuzzing's judge of what the API must refuse. It
 * knows maxLength/minLength (in code points), pattern, enum, minimum/maximum of integers, maxItems
 * of repeatable ones, required, and that every other parameter is unknown; it does not know what
 * only the service can check (a calendar date, from before to, a cursor it gave out).
 */
public final class DocumentedBounds {

    private final Map<String, JsonNode> parameters = new LinkedHashMap<>();
    private final Map<String, Pattern> patterns = new LinkedHashMap<>();

    public DocumentedBounds(JsonNode document, String path) {
        for (JsonNode parameter : document.path("paths").path(path).path("get").path("parameters")) {
            if (parameter.path("in").asString().equals("query")) {
                parameters.put(parameter.path("name").asString(), parameter);
                String pattern = schema(parameter).path("pattern").asString(null);
                if (pattern != null) {
                    // ECMAScript's $ is the end of input; Java's also matches before a final line break
                    patterns.put(parameter.path("name").asString(),
                            Pattern.compile(pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) + "\\z"
                                    : pattern));
                }
            }
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the document lists no query parameters of " + path);
        }
    }

    public Set<String> names() {
        return parameters.keySet();
    }

    public JsonNode schema(String name) {
        return schema(parameters.get(name));
    }

    private static JsonNode schema(JsonNode parameter) {
        JsonNode schema = parameter.path("schema");
        return schema.path("type").asString().equals("array") ? schema.path("items") : schema;
    }

    /** The parameters whose values the document puts out of bounds (unknown ones included). */
    public Set<String> violations(List<Map.Entry<String, String>> query) {
        Map<String, List<String>> byName = new LinkedHashMap<>();
        query.forEach(p -> byName.computeIfAbsent(p.getKey(), k -> new ArrayList<>()).add(p.getValue()));
        Set<String> violations = new LinkedHashSet<>();
        for (var parameter : parameters.entrySet()) {
            if (parameter.getValue().path("required").asBoolean() && !byName.containsKey(parameter.getKey())) {
                violations.add(parameter.getKey());
            }
        }
        byName.forEach((name, values) -> {
            JsonNode parameter = parameters.get(name);
            if (parameter == null) {
                violations.add(name);
                return;
            }
            boolean array = parameter.path("schema").path("type").asString().equals("array");
            if (array ? values.size() > parameter.path("schema").path("maxItems").asInt(Integer.MAX_VALUE)
                    : values.size() > 1) {
                violations.add(name);
                return;
            }
            for (String value : values) {
                if (value.isEmpty() && parameter.path("allowEmptyValue").asBoolean()) {
                    if (parameter.path("required").asBoolean()) {
                        violations.add(name);
                    }
                    continue;
                }
                if (!fits(name, schema(parameter), value)) {
                    violations.add(name);
                }
            }
        });
        return violations;
    }

    private boolean fits(String name, JsonNode schema, String value) {
        if (schema.path("type").asString().equals("integer")) {
            if (!value.matches("-?[0-9]+")) {
                return false;
            }
            BigInteger number = new BigInteger(value);
            return (!schema.has("minimum") || number.compareTo(schema.get("minimum").bigIntegerValue()) >= 0)
                    && (!schema.has("maximum") || number.compareTo(schema.get("maximum").bigIntegerValue()) <= 0);
        }
        int length = value.codePointCount(0, value.length());
        if (schema.has("maxLength") && length > schema.get("maxLength").asInt()
                || schema.has("minLength") && length < schema.get("minLength").asInt()) {
            return false;
        }
        if (patterns.containsKey(name) && !patterns.get(name).matcher(value).find()) {
            return false;
        }
        if (schema.has("enum")) {
            boolean listed = false;
            for (JsonNode choice : schema.get("enum")) {
                listed |= choice.asString().equals(value);
            }
            return listed;
        }
        return true;
    }
}
