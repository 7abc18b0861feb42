package io.newsflow.ingest.intake;

import io.newsflow.ingest.page.PageLiteral;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads article submissions strictly: a field we don't know is an error (a typo such as
 * {@code publishedat} must not silently drop data), so is a field given twice, and the parser's limits are set for what an
 * article can be (shallow nesting, bounded names and numbers), so deeply nested or field-bomb
 * JSON fails fast instead of costing CPU and memory. A value of the wrong JSON type is an error
 * too, never converted: {@code "title": 5} or {@code "publishedAt": 1e999999999} is a client's bug
 * that a string field must not hide. The body must be UTF-8 (RFC 8259), without a byte order mark:
 * anything else (UTF-16, overlong forms, raw NUL bytes) is refused before Jackson, which would
 * otherwise guess an encoding or let an overlong form through. Every failure becomes a
 * {@link MalformedRequestException} (400) naming the field where possible; parser internals, Java
 * types and stack traces never reach the client. The page itself is located and validated first
 * ({@link PageLiteral}), so that Jackson reads only the fields around it.
 */
public final class SubmissionJson {

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(16)
                            .maxNameLength(256)
                            .maxNumberLength(64)
                            .maxTokenCount(100_000)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            // a number or a boolean where a string belongs is the wrong type, not a string
            .withCoercionConfig(LogicalType.Textual, config -> config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail)
                    // and an array is not a string either, not even one holding one (Jackson would
                    // otherwise read ["a"] as "a" and lose its place in the rest of the body)
                    .setCoercion(CoercionInputShape.Array, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyArray, CoercionAction.Fail))
            .build();

    /** Java types and parser settings in Jackson's messages: meaningless to a client. */
    private static final Pattern JAVA_TYPE = Pattern.compile("`[a-z][\\w$]*(\\.[\\w$]+)+[^`]*`");
    private static final Pattern PARSER_HINT = Pattern.compile(
            ",? ?\\(?from `StreamReadConstraints[^`]*`\\)?|: enable `[^`]*` to allow"
                    + "| \\(not recognized as one since Feature '[^']*' not enabled for parser\\)");

    private SubmissionJson() {
    }

    /**
     * Reads one submission: the page first ({@link PageLiteral}), then the fields around it with
     * Jackson, which never sees the page when it was found; it is put into the submission here.
     *
     * @throws MalformedRequestException if the body is not a valid submission
     */
    public static ArticleSubmission read(byte[] json) {
        if (json.length == 0) {
            throw new MalformedRequestException("The request body is empty; send the article as JSON.", null);
        }
        refuseByteOrderMark(json);
        PageLiteral.Found found;
        try {
            found = PageLiteral.find(json);
        } catch (PageLiteral.InvalidPage invalid) {
            throw new MalformedRequestException("Field '" + invalid.field() + "' " + invalid.getMessage() + ".",
                    invalid.field());
        }
        byte[] parsed = found == null ? json : found.json();
        ArticleSubmission submission = parse(parsed, ArticleSubmission.class, json, found);
        return found == null ? submission : submission.withPage(found.html(), found.page());
    }

    /**
     * Reads any other request body of the API (a subscription, say) as strictly as a submission.
     *
     * @throws MalformedRequestException if the body is not a JSON object of that shape
     */
    public static <T> T readObject(byte[] json, Class<T> type) {
        if (json.length == 0) {
            throw new MalformedRequestException("The request body is empty; send a JSON object.", null);
        }
        refuseByteOrderMark(json);
        return parse(json, type, json, null);
    }

    private static <T> T parse(byte[] parsed, Class<T> type, byte[] json, PageLiteral.Found found) {
        requireUtf8(parsed, found);
        T value;
        try {
            value = MAPPER.readValue(parsed, type);
        } catch (UnrecognizedPropertyException e) {
            throw new MalformedRequestException("Unknown field '" + e.getPropertyName() + "'.", path(e));
        } catch (MismatchedInputException e) {
            String field = path(e);
            String expected = expected(e.getTargetType());
            throw new MalformedRequestException((field == null ? "The body must be a JSON object"
                    : "Field '" + field + "' has the wrong type" + (expected == null ? "" : ": expected " + expected))
                    + location(e, json, found) + ".", field);
        } catch (DatabindException e) {
            String field = path(e);
            throw new MalformedRequestException((field == null ? "Invalid JSON: " + clean(e.getOriginalMessage())
                    : "Field '" + field + "' has an invalid value") + location(e, json, found) + ".", field);
        } catch (JacksonException e) {
            throw new MalformedRequestException("Malformed JSON: " + clean(e.getOriginalMessage())
                    + location(e, json, found), null);
        }
        if (value == null) {
            throw new MalformedRequestException("The request body is JSON null; send a JSON object.", null);
        }
        return value;
    }

    /**
     * RFC 8259 (8.1): JSON is UTF-8 and carries no byte order mark; a UTF-16 or UTF-32 mark means
     * the body is not UTF-8 at all.
     */
    private static void refuseByteOrderMark(byte[] json) {
        boolean utf8 = json.length >= 3 && (json[0] & 0xFF) == 0xEF && (json[1] & 0xFF) == 0xBB
                && (json[2] & 0xFF) == 0xBF;
        boolean utf16 = json.length >= 2 && ((json[0] & 0xFF) == 0xFE && (json[1] & 0xFF) == 0xFF
                || (json[0] & 0xFF) == 0xFF && (json[1] & 0xFF) == 0xFE);
        if (utf8 || utf16) {
            throw new MalformedRequestException("The body starts with a byte order mark; send UTF-8 JSON without one "
                    + "(RFC 8259, section 8.1).", null);
        }
    }

    /**
     * The bytes Jackson will read must be strict UTF-8 without NUL bytes: Jackson would read a
     * UTF-16 body by guessing, and decodes some invalid sequences (overlong forms) as characters.
     * A raw NUL byte is never valid JSON; every UTF-16 or UTF-32 text of JSON holds some. The page,
     * when it was taken out, was checked byte by byte already ({@link PageLiteral}).
     */
    private static void requireUtf8(byte[] parsed, PageLiteral.Found found) {
        for (int i = 0; i < parsed.length; i++) {
            if (parsed[i] == 0) {
                throw new MalformedRequestException("The body holds a NUL byte at byte " + original(i, found)
                        + "; send UTF-8 JSON (a NUL in a string is written \\u0000, and is refused as a value).", null);
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(parsed);
        CharBuffer out = CharBuffer.allocate(Math.min(parsed.length, 8192));
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw new MalformedRequestException("The body is not valid UTF-8 at byte " + original(in.position(), found)
                        + "; send UTF-8 JSON.", null);
            }
            if (result.isUnderflow()) {
                return;
            }
            out.clear();
        }
    }

    private static long original(long offset, PageLiteral.Found found) {
        return found == null || offset <= found.offset() ? offset : offset + found.page().length() - 2;
    }

    /** What a field of this Java type takes, in JSON's words; null when it cannot be said. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return null;
        }
        if (type == String.class || type == io.newsflow.ingest.page.PageText.class) {
            return "a string";
        }
        if (type == io.newsflow.contracts.Source.class) {
            return "a string (the name) or an object with name and domain";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "an object";
        }
        return null;
    }

    private static String clean(String message) {
        String withoutHints = PARSER_HINT.matcher(message == null ? "" : message).replaceAll("");
        return JAVA_TYPE.matcher(withoutHints).replaceAll("a value");
    }

    private static String path(DatabindException e) {
        String path = e.getPath().stream()
                .map(reference -> reference.getPropertyName() != null ? reference.getPropertyName()
                        : reference.getIndex() >= 0 ? String.valueOf(reference.getIndex()) : "?")
                .collect(Collectors.joining("."));
        return path.isEmpty() ? null : path;
    }

    /**
     * Where in the body, as posted: past an emptied page, Jackson's position is in the shorter
     * copy it read, so it is mapped back (the page is one line: a JSON string holds no newline).
     */
    private static String location(JacksonException e, byte[] json, PageLiteral.Found found) {
        if (e.getLocation() == null) {
            return "";
        }
        long offset = e.getLocation().getByteOffset();
        if (found == null || offset <= found.offset()) {
            return " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        }
        int original = (int) Math.min(json.length, offset + found.page().length() - 2);
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < original; i++) {
            if (json[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return " (line " + line + ", column " + (original - lineStart + 1) + ")";
    }
}
