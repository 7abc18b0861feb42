package io.newsflow.ingest.page;

import io.newsflow.ingest.intake.ArticleSubmission;
import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.ingest.intake.RawArticle;
import io.newsflow.ingest.intake.SubmissionJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Source;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The page passes from request to record undecoded, so its validation must be as strict as decoding. */
class PageTextTest {

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ArticleSubmission read(byte[] body) {
        return SubmissionJson.read(body);
    }

    @Test
    void theLiteralIsTakenFromTheRequestAndDecodesToWhatWasSent() {
        String page = "<p class=\"x\">Caf\u00e9 \\ \u65e5\u672c \ud83d\ude00 \u2028</p>\n\t";
        byte[] body = json("{ \"url\" : \"https://example.com/a\", \"html\" :  "
                + EventJson.mapper().writeValueAsString(page) + " ,\"source\":\"X\"}");
        ArticleSubmission submission = read(body);
        assertThat(submission.html().decode()).isEqualTo(page);
        assertThat(submission.html().isBlank()).isFalse();
        assertThat(submission.source()).isEqualTo(Source.named("X"));
        // escapes written by other encoders are kept as sent and still decode the same
        assertThat(read(json("{\"text\":\"caf\\u00e9 \\/ \\\"q\\\"\"}")).text().decode()).isEqualTo("caf\u00e9 / \"q\"");
    }

    @Test
    void theRecordIsTheEventWithThePageAppended() {
        ArticleReceived envelope = new ArticleReceived(1, "0123456789abcdef0123456789abcdef", "https://example.com/a",
                "https://example.com/a", new Source("X", "example.com"), "T", null, Instant.parse("2024-05-01T10:00:00Z"),
                "en", null, null, null, null, null);
        byte[] body = json("{\"html\":\"<p>Caf\u00e9 \\u00e9</p>\"}");
        RawArticle raw = new RawArticle(envelope, read(body).html(), true);

        ArticleReceived event = EventJson.mapper().readValue(raw.toJson(), ArticleReceived.class);
        assertThat(event.html()).isEqualTo("<p>Caf\u00e9 \u00e9</p>");
        assertThat(event.text()).isNull();
        assertThat(event).usingRecursiveComparison().ignoringFields("html").isEqualTo(envelope);
        assertThatThrownBy(() -> new RawArticle(event, PageText.of("x"), true))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void blankAndNulAreSeenThroughEscapes() {
        assertThat(read(json("{\"text\":\" \\n\\t\\u0020 \"}")).text().isBlank()).isTrue();
        assertThat(read(json("{\"text\":\"a\\u0000b\"}")).text().containsNul()).isTrue();
        assertThat(read(json("{\"text\":\"ab\"}")).text().containsNul()).isFalse();
        assertThat(PageText.of("a\u0000").containsNul()).isTrue();
        assertThat(PageText.of("  ").isBlank()).isTrue();
    }

    @Test
    void escapedSurrogatesMustComeInPairs() {
        assertThat(read(json("{\"text\":\"a \\ud83d\\ude00 b\"}")).text().containsLoneSurrogate()).isFalse();
        assertThat(read(json("{\"text\":\"\\uD83D\\uDE00\"}")).text().containsLoneSurrogate()).isFalse();
        for (String lone : new String[] {"\\ud800", "a\\ud800b", "\\udc00", "\\ud800\\u0041", "\\ude00\\ud83d",
                "\\ud800\\n", "x\\ud800"}) {
            assertThat(read(json("{\"text\":\"" + lone + "\"}")).text().containsLoneSurrogate()).as(lone).isTrue();
            // the same when Jackson reads the page itself (a field name written with an escape)
            assertThat(read(json("{\"\\u0074ext\":\"" + lone + "\"}")).text().containsLoneSurrogate()).as(lone).isTrue();
        }
        assertThat(PageText.of("\ud800").containsLoneSurrogate()).isTrue();
        assertThat(PageText.of("\ud83d\ude00").containsLoneSurrogate()).isFalse();
    }

    @Test
    void invalidUtf8AndControlCharactersAreRefusedNamingTheField() {
        byte[][] bad = {
                {(byte) 0xC3, 0x28},                     // bad continuation
                {(byte) 0xC0, (byte) 0xAF},              // overlong '/'
                {(byte) 0xE0, (byte) 0x80, (byte) 0xAF}, // overlong, 3 bytes
                {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // UTF-16 surrogate
                {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // past U+10FFFF
                {(byte) 0xFF},
                {0x01},                                  // raw control character
        };
        for (byte[] inside : bad) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.writeBytes(json("{\"source\":\"X\",\"html\":\"<p>"));
            body.writeBytes(inside);
            body.writeBytes(json("</p>\"}"));
            assertThatThrownBy(() -> read(body.toByteArray()))
                    .isInstanceOfSatisfying(MalformedRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("html"));
        }
    }

    @Test
    void specialBytesAreFoundAtEveryPositionOfTheEightByteScan() {
        for (int before = 0; before < 20; before++) {
            String plain = "x".repeat(before);
            for (String special : new String[] {"\\\"", "\\\\", "\u00e9", "\u65e5", "\\n"}) {
                String json = "{\"text\":\"" + plain + special + "yyyyyyyyyyyy\"}";
                String expected = EventJson.mapper().readTree(json).get("text").asString();
                assertThat(read(json(json)).text().decode()).as(json).isEqualTo(expected);
            }
            for (byte bad : new byte[] {0x01, 0x1f, (byte) 0xff, (byte) 0xc0}) {
                ByteArrayOutputStream body = new ByteArrayOutputStream();
                body.writeBytes(json("{\"text\":\"" + plain));
                body.write(bad);
                body.writeBytes(json("zzzzzzzzzzzzzzzz\"}"));
                assertThatThrownBy(() -> read(body.toByteArray())).as("byte %02x after %d", bad, before)
                        .isInstanceOf(MalformedRequestException.class);
            }
        }
    }

    @Test
    void invalidEscapesAndWrongTypesAreRefused() {
        assertThatThrownBy(() -> read(json("{\"text\":\"a\\qb\"}"))).isInstanceOf(MalformedRequestException.class);
        assertThatThrownBy(() -> read(json("{\"text\":\"a\\u12\"}"))).isInstanceOf(MalformedRequestException.class);
        assertThatThrownBy(() -> read(json("{\"text\":42}")))
                .isInstanceOfSatisfying(MalformedRequestException.class, e -> assertThat(e.field()).isEqualTo("text"));
        assertThatThrownBy(() -> read(json("{\"text\":{\"a\":1}}"))).isInstanceOf(MalformedRequestException.class);
        assertThat(read(json("{\"text\":null,\"html\":null}")).text()).isNull();
    }

    @Test
    void blanknessIsJudgedOnEveryByteOfTheWordsSkippedAtOnce() {
        for (int spaces = 0; spaces <= 24; spaces++) {
            String blank = " ".repeat(spaces);
            assertThat(PageText.read(json("\"" + blank + "\""), 0).isBlank()).as("%d spaces", spaces).isTrue();
            assertThat(PageText.read(json("\"" + blank + "x" + blank + "\""), 0).isBlank()).as("x after %d", spaces)
                    .isFalse();
        }
    }

    @Test
    void theLiteralEndsExactlyAtItsClosingQuoteWhereverTheEscapesAndNonAsciiFall() {
        java.util.Random random = new java.util.Random(42);
        String alphabet = "abcdefgh <>=/\"\\\n\t\u00e9\u65e5\ud83d\ude00";
        for (int round = 0; round < 2_000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(40);
            for (int k = 0; k < length; k++) {
                char c = alphabet.charAt(random.nextInt(alphabet.length()));
                if (Character.isHighSurrogate(c)) {
                    text.append(c).append('\ude00');
                } else if (!Character.isLowSurrogate(c)) {
                    text.append(c);
                }
            }
            byte[] literal = json(EventJson.mapper().writeValueAsString(text.toString()));
            byte[] body = new byte[literal.length + 9];
            System.arraycopy(literal, 0, body, 0, literal.length);
            System.arraycopy(json(",\"x\":\"yz\""), 0, body, literal.length, 9);
            PageText page = PageText.read(body, 0);
            assertThat(page.length()).as("%s", text).isEqualTo(literal.length);
            assertThat(page.decode()).isEqualTo(text.toString());
        }
    }

    @Test
    void aBadByteIsFoundAtEveryPositionOfAWord() {
        for (int at = 0; at < 17; at++) {
            for (byte bad : new byte[] {0x01, 0x1F, (byte) 0xFF, (byte) 0xC0}) {
                byte[] body = json("\"" + "a".repeat(24) + "\"");
                body[1 + at] = bad;
                int position = at;
                assertThatThrownBy(() -> PageText.read(body, 0)).as("0x%02x at %d", bad, position)
                        .isInstanceOf(PageText.InvalidPageException.class);
            }
        }
    }
}
