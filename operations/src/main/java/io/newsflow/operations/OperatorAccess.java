package io.newsflow.operations;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Principal;
import java.util.HexFormat;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates the operator on the actuator's endpoints, so that the health endpoint shows its
 * details (Kafka cluster id, Elasticsearch nodes, disk) to the operator only
 * ({@code management.endpoint.health.show-details: when-authorized}), while liveness, readiness
 * and the bare status stay open to orchestrators and load balancers.
 *
 * <p>The operator holds a token and the service is configured with its SHA-256 only, like the
 * ingest API's keys: {@code Authorization: Bearer <token>}. A request with the right token is
 * given the principal {@code operator}, which is all Spring Boot's actuator looks at without
 * Spring Security; a request with a wrong token is refused (401) rather than quietly shown less,
 * so that a mistyped token is noticed. Written as one filter rather than with Spring Security:
 * the services have no users, only this one token, and a second security framework beside the
 * API's key filter would be one more place where access is decided.
 */
final class OperatorAccess extends OncePerRequestFilter {

    static final String PRINCIPAL = "operator";

    private final byte[] tokenSha256;

    /** @param tokenSha256 hex SHA-256 of the operator's token; blank: nobody is authenticated */
    OperatorAccess(String tokenSha256) {
        this.tokenSha256 = tokenSha256 == null || tokenSha256.isBlank() ? null
                : HexFormat.of().parseHex(tokenSha256.strip().toLowerCase(java.util.Locale.ROOT));
        if (this.tokenSha256 != null && this.tokenSha256.length != 32) {
            throw new IllegalArgumentException("newsflow.operator.sha256 must be a SHA-256 in hex (64 characters)");
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        if (tokenSha256 == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(tokenSha256, sha256(authorization.substring(7).strip()))) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
            response.setContentType("application/problem+json");
            response.getOutputStream().write(("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"" + (tokenSha256 == null ? "No operator token is configured on this service."
                            : "Wrong operator token.") + "\"}").getBytes(StandardCharsets.UTF_8));
            return;
        }
        chain.doFilter(new HttpServletRequestWrapper(request) {
            private final Principal operator = () -> PRINCIPAL;

            @Override
            public Principal getUserPrincipal() {
                return operator;
            }

            @Override
            public String getRemoteUser() {
                return PRINCIPAL;
            }

            @Override
            public boolean isUserInRole(String role) {
                return "OPERATOR".equalsIgnoreCase(role) || "ROLE_OPERATOR".equalsIgnoreCase(role);
            }

            @Override
            public String getAuthType() {
                return "Bearer";
            }
        }, response);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
