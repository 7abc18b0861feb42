package io.newsflow.ingest.page;

import io.newsflow.ingest.intake.ArticleSubmission;
import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.ingest.intake.SubmissionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The locator must find exactly the member Jackson would read, wherever it sits, and give up
 * (leaving the request to Jackson) on anything else.
 */
class PageLiteralTest {

    private static final String PAGE = "<p class=\"lead\">Caf\u00e9 \u65e5\u672c \ud83d\ude00</p>\n<a href=\"/x\">[{x}]</a>";

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String literal(String text) {
        return EventJson.mapper().writeValueAsString(text);
    }

    @Test
    void findsThePageWhereverItIsAndEmptiesOnlyItsLiteral() {
        List<String> bodies = List.of(
                "{\"html\":" + literal(PAGE) + ",\"url\":\"https://example.com/a\",\"source\":\"X\"}",
                "{\"url\":\"https://example.com/a\",\"source\":{\"name\":\"X\",\"domain\":\"x.com\"},\"html\":"
                        + literal(PAGE) + "}",
                " {\n  \"authors\" : [\"A\", \"B \\\"C\\\"\"] ,\n  \"metadata\" : {\"k\":\"}]\",\"n\":\"[{\"} ,"
                        + "\n  \"text\"\t:\t" + literal(PAGE) + " , \"url\" : \"https://example.com/a\"\n}\n",
                "{\"publishedAt\":\"2024-05-01T10:00:00Z\",\"language\":\"en\",\"html\":" + literal(PAGE) + "}");
        for (String body : bodies) {
            byte[] bytes = json(body);
            PageLiteral.Found found = PageLiteral.find(bytes);
            assertThat(found).as(body).isNotNull();
            assertThat(found.page().decode()).isEqualTo(PAGE);
            assertThat(found.json()[found.offset()]).isEqualTo((byte) '"');
            assertThat(found.json()[found.offset() + 1]).isEqualTo((byte) '"');
            // everything but the page reads the same from the emptied copy
            Map<?, ?> original = EventJson.mapper().readValue(bytes, Map.class);
            Map<?, ?> emptied = EventJson.mapper().readValue(found.json(), Map.class);
            assertThat(emptied).usingRecursiveComparison().ignoringFields("html", "text").isEqualTo(original);
            assertThat(emptied.get(original.containsKey("html") ? "html" : "text")).isEqualTo("");
            // and the submission read through it carries the page itself
            ArticleSubmission submission = SubmissionJson.read(bytes);
            PageText page = submission.html() != null ? submission.html() : submission.text();
            assertThat(page.decode()).isEqualTo(PAGE);
        }
    }

    @Test
    void givesUpOnWhatItDoesNotExpectLeavingItToJackson() {
        for (String body : List.of("[]", "{}", "\"html\"", "{\"url\":\"x\"}", "{\"ht\\u006dl\":\"<p>x</p>\"}",
                "{\"html\" \"<p>x</p>\"}", "{\"url\":\"x\" \"html\":\"<p>\"}",
                "{\"html\":42}", "{\"url\":tru", "{\"metadata\":{\"a\":[}", "")) {
            assertThat(PageLiteral.find(json(body))).as(body).isNull();
        }
        // the escaped name is still read, by Jackson, as the page
        assertThat(SubmissionJson.read(json("{\"ht\\u006dl\":\"<p>x</p>\",\"url\":\"https://example.com/a\"}"))
                .html().decode()).isEqualTo("<p>x</p>");
    }

    @Test
    void anErrorPastThePageIsLocatedInTheBodyAsPosted() {
        String head = "{\"html\":" + literal(PAGE.repeat(50)) + ",\n \"url\": }";
        int column = head.substring(head.lastIndexOf('\n') + 1).indexOf('}') + 1;
        assertThatThrownBy(() -> SubmissionJson.read(json(head)))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("(line 2, column " + column + ")");
        String sameLine = "{\"html\":" + literal("x".repeat(5000)) + ",\"url\": }";
        int byteColumn = json(sameLine).length;
        assertThatThrownBy(() -> SubmissionJson.read(json(sameLine)))
                .isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("(line 1, column " + byteColumn + ")");
    }

    @Test
    void anInvalidPageIsRefusedNamingItsField() {
        for (String body : List.of("{\"url\":\"https://example.com/a\",\"html\":\"<p>\u0001</p>\"}",
                "{\"text\":\"<p>unterminated}")) {
            String field = body.contains("html") ? "html" : "text";
            assertThatThrownBy(() -> PageLiteral.find(json(body))).as(body)
                    .isInstanceOfSatisfying(PageLiteral.InvalidPage.class, e -> assertThat(e.field()).isEqualTo(field));
            assertThatThrownBy(() -> SubmissionJson.read(json(body))).as(body)
                    .isInstanceOfSatisfying(MalformedRequestException.class, e -> {
                        assertThat(e.field()).isEqualTo(field);
                        assertThat(e.getMessage()).startsWith("Field '" + field + "' ");
                    });
        }
    }

    @Test
    void anInvalidStringElsewhereIsLeftToJackson() {
        byte[] body = json("{\"title\":\"<p>\u0001</p>\",\"html\":\"<p>x</p>\"}");
        assertThat(PageLiteral.find(body)).isNull();
        assertThatThrownBy(() -> SubmissionJson.read(body)).isInstanceOf(MalformedRequestException.class)
                .hasMessageContaining("Malformed JSON");
    }
}
