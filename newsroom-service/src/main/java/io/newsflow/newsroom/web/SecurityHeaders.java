package io.newsflow.newsroom.web;

import io.newsflow.newsroom.NewsroomProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Every answer carries a Content-Security-Policy without inline script (the page's code is its own
 * files, article text is only ever text), and no framing, sniffing or referrer leaks. When an
 * access key is configured, the API needs it ({@code Authorization: Bearer <key>}); the page asks
 * for it once and keeps it in the browser. Refusals go through the one error handler.
 */
@Component
class SecurityHeaders extends OncePerRequestFilter {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https: http:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "frame-ancestors 'none'; form-action 'self'";

    private final byte[] accessKey;
    private final HandlerExceptionResolver problems;

    SecurityHeaders(NewsroomProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
        this.accessKey = properties.accessKey().isBlank() ? null : properties.accessKey().getBytes(StandardCharsets.UTF_8);
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        response.setHeader("Content-Security-Policy", POLICY);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Frame-Options", "DENY");
        if (accessKey != null && request.getRequestURI().startsWith("/api/") && !authorized(request)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            problems.resolveException(request, response, null, new ApiProblem(HttpStatus.UNAUTHORIZED,
                    "unauthorized", "Unauthorized", "This newsroom needs its access key: Authorization: Bearer <key>."));
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * Also on the container's error dispatch ({@code /error}): a request Tomcat refuses before
     * the filters (TRACE, {@code /WEB-INF/}) is answered there, and must carry the headers too.
     */
    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private boolean authorized(HttpServletRequest request) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(accessKey, authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }
}
