package io.newsflow.ingest.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;
import tools.jackson.core.json.JsonWriteFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes hostile requests from the API's own OpenAPI document: a valid request of each kind,
 * then one to three of its fields (found by walking the request's schema) set to something
 * else: a value within its documented bounds, one just over or far over them ({@code maxLength},
 * {@code maxItems}, {@code maxProperties}, {@code pattern}), a control, bidi or lone-surrogate
 * character, the wrong JSON type, null, nothing; and now and then the body itself broken (null,
 * an array, a scalar, cut short, a repeated field, a byte order mark, UTF-16, invalid UTF-8, a
 * raw NUL, deep nesting, trailing garbage, random bytes), or compressed. Each request carries
 * what the answer must be, judged from the document alone:
 * <ul>
 * <li>{@link Expect#MALFORMED}: not the JSON the schema describes (wrong type, unknown or
 *     repeated field, not JSON, not UTF-8): 400 (413 if the body is also too large);
 * <li>{@link Expect#REFUSED}: a value outside its documented bounds: 400, 413 or 422, never 2xx;
 * <li>{@link Expect#ANY}: within the document; the service may still refuse it for a rule the
 *     schema cannot say (an html without a url), but never with a 5xx.
 * </ul>
 * Deterministic: the same {@link Random} makes the same request.
 */
public final class RequestFuzzer {

    /** What the answer to a request must be. */
    public enum Expect { ANY, REFUSED, MALFORMED }

    /**
     * A request, what it must be answered, and how it was made.
     *
     * @param lines for a batch: what each line's result must be
     */
    public record Fuzzed(String endpoint, String method, String target, String contentType, boolean gzip, byte[] body,
            Expect expect, List<Expect> lines, List<String> how) {

        @Override
        public String toString() {
            String shown = new String(body, StandardCharsets.UTF_8);
            return method + " " + (target.length() > 300 ? target.substring(0, 300) + "..." : target) + " ["
                    + contentType + (gzip ? ", gzip" : "") + "] expect " + expect + " " + how + "\n  body: "
                    + (shown.length() > 600 ? shown.substring(0, 600) + "... (" + body.length + " bytes)" : shown);
        }
    }

    /** One code point each: letters of several scripts, digits, punctuation, an emoji, a no-break space. */
    private static final String[] TEXT = {"a", "e", "n", "s", "t", "z", "A", "Q", "0", "7", " ", " ", "-", "_", ".", "/",
            ":", "?", "&", "=", "%", "+", "#", "@", "\"", "\\", "'", "<", ">", "{", "}", "[", "]", "(", ")", ",", ";",
            "\u00e9", "\u00df", "\u0416", "\u044f", "\u0639", "\u05e9", "\u4e2d", "\u65e5", "\ud55c", "\u0e01",
            "\u00a0", "\ud83d\ude00", "\u200d", "\u200c", "\u200f", "\t", "\n"};
    /** Never allowed in a bounded string (see FieldRules): C0 but tab and line breaks, DEL, C1, bidi controls, lone surrogates. */
    private static final String[] FORBIDDEN = {"\u0000", "\u0001", "\u0007", "\u0008", "\u000b", "\u000c", "\u001b",
            "\u001c", "\u001f", "\u007f", "\u0080", "\u0085", "\u009f", "\u202a", "\u202e", "\u2066", "\u2069",
            "\ud800", "\udbff", "\udc00", "\udfff"};

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper ASCII_JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonNode schemas;
    private final JsonNode rawParameters;
    private final String site;

    /**
     * @param openApi the service's OpenAPI document
     * @param site    base URL of a publisher on this machine: URLs that are fetched point there
     */
    public RequestFuzzer(JsonNode openApi, String site) {
        this.schemas = openApi.get("components").get("schemas");
        this.rawParameters = openApi.get("paths").get("/api/v1/articles").get("post").get("parameters");
        this.site = site;
    }

    /** POST /api/v1/articles, JSON. */
    public Fuzzed article(Random random) {
        ObjectNode base = NODES.objectNode();
        base.put("url", "https://fuzz.example/news/" + random.nextInt(1_000_000));
        base.put("source", "Fuzz");
        base.put("text", "The harbour reopened on Tuesday.");
        return json(random, "POST /api/v1/articles (JSON)", "/api/v1/articles", "ArticleSubmission", base, true);
    }

    /** POST /api/v1/feeds. */
    public Fuzzed feed(Random random) {
        ObjectNode base = NODES.objectNode();
        base.put("url", site + "/rss.xml?fuzz=" + random.nextInt(1_000_000));
        base.put("source", "Fuzz");
        base.put("interval", "PT1H");
        return json(random, "POST /api/v1/feeds", "/api/v1/feeds", "FeedRequest", base, true);
    }

    /** POST /api/v1/articles:fetch (pages from the local publisher only: no request leaves the machine). */
    public Fuzzed fetch(Random random) {
        ObjectNode base = NODES.objectNode();
        base.put("url", site + "/news/fuzz-" + random.nextInt(1_000_000) + ".html");
        return json(random, "POST /api/v1/articles:fetch", "/api/v1/articles:fetch", "FetchRequest", base, true);
    }

    /** POST /api/v1/subscriptions. */
    public Fuzzed subscription(Random random) {
        ObjectNode base = NODES.objectNode();
        base.put("name", "fuzz");
        base.putObject("query").put("q", "storm");
        return json(random, "POST /api/v1/subscriptions", "/api/v1/subscriptions", "SubscriptionRequest", base, true);
    }

    /** POST /api/v1/articles:batch: one to five article lines, each with what its result must be. */
    public Fuzzed batch(Random random) {
        int count = 1 + random.nextInt(5);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Expect> lines = new ArrayList<>();
        List<String> how = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode base = NODES.objectNode();
            base.put("url", "https://fuzz.example/batch/" + random.nextInt(1_000_000));
            base.put("source", "Fuzz");
            base.put("text", "t");
            Fuzzed line = json(random, "", "", "ArticleSubmission", base, false);
            body.writeBytes(line.body());
            body.write('\n');
            lines.add(line.expect());
            how.add("line " + (i + 1) + ": " + line.how());
        }
        return new Fuzzed("POST /api/v1/articles:batch", "POST", "/api/v1/articles:batch", "application/x-ndjson",
                random.nextInt(5) == 0, body.toByteArray(), Expect.ANY, lines, how);
    }

    /** POST /api/v1/articles with a page or text and its fields as query parameters, from the document's parameters. */
    public Fuzzed rawPage(Random random) {
        Fuzzed page;
        do { // a request line over the server's limit (16 KB) is refused before the API sees it: not this test
            page = rawPageOnce(random);
        } while (page.target().length() > 15_000);
        return page;
    }

    private Fuzzed rawPageOnce(Random random) {
        boolean html = random.nextBoolean();
        Map<String, List<String>> parameters = new LinkedHashMap<>();
        parameters.put("source", List.of("Fuzz"));
        if (html) {
            parameters.put("url", List.of("https://fuzz.example/raw/" + random.nextInt(1_000_000)));
        }
        Map<String, Expect> edited = new LinkedHashMap<>(); // a parameter set again replaces what it was
        List<String> how = new ArrayList<>();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            JsonNode parameter = rawParameters.get(random.nextInt(rawParameters.size()));
            String name = parameter.get("name").asString();
            JsonNode schema = parameter.get("schema");
            List<String> values = new ArrayList<>();
            Expect expect = Expect.ANY;
            if ("array".equals(type(schema))) {
                int max = schema.get("maxItems").asInt();
                int n = random.nextInt(4) == 0 ? max + 1 + random.nextInt(5) : random.nextInt(Math.min(max, 8) + 1);
                expect = n > max ? Expect.REFUSED : Expect.ANY;
                for (int k = 0; k < n; k++) {
                    Value value = rawValue(random, schema.get("items"));
                    values.add(value.text);
                    expect = worst(expect, value.expect);
                }
                how.add(name + ": " + n + " values");
            } else {
                Value value = rawValue(random, schema);
                values.add(value.text);
                expect = value.expect;
                how.add(name + ": " + value.how);
            }
            parameters.put(name, values);
            edited.put(name, expect);
        }
        Expect expect = edited.values().stream().reduce(Expect.ANY, RequestFuzzer::worst);
        StringBuilder target = new StringBuilder("/api/v1/articles");
        char separator = '?';
        for (var parameter : parameters.entrySet()) {
            for (String value : parameter.getValue()) {
                target.append(separator).append(parameter.getKey()).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        byte[] body;
        String text = string(random, random.nextInt(200), TEXT);
        if (random.nextInt(6) == 0) {
            text = insert(random, text, "\u0000");
            expect = worst(expect, Expect.REFUSED);
            how.add("body: a NUL");
        }
        body = (html ? "<html><body><p>" + text + "</p></body></html>" : text).getBytes(StandardCharsets.UTF_8);
        if (!html && random.nextInt(8) == 0) {
            body = concat(body, new byte[] {(byte) 0xC3, 0x28});
            expect = worst(expect, Expect.MALFORMED);
            how.add("body: invalid UTF-8");
        }
        return new Fuzzed("POST /api/v1/articles (page/text)", "POST", target.toString(),
                html ? "text/html" : "text/plain", false, body, expect, List.of(), how);
    }

    private record Value(String text, Expect expect, String how) {
    }

    /** A query parameter's value: ASCII mostly, so that a request line stays under the server's limit. */
    private Value rawValue(Random random, JsonNode schema) {
        int max = schema.has("maxLength") ? schema.get("maxLength").asInt() : 200;
        Pattern pattern = schema.has("pattern") ? ecma(schema.get("pattern").asString()) : null;
        String value;
        String how;
        switch (random.nextInt(4)) {
            case 0 -> {
                value = string(random, max + 1 + random.nextInt(64), new String[] {"a", "b", "-", "1"});
                how = "over maxLength";
            }
            case 1 -> {
                value = insert(random, string(random, random.nextInt(Math.min(max, 20)), TEXT),
                        FORBIDDEN[random.nextInt(FORBIDDEN.length - 4)]); // no lone surrogate: it has no UTF-8
                how = "a forbidden character";
            }
            default -> {
                value = string(random, random.nextInt(Math.min(max, 60) + 1), TEXT);
                how = "within bounds";
            }
        }
        return new Value(value, judge(value, max, pattern, true), how);
    }

    /**
     * A JSON request: {@code base} with one to three fields changed, and its body perhaps broken
     * ({@code bodyLevel}: a batch line must stay one line).
     */
    private Fuzzed json(Random random, String endpoint, String target, String schemaName, ObjectNode base,
            boolean bodyLevel) {
        List<Field> fields = fields(schemaName, List.of());
        ObjectNode request = base.deepCopy();
        // what each edited field makes of the request; an edit replaces what an earlier one did to
        // the same field, to a field inside it or to the field it is in (source, then source.name)
        Map<String, Expect> edited = new LinkedHashMap<>();
        List<String> how = new ArrayList<>();
        int edits = 1 + random.nextInt(3);
        for (int i = 0; i < edits; i++) {
            Field field = fields.get(random.nextInt(fields.size()));
            String name = field.name();
            edited.keySet().removeIf(earlier -> earlier.equals(name) || earlier.startsWith(name + ".")
                    || name.startsWith(earlier + "."));
            edited.put(name, edit(random, request, field, how));
        }
        Expect expect = edited.values().stream().reduce(Expect.ANY, RequestFuzzer::worst);
        if (random.nextInt(12) == 0) {
            request.put("unknown" + random.nextInt(100), "x");
            expect = worst(expect, Expect.MALFORMED);
            how.add("an unknown field");
        }
        byte[] body = (containsLoneSurrogate(request) || random.nextBoolean() ? ASCII_JSON : JSON)
                .writeValueAsBytes(request);
        if (bodyLevel && random.nextInt(5) == 0) {
            Broken broken = breakBody(random, request, body);
            body = broken.body;
            // a broken body is malformed whatever its fields; random bytes: nothing can be said but "no 5xx"
            expect = broken.expect;
            how.add("body: " + broken.how);
        }
        boolean gzip = bodyLevel && random.nextInt(8) == 0;
        return new Fuzzed(endpoint, "POST", target, "application/json", gzip, body, expect, List.of(), how);
    }

    /** A field of a request: its path from the root and its schema (references resolved). */
    private record Field(List<String> path, JsonNode schema) {
        String name() {
            return String.join(".", path);
        }
    }

    private List<Field> fields(String schemaName, List<String> prefix) {
        JsonNode schema = schemas.get(schemaName);
        List<Field> fields = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.get("properties").properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            List<String> path = new ArrayList<>(prefix);
            path.add(property.getKey());
            JsonNode propertySchema = property.getValue();
            if (propertySchema.has("$ref")) {
                String referenced = ref(propertySchema);
                JsonNode resolved = schemas.get(referenced);
                fields.add(new Field(path, resolved));
                if (resolved.has("properties")) {
                    fields.addAll(fields(referenced, path));
                } else if (resolved.has("oneOf")) {
                    for (JsonNode alternative : resolved.get("oneOf")) {
                        if (alternative.has("properties")) {
                            alternative.get("properties").properties().forEach(sub -> {
                                List<String> subPath = new ArrayList<>(path);
                                subPath.add(sub.getKey());
                                fields.add(new Field(subPath, sub.getValue()));
                            });
                        }
                    }
                }
            } else {
                fields.add(new Field(path, propertySchema));
            }
        }
        return fields;
    }

    /** Changes one field of the request; says what the answer must be. */
    private Expect edit(Random random, ObjectNode request, Field field, List<String> how) {
        JsonNode schema = field.schema();
        String type = type(schema);
        int choice = random.nextInt(20);
        if (choice == 0) {
            set(request, field.path(), null, true);
            how.add(field.name() + ": removed");
            return Expect.ANY;
        }
        if (choice == 1) {
            set(request, field.path(), NODES.nullNode(), false);
            how.add(field.name() + ": null");
            return Expect.ANY;
        }
        if (choice <= 3) {
            set(request, field.path(), wrongType(random, schema), false);
            how.add(field.name() + ": the wrong type");
            return Expect.MALFORMED;
        }
        if (schema.has("oneOf")) { // a source: its string form (its object form is edited field by field)
            JsonNode string = schema.get("oneOf").get(0);
            Value value = string(random, string);
            set(request, field.path(), NODES.stringNode(value.text), false);
            how.add(field.name() + ": " + value.how);
            return value.expect;
        }
        if ("array".equals(type)) {
            int max = schema.get("maxItems").asInt();
            int n = random.nextInt(4) == 0 ? max + 1 + random.nextInt(5) : random.nextInt(Math.min(max, 6) + 1);
            if (random.nextInt(10) == 0) {
                n = max;
            }
            Expect expect = n > max ? Expect.REFUSED : Expect.ANY;
            ArrayNode array = NODES.arrayNode();
            // at most one odd item (of the wrong type, or null), so that long lists are not all malformed
            int odd = n == 0 || random.nextInt(4) != 0 ? -1 : random.nextInt(n);
            boolean wrongItem = random.nextBoolean();
            for (int i = 0; i < n; i++) {
                if (i == odd && wrongItem) {
                    array.add(random.nextBoolean() ? NODES.numberNode(i) : NODES.arrayNode().add("x"));
                    expect = worst(expect, Expect.MALFORMED);
                } else if (i == odd) {
                    array.addNull(); // null means nothing here, as everywhere
                } else {
                    Value value = string(random, schema.get("items"));
                    array.add(value.text);
                    expect = worst(expect, value.expect);
                }
            }
            set(request, field.path(), array, false);
            how.add(field.name() + ": " + n + " values (maxItems " + max + ")");
            return expect;
        }
        if ("object".equals(type) && schema.has("additionalProperties") && schema.get("additionalProperties").isObject()) {
            int max = schema.get("maxProperties").asInt();
            JsonNode keys = schema.get("propertyNames");
            JsonNode values = schema.get("additionalProperties");
            int n = random.nextInt(4) == 0 ? max + 1 + random.nextInt(5) : random.nextInt(Math.min(max, 6) + 1);
            Expect expect = n > max ? Expect.REFUSED : Expect.ANY;
            ObjectNode map = NODES.objectNode();
            // at most one odd entry: a key too long or empty, a value of the wrong type or null
            int odd = n == 0 || random.nextInt(3) != 0 ? -1 : random.nextInt(n);
            int oddity = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                String key;
                if (i == odd && oddity == 0) {
                    key = i + string(random, keys.get("maxLength").asInt() + random.nextInt(20), new String[] {"k"});
                    expect = worst(expect, Expect.REFUSED);
                } else if (i == odd && oddity == 1) {
                    key = "";
                    expect = worst(expect, Expect.REFUSED);
                } else {
                    key = "k" + i + string(random, random.nextInt(10), new String[] {"a", "b", "-", "\u00e9"});
                }
                if (map.has(key)) {
                    continue;
                }
                if (i == odd && oddity == 2) {
                    map.put(key, random.nextInt());
                    expect = worst(expect, Expect.MALFORMED);
                } else if (i == odd && oddity == 3) {
                    map.putNull(key);
                    expect = worst(expect, Expect.REFUSED); // a value must be a string
                } else {
                    Value value = string(random, values);
                    map.put(key, value.text);
                    expect = worst(expect, value.expect);
                }
            }
            if (map.size() > max) {
                expect = worst(expect, Expect.REFUSED);
            }
            set(request, field.path(), map, false);
            how.add(field.name() + ": " + map.size() + " entries (maxProperties " + max + ")");
            return expect;
        }
        if ("object".equals(type)) { // a nested object (query, delivery): empty, or with an unknown field
            ObjectNode object = NODES.objectNode();
            boolean unknown = random.nextBoolean();
            if (unknown) {
                object.put("unknown", 1);
            }
            set(request, field.path(), object, false);
            how.add(field.name() + (unknown ? ": an object with an unknown field" : ": an empty object"));
            return unknown ? Expect.MALFORMED : Expect.ANY;
        }
        Value value = string(random, schema);
        set(request, field.path(), NODES.stringNode(value.text), false);
        how.add(field.name() + ": " + value.how);
        return value.expect;
    }

    /** A string for a string schema: within its bounds, at them, over them, or with a forbidden character. */
    private Value string(Random random, JsonNode schema) {
        boolean bounded = schema.has("maxLength");
        int max = bounded ? schema.get("maxLength").asInt() : 300;
        Pattern pattern = schema.has("pattern") ? ecma(schema.get("pattern").asString()) : null;
        String value;
        String how;
        int choice = random.nextInt(10);
        if (choice <= 1 && "uri".equals(text(schema, "format"))) { // never the example: nothing leaves the machine
            String prefix = site + "/news/";
            value = prefix + string(random, random.nextInt(Math.max(1, Math.min(max - prefix.length(), 80))),
                    new String[] {"a", "b", "1", "-", "_", "."});
            how = "a URL of this machine";
        } else if (choice <= 1 && schema.has("example")) {
            value = schema.get("example").asString();
            how = "its example";
        } else if (choice <= 3 && bounded) {
            value = string(random, max + 1 + (random.nextInt(3) == 0 ? random.nextInt(4 * max) : random.nextInt(8)),
                    random.nextBoolean() ? TEXT : new String[] {"a", " "});
            how = "over maxLength " + max;
        } else if (choice == 4 && bounded) {
            value = string(random, max, TEXT);
            how = "at maxLength " + max;
        } else if (choice == 5 || choice == 6) {
            String inside = schema.has("example") && random.nextBoolean() && !"uri".equals(text(schema, "format"))
                    ? schema.get("example").asString()
                    : string(random, random.nextInt(Math.min(max, 30)), TEXT);
            value = insert(random, inside, FORBIDDEN[random.nextInt(FORBIDDEN.length)]);
            how = "a forbidden character";
        } else {
            value = string(random, random.nextInt(Math.min(max, 120) + 1), TEXT);
            how = "within bounds";
        }
        return new Value(value, judge(value, bounded ? max : -1, pattern, bounded), how);
    }

    /**
     * What the document says of a string: over its maxLength (code points), breaking its pattern
     * (when given: a blank optional value counts as not given), or holding a character no bounded
     * string may hold, it must be refused; in an unbounded string (a page) only NUL and lone
     * surrogates are.
     */
    private static Expect judge(String value, int max, Pattern pattern, boolean bounded) {
        boolean blank = value.chars().allMatch(c -> c == ' ' || c == '\t' || c == '\n' || c == '\r');
        if (max >= 0 && value.codePointCount(0, value.length()) > max) {
            return Expect.REFUSED;
        }
        if (pattern != null && !blank && !pattern.matcher(value).find()) {
            return Expect.REFUSED;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean lone = Character.isHighSurrogate(c) ? i + 1 >= value.length()
                    || !Character.isLowSurrogate(value.charAt(i + 1)) : Character.isLowSurrogate(c)
                    && (i == 0 || !Character.isHighSurrogate(value.charAt(i - 1)));
            if (lone || c == 0) {
                return Expect.REFUSED;
            }
            if (bounded && (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r'
                    || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069')) {
                return Expect.REFUSED;
            }
        }
        return Expect.ANY;
    }

    private JsonNode wrongType(Random random, JsonNode schema) {
        String type = schema.has("oneOf") ? "source" : type(schema);
        List<JsonNode> wrong = new ArrayList<>();
        if (!"string".equals(type) && !"source".equals(type)) {
            wrong.add(NODES.stringNode("x"));
        }
        wrong.add(NODES.numberNode(random.nextInt()));
        wrong.add(NODES.numberNode(1e300));
        wrong.add(NODES.booleanNode(random.nextBoolean()));
        if (!"array".equals(type)) {
            wrong.add(NODES.arrayNode().add("x"));
        }
        if (!"object".equals(type) && !"source".equals(type)) {
            wrong.add(NODES.objectNode().put("a", "b"));
        }
        return wrong.get(random.nextInt(wrong.size()));
    }

    private record Broken(byte[] body, Expect expect, String how) {
    }

    private static Broken breakBody(Random random, ObjectNode request, byte[] body) {
        String first = request.propertyNames().iterator().hasNext() ? request.propertyNames().iterator().next() : "url";
        return switch (random.nextInt(13)) {
            case 0 -> new Broken(utf8("null"), Expect.MALFORMED, "JSON null");
            case 1 -> new Broken(concat(concat(utf8("["), body), utf8("]")), Expect.MALFORMED, "in an array");
            case 2 -> new Broken(utf8(random.nextBoolean() ? "42" : "\"an article\""), Expect.MALFORMED, "a scalar");
            case 3 -> new Broken(java.util.Arrays.copyOf(body, random.nextInt(body.length)), Expect.MALFORMED, "cut short");
            case 4 -> new Broken(concat(utf8("{\"" + first + "\":" + request.get(first) + ","), java.util.Arrays
                    .copyOfRange(body, 1, body.length)), Expect.MALFORMED, "a field repeated");
            case 5 -> new Broken(concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, body), Expect.MALFORMED,
                    "a byte order mark");
            case 6 -> new Broken(new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16LE),
                    Expect.MALFORMED, "UTF-16");
            case 7 -> new Broken(insertAfterFirstQuote(body, new byte[] {(byte) 0xC0, (byte) 0xAF}), Expect.MALFORMED,
                    "an overlong UTF-8 form");
            case 8 -> new Broken(insertAfterFirstQuote(body, new byte[] {0}), Expect.MALFORMED, "a raw NUL byte");
            case 9 -> {
                int depth = 17 + random.nextInt(200);
                yield new Broken(concat(utf8("{\"title\":" + "[".repeat(depth) + "]".repeat(depth) + ","),
                        java.util.Arrays.copyOfRange(body, 1, body.length)), Expect.MALFORMED, depth + " levels deep");
            }
            case 10 -> new Broken(concat(body, utf8(random.nextBoolean() ? " {}" : "x")), Expect.MALFORMED,
                    "trailing garbage");
            case 11 -> new Broken(utf8(""), Expect.MALFORMED, "empty");
            default -> {
                byte[] flipped = body.clone();
                int flips = 1 + random.nextInt(3);
                for (int i = 0; i < flips; i++) {
                    flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
                }
                yield new Broken(flipped, Expect.ANY, flips + " random bytes");
            }
        };
    }

    /** The body to send: compressed when the request says so. */
    public static byte[] wire(Fuzzed fuzzed) {
        if (!fuzzed.gzip()) {
            return fuzzed.body();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(fuzzed.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** An id for a path: a well-formed one now and then, else anything, percent-encoded as UTF-8. */
    public static String pathId(Random random) {
        if (random.nextInt(3) == 0) {
            StringBuilder id = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                id.append(Character.forDigit(random.nextInt(16), 16));
            }
            return id.toString();
        }
        String raw = string(random, random.nextInt(random.nextInt(10) == 0 ? 3000 : 40),
                random.nextInt(5) == 0 ? FORBIDDEN : TEXT);
        StringBuilder encoded = new StringBuilder();
        for (byte b : raw.replaceAll("[\\ud800-\\udfff]", "x").getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }

    private static Expect worst(Expect a, Expect b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }

    private static String string(Random random, int codePoints, String[] alphabet) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < codePoints; i++) {
            out.append(alphabet[random.nextInt(alphabet.length)]);
        }
        return out.toString();
    }

    private static String insert(Random random, String value, String character) {
        int at = value.isEmpty() ? 0 : random.nextInt(value.length() + 1);
        if (at > 0 && at < value.length() && Character.isLowSurrogate(value.charAt(at))) {
            at++; // not between the halves of a pair
        }
        return value.substring(0, at) + character + value.substring(at);
    }

    private static void set(ObjectNode root, List<String> path, JsonNode value, boolean remove) {
        ObjectNode parent = root;
        for (int i = 0; i < path.size() - 1; i++) {
            JsonNode child = parent.get(path.get(i));
            if (child == null || !child.isObject()) {
                child = NODES.objectNode();
                parent.set(path.get(i), child);
            }
            parent = (ObjectNode) child;
        }
        if (remove) {
            parent.remove(path.get(path.size() - 1));
        } else {
            parent.set(path.get(path.size() - 1), value);
        }
    }

    private static boolean containsLoneSurrogate(JsonNode node) {
        if (node.isString()) {
            return judge(node.asString(), -1, null, false) == Expect.REFUSED;
        }
        for (JsonNode child : node) {
            if (containsLoneSurrogate(child)) {
                return true;
            }
        }
        if (node.isObject()) {
            for (String name : node.propertyNames()) {
                if (judge(name, -1, null, false) == Expect.REFUSED) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String type(JsonNode schema) {
        if (schema.has("type")) {
            return schema.get("type").isArray() ? schema.get("type").get(0).asString() : schema.get("type").asString();
        }
        return schema.has("properties") ? "object" : "string";
    }

    private static String text(JsonNode schema, String property) {
        return schema.has(property) ? schema.get(property).asString() : null;
    }

    private static String ref(JsonNode schema) {
        String ref = schema.get("$ref").asString();
        return ref.substring(ref.lastIndexOf('/') + 1);
    }

    /** A JSON Schema pattern (ECMA-262: $ ends the input, not a line) as a Java one. */
    private static Pattern ecma(String pattern) {
        return Pattern.compile(pattern.endsWith("$") ? pattern.substring(0, pattern.length() - 1) + "\\z" : pattern);
    }

    private static byte[] insertAfterFirstQuote(byte[] body, byte[] inserted) {
        int at = 0;
        while (at < body.length && body[at] != '"') {
            at++;
        }
        at = Math.min(at + 1, body.length);
        return concat(concat(java.util.Arrays.copyOf(body, at), inserted), java.util.Arrays.copyOfRange(body, at,
                body.length));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
