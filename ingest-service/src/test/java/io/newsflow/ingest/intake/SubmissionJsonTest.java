package io.newsflow.ingest.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.ingest.subscriptions.SubscriptionRequest;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Body shapes that are not a submission: each a 400 naming the field where there is one, in plain words. */
class SubmissionJsonTest {

    private static final String ARTICLE = "{\"url\":\"https://example.com/a\",\"source\":\"X\",\"text\":\"t\"}";

    private static byte[] utf8(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String before, byte[] middle, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(before));
        out.writeBytes(middle);
        out.writeBytes(utf8(after));
        return out.toByteArray();
    }

    @Test
    void jsonNullAndOtherNonObjectsAreMalformed() {
        for (String body : new String[] {"null", " null ", "[]", "[null]", "1", "\"x\"", "true", "  "}) {
            assertThatThrownBy(() -> SubmissionJson.read(utf8(body))).as(body)
                    .isInstanceOf(MalformedRequestException.class);
            assertThatThrownBy(() -> SubmissionJson.readObject(utf8(body), SubscriptionRequest.class)).as(body)
                    .isInstanceOf(MalformedRequestException.class);
        }
    }

    @Test
    void aScalarOfTheWrongTypeIsNotTurnedIntoAString() {
        for (String field : new String[] {"\"title\":5", "\"title\":1.5", "\"title\":true", "\"publishedAt\":1e999999999",
                "\"language\":[\"en\"]", "\"metadata\":{\"k\":1}", "\"authors\":[1]", "\"source\":{\"name\":5}"}) {
            // the source left out, so that the field under test may be the source
            String body = ARTICLE.replace("\"source\":\"X\",", "").replace("}", "," + field + "}");
            assertThatThrownBy(() -> SubmissionJson.read(utf8(body))).as(body)
                    .isInstanceOfSatisfying(MalformedRequestException.class, e -> {
                        assertThat(e.field()).isNotNull();
                        assertThat(e.getMessage()).contains("wrong type").doesNotContain("java.", "`");
                    });
        }
        assertThatThrownBy(() -> SubmissionJson.readObject(utf8("{\"name\":1,\"query\":{\"q\":2}}"),
                SubscriptionRequest.class)).isInstanceOf(MalformedRequestException.class);
    }

    @Test
    void onlyUtf8WithoutAByteOrderMarkIsJson() {
        assertThat(SubmissionJson.read(utf8(ARTICLE)).url()).isEqualTo("https://example.com/a");
        byte[][] bad = {
                bytes("\ufeff", new byte[0], ARTICLE),                                    // UTF-8 BOM
                ARTICLE.getBytes(StandardCharsets.UTF_16LE),                               // UTF-16 without a BOM
                ARTICLE.getBytes(StandardCharsets.UTF_16),                                 // UTF-16 with one
                bytes("{\"title\":\"a", new byte[] {(byte) 0xC0, (byte) 0xAF}, "\"," + ARTICLE.substring(1)), // overlong
                bytes("{\"title\":\"a", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, "\"," + ARTICLE.substring(1)),
                bytes("{\"title\":\"a", new byte[] {0}, "\"," + ARTICLE.substring(1)),     // raw NUL
                bytes("{\"ti", new byte[] {(byte) 0xFF}, "tle\":\"a\"," + ARTICLE.substring(1)), // in a name
        };
        for (byte[] body : bad) {
            assertThatThrownBy(() -> SubmissionJson.read(body)).isInstanceOf(MalformedRequestException.class);
        }
    }

    @Test
    void repeatedFieldsDeepNestingAndHugeNumbersAreMalformed() {
        String[] bodies = {
                "{\"url\":\"https://example.com/a\",\"url\":\"https://example.com/b\",\"source\":\"X\",\"text\":\"t\"}",
                "{\"metadata\":" + "[".repeat(20) + "]".repeat(20) + "}",
                "{\"title\":" + "9".repeat(100) + "}",
                "{\"title\":NaN}",
                "{'title':'x'}",
                "{\"title\":\"x\",}",
                "/*c*/{}",
        };
        for (String body : bodies) {
            assertThatThrownBy(() -> SubmissionJson.read(utf8(body))).as(body)
                    .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.getMessage())
                            .doesNotContain("StreamReadConstraints", "JsonReadFeature", "enable"));
        }
    }
}
