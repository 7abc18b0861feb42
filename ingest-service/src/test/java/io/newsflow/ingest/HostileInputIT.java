package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.testinfra.TestInfrastructure;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/}, plus large cases generated here)
 * against the running service and a real broker: every case is refused with the expected 4xx,
 * none with a 5xx, each within a few seconds, and the service is healthy afterwards.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("local")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileInputIT {

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static Stream<Arguments> corpus() throws Exception {
        Map<String, Integer> files = Map.of(
                "invalid-utf8.json", 400, "nul-escaped.json", 422, "nul-raw.json", 400, "truncated.json", 400,
                "array-not-object.json", 400, "huge-number.json", 422, "trailing-tokens.json", 400,
                "wrong-shape.json", 400, "bad-port-url.json", 422, "html-and-text.json", 422);
        Stream<Arguments> fromFiles = files.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(file -> Arguments.of(file.getKey(), "application/json", null, resource(file.getKey()), file.getValue()));
        String tenMegabyteLine = "{\"url\": \"https://example.com/big\", \"source\": \"X\", \"text\": \""
                + "word ".repeat(2_100_000) + "\"}";
        StringBuilder fields = new StringBuilder("{\"url\": \"https://example.com/f\", \"source\": \"X\", \"text\": \"t\"");
        for (int i = 0; i < 100_000; i++) {
            fields.append(", \"f").append(i).append("\": ").append(i);
        }
        fields.append('}');
        Stream<Arguments> generated = Stream.of(
                Arguments.of("10 MB single-line text", "application/json", null, utf8(tenMegabyteLine), 413),
                Arguments.of("100,000 levels of nesting", "application/json", null,
                        utf8("{\"metadata\": " + "[".repeat(100_000) + "]".repeat(100_000) + "}"), 400),
                Arguments.of("100,000 fields", "application/json", null, utf8(fields.toString()), 400),
                Arguments.of("gzip bomb (200 MB of spaces)", "application/json", "gzip", gzipBomb(), 413),
                Arguments.of("raw text with NUL bytes", "text/plain", null, utf8("text \u0000 with NUL"), 422),
                Arguments.of("XML", "application/xml", null, utf8("<article/>"), 415),
                Arguments.of("empty JSON body", "application/json", null, new byte[0], 400),
                Arguments.of("NDJSON batch of garbage", "application/x-ndjson", null, utf8("\u0001\u0002\n{]"), 200));
        return Stream.concat(fromFiles, generated);
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("corpus")
    void isRefusedWithA4xx(String name, String contentType, String encoding, byte[] body, int expected) throws Exception {
        String path = "application/x-ndjson".equals(contentType) ? "/api/v1/articles:batch"
                : "text/plain".equals(contentType) ? "/api/v1/articles?source=X" : "/api/v1/articles";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            request.header("Content-Encoding", encoding);
        }

        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected == 200) {
            assertThat(response.body()).contains("\"accepted\":0").doesNotContain("\"status\":5");
        } else {
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.body()).doesNotContain("Exception", "at io.newsflow", "at org.");
        }
    }

    @AfterAll
    void serviceIsStillHealthy() throws Exception {
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"");
    }

    private static byte[] resource(String name) {
        try (InputStream in = HostileInputIT.class.getResourceAsStream("/hostile/" + name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzipBomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] spaces = " ".repeat(1 << 20).getBytes(StandardCharsets.US_ASCII);
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write("{\"text\": \"".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 200; i++) {
                out.write(spaces);
            }
        }
        return bytes.toByteArray();
    }
}
