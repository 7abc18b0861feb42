package io.newsflow.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.ingest.IngestProperties.SecurityProperties.ApiKey;
import io.newsflow.ingest.IngestProperties.SecurityProperties.RateLimit;
import io.newsflow.ingest.articles.IntakeMetrics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class ApiKeyFilterTest {

    private final ApiKeyFilter filter = new ApiKeyFilter(new ApiKeys(List.of(new ApiKey("feeds", ApiKeys.hash("k1")))),
            new RateLimiter(new RateLimit(1, 2)), new IntakeMetrics(new SimpleMeterRegistry()));

    private MockHttpServletResponse post(String key) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/articles");
        request.setRequestURI("/api/v1/articles");
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (chain.getRequest() != null) {
            response.setStatus(202);
        }
        return response;
    }

    @Test
    void aKeyOverItsRateGets429WithRetryAfter() throws Exception {
        assertThat(post("k1").getStatus()).isEqualTo(202);
        assertThat(post("k1").getStatus()).isEqualTo(202);

        MockHttpServletResponse throttled = post("k1");

        assertThat(throttled.getStatus()).isEqualTo(429);
        assertThat(throttled.getHeader("Retry-After")).isEqualTo("1");
        assertThat(throttled.getContentType()).startsWith("application/problem+json");
        assertThat(throttled.getContentAsString()).contains("too-many-requests");
    }

    @Test
    void missingAndWrongKeysAreRefusedBeforeTheRequestGoesOn() throws Exception {
        assertThat(post(null).getStatus()).isEqualTo(401);
        assertThat(post("nope").getStatus()).isEqualTo(403);
    }

    @Test
    void pathsOutsideTheApiNeedNoKey() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }
}
