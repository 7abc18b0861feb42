package io.newsflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A service as deployed: health details for the operator only, liveness and readiness open,
 * over real HTTP. The token is {@code s3cret}; the service knows its SHA-256 only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "server.address=127.0.0.1",
        "newsflow.operator.sha256=1ec1c26b50d5d3c58d9583181af8076655fe00756bf7285940ba3670f99fcba0",
        "management.endpoint.health.show-details=when-authorized",
        "management.endpoint.health.probes.enabled=true"})
class OperatorAccessTest {

    @SpringBootApplication
    static class Service {
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOperatorSeesTheHealthDetails() throws Exception {
        HttpResponse<String> response = get("/actuator/health", "Bearer s3cret");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").contains("\"components\"").contains("diskSpace");
    }

    @Test
    void anyoneElseSeesTheStatusOnly() throws Exception {
        HttpResponse<String> response = get("/actuator/health", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"").doesNotContain("components").doesNotContain("diskSpace");
    }

    @Test
    void probesStayOpen() throws Exception {
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
    }

    @Test
    void aWrongTokenIsRefusedNotQuietlyShownLess() throws Exception {
        for (String authorization : new String[] {"Bearer wrong", "Basic b3BlcmF0b3I6czNjcmV0", "Bearer "}) {
            HttpResponse<String> response = get("/actuator/health", authorization);

            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.body()).contains("Wrong operator token").doesNotContain("components");
        }
    }

    @Test
    void theTokenMatchesCaseOfTheSchemeButNotOfTheToken() throws Exception {
        assertThat(get("/actuator/health", "bearer s3cret").body()).contains("components");
        assertThat(get("/actuator/health", "Bearer S3CRET").statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
