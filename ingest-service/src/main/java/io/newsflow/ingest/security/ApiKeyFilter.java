package io.newsflow.ingest.security;

import io.newsflow.ingest.articles.IntakeMetrics;
import io.newsflow.ingest.articles.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a request to {@code /api/} through only with an accepted key, as
 * {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}: 401 without a key, 403 with a
 * wrong one, 429 with Retry-After over the key's rate limit, all as problem JSON. It runs before
 * the body is read, so an unauthenticated or throttled client cannot make the service read
 * megabytes.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the name of the key's holder, for logs and metrics. */
    public static final String HOLDER = "newsflow.apiKeyHolder";

    private final ApiKeys keys;
    private final RateLimiter rateLimiter;
    private final IntakeMetrics metrics;

    ApiKeyFilter(ApiKeys keys, RateLimiter rateLimiter, IntakeMetrics metrics) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.metrics = metrics;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = presentedKey(request);
        if (key == null) {
            refuse(response, HttpServletResponse.SC_UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.");
            return;
        }
        String holder = keys.holderOf(key);
        if (holder == null) {
            refuse(response, HttpServletResponse.SC_FORBIDDEN, "forbidden", "Forbidden", "The API key is not accepted.");
            return;
        }
        if (rateLimiter.enabled()) {
            long wait = rateLimiter.secondsToWait(holder);
            if (wait > 0) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait));
                refuse(response, 429, "too-many-requests", "Too many requests",
                        "This API key is over its rate limit; retry after " + wait + " s.");
                return;
            }
        }
        request.setAttribute(HOLDER, holder);
        chain.doFilter(request, response);
    }

    private static String presentedKey(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            String key = authorization.substring(7).strip();
            return key.isEmpty() ? null : key;
        }
        String apiKey = request.getHeader("X-Api-Key");
        return apiKey == null || apiKey.isBlank() ? null : apiKey.strip();
    }

    private void refuse(HttpServletResponse response, int status, String type, String title, String detail)
            throws IOException {
        metrics.rejected(type);
        response.setStatus(status);
        if (status == HttpServletResponse.SC_UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write("{\"type\":\"" + Problems.TYPES + type + "\",\"title\":\"" + title
                + "\",\"status\":" + status + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
    }
}
