package io.newsflow.ingest.intake;

import io.newsflow.ingest.page.PageLiteral;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads article submissions strictly: a field we don't know is an error (a typo such as
 * {@code publishedat} must not silently drop data), so is a field given twice, and the parser's limits are set for what an
 * article can be (shallow nesting, bounded names and numbers), so deeply nested or field-bomb
 * JSON fails fast instead of costing CPU and memory. Every failure becomes a
 * {@link MalformedRequestException} naming the field where possible; parser internals and stack
 * traces never reach the client. The page itself is located and validated first
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
            .build();

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
        return parse(json, type, json, null);
    }

    private static <T> T parse(byte[] parsed, Class<T> type, byte[] json, PageLiteral.Found found) {
        T value;
        try {
            value = MAPPER.readValue(parsed, type);
        } catch (UnrecognizedPropertyException e) {
            throw new MalformedRequestException("Unknown field '" + e.getPropertyName() + "'.", path(e));
        } catch (DatabindException e) {
            String field = path(e);
            throw new MalformedRequestException((field == null ? "Invalid JSON" : "Field '" + field + "' has the wrong type")
                    + ": " + e.getOriginalMessage() + location(e, json, found), field);
        } catch (JacksonException e) {
            throw new MalformedRequestException("Malformed JSON: " + e.getOriginalMessage() + location(e, json, found), null);
        }
        if (value == null) {
            throw new MalformedRequestException("The request body is JSON null; send a JSON object.", null);
        }
        return value;
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
