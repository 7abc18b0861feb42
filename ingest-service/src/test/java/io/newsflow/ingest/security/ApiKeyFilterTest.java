package io.newsflow.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.ingest.IngestProperties.SecurityProperties.ApiKey;
import io.newsflow.ingest.IngestProperties.SecurityProperties.RateLimit;
import io.newsflow.ingest.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.ModelAndView;

/**
 * Which requests the filter lets through and which refusal it hands on; how a refusal is written
 * is the API's one error handler's business (checked over HTTP in {@code IngestServiceIT}).
 */
class ApiKeyFilterTest {

    private final List<ApiProblem> refused = new ArrayList<>();
    private final ApiKeyFilter filter = new ApiKeyFilter(new ApiKeys(List.of(new ApiKey("feeds", ApiKeys.hash("k1")))),
            new RateLimiter(new RateLimit(1, 2)), (request, response, handler, exception) -> {
                refused.add((ApiProblem) exception);
                return new ModelAndView();
            });

    /** The problem the filter refused the post with, or null when it let it through. */
    private ApiProblem post(String key) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/articles");
        request.setRequestURI("/api/v1/articles");
        if (key != null) {
            request.addHeader("Authorization", "Bearer " + key);
        }
        MockFilterChain chain = new MockFilterChain();
        refused.clear();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest() == null).as("either passed on or refused").isEqualTo(refused.size() == 1);
        return refused.isEmpty() ? null : refused.get(0);
    }

    @Test
    void aKeyOverItsRateIsRefusedWithRetryAfter() throws Exception {
        assertThat(post("k1")).isNull();
        assertThat(post("k1")).isNull();

        ApiProblem throttled = post("k1");

        assertThat(throttled.status().value()).isEqualTo(429);
        assertThat(throttled.type()).isEqualTo("too-many-requests");
        assertThat(throttled.headers()).containsEntry("Retry-After", "1");
    }

    @Test
    void missingAndWrongKeysAreRefusedBeforeTheRequestGoesOn() throws Exception {
        ApiProblem missing = post(null);
        assertThat(missing.status().value()).isEqualTo(401);
        assertThat(missing.headers()).containsEntry("WWW-Authenticate", "Bearer");
        assertThat(post("nope").type()).isEqualTo("forbidden");
    }

    @Test
    void pathsOutsideTheApiNeedNoKey() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/health");
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        assertThat(chain.getRequest()).isNotNull();
    }
}
