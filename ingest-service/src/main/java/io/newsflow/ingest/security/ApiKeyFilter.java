package io.newsflow.ingest.security;

import io.newsflow.ingest.web.ApiProblem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Lets a request to {@code /api/} through only with an accepted key, as
 * {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}: 401 without a key, 403 with a
 * wrong one, 429 with Retry-After over the key's rate limit. It runs before the body is read, so
 * an unauthenticated or throttled client cannot make the service read megabytes. Refusals are
 * handed to Spring's {@link HandlerExceptionResolver}, so the API's one error handler writes them
 * like every other problem.
 */
public class ApiKeyFilter extends OncePerRequestFilter {

    /** Request attribute holding the name of the key's holder, for logs and metrics. */
    public static final String HOLDER = "newsflow.apiKeyHolder";

    private final ApiKeys keys;
    private final RateLimiter rateLimiter;
    private final HandlerExceptionResolver problems;

    ApiKeyFilter(ApiKeys keys, RateLimiter rateLimiter, HandlerExceptionResolver problems) {
        this.keys = keys;
        this.rateLimiter = rateLimiter;
        this.problems = problems;
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
            refuse(request, response, new ApiProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                    "Send an API key as 'Authorization: Bearer <key>' or 'X-Api-Key: <key>'.")
                    .withHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer"));
            return;
        }
        String holder = keys.holderOf(key);
        if (holder == null) {
            refuse(request, response, new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden",
                    "The API key is not accepted."));
            return;
        }
        if (rateLimiter.enabled()) {
            long wait = rateLimiter.secondsToWait(holder);
            if (wait > 0) {
                refuse(request, response, new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "too-many-requests",
                        "Too many requests", "This API key is over its rate limit; retry after " + wait + " s.")
                        .withHeader(HttpHeaders.RETRY_AFTER, String.valueOf(wait)));
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

    private void refuse(HttpServletRequest request, HttpServletResponse response, ApiProblem problem) {
        problems.resolveException(request, response, null, problem);
    }
}
