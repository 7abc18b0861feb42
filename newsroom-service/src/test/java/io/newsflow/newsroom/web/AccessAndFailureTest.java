package io.newsflow.newsroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * With an access key configured, the API wants it, and refuses as a problem without it; with no
 * index to answer (nothing listens on the configured port), a search is a 503 problem, not a 500.
 * The page itself stays reachable so that it can ask for the key.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "newsflow.newsroom.access-key=s3cret-key", "newsflow.newsroom.elasticsearch.uris=http://127.0.0.1:1",
        "newsflow.newsroom.elasticsearch.connect-timeout=1s"})
class AccessAndFailureTest {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theApiWantsTheKey() throws Exception {
        HttpResponse<String> without = get("/api/v1/search", null);
        assertThat(without.statusCode()).isEqualTo(401);
        assertThat(without.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(without.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(without.body()).contains("unauthorized");
        assertThat(get("/api/v1/search", "wrong").statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/search?size=0", "s3cret-key").statusCode()).as("past the key, to validation")
                .isEqualTo(400);
        HttpResponse<String> page = get("/", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
    }

    @Test
    void anIndexThatDoesNotAnswerIsA503Problem() throws Exception {
        HttpResponse<String> response = get("/api/v1/search?q=anything", "s3cret-key");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body()).contains("index-unavailable").doesNotContain("Exception");
        assertThat(get("/api/v1/articles/" + "a".repeat(32), "s3cret-key").statusCode()).isEqualTo(503);
    }

    private HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(20));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
