package io.newsflow.enrich.extraction;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON-LD blocks of pages as publishers really write them: raw newlines in strings,
 * trailing commas, single quotes, comments, HTML comment or CDATA wrappers. Jackson's lenient
 * read features cover all but the wrappers, which are stripped first. Values become maps, lists,
 * strings, numbers and booleans; anything unreadable becomes null rather than an exception.
 */
final class LenientJson {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
                    .build())
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS, JsonReadFeature.ALLOW_TRAILING_COMMA,
                    JsonReadFeature.ALLOW_SINGLE_QUOTES, JsonReadFeature.ALLOW_JAVA_COMMENTS,
                    JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER, JsonReadFeature.ALLOW_MISSING_VALUES,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_UNQUOTED_PROPERTY_NAMES)
            .build();

    private LenientJson() {
    }

    /** Parses the text, returning null instead of throwing when it is not JSON. */
    static Object parse(String text) {
        if (text == null) {
            return null;
        }
        String json = text.strip();
        if (json.startsWith("<!--")) {
            json = json.substring(4);
        }
        if (json.endsWith("-->")) {
            json = json.substring(0, json.length() - 3);
        }
        json = json.replace("<![CDATA[", "").replace("]]>", "").strip();
        if (json.endsWith(";")) {
            json = json.substring(0, json.length() - 1);
        }
        if (json.isEmpty()) {
            return null;
        }
        try {
            return MAPPER.readValue(json, Object.class);
        } catch (JacksonException | IllegalArgumentException e) {
            return null;
        }
    }
}
