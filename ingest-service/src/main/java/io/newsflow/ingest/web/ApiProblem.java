package io.newsflow.ingest.web;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal that any part of the API raises (a security filter, a controller) and that
 * {@link ApiErrorHandler} answers: so every problem document the service writes is made in one
 * place, by Spring's {@link ProblemDetail}, and none can drift from the others.
 */
public class ApiProblem extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> properties = new LinkedHashMap<>();

    /**
     * @param type   the stable reason, the last segment of the problem's {@code type} URI
     * @param title  a short summary that does not change from occurrence to occurrence
     * @param detail what happened this time, for the client's developer
     */
    public ApiProblem(HttpStatus status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /**
     * 404 for a resource of the caller's API key that does not exist (or is another key's: the
     * same answer, so ids cannot be probed); the id is echoed only as safe characters.
     */
    static ApiProblem notFound(String what, String id) {
        String shown = (id.length() > 64 ? id.substring(0, 64) + "…" : id).replaceAll("[^0-9A-Za-z_-]", "?");
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", "No " + what + " '" + shown
                + "' belongs to this API key.");
    }

    /** The name of the API key that made the request ({@code anonymous} when keys are off). */
    static String caller(jakarta.servlet.http.HttpServletRequest request) {
        Object holder = request.getAttribute(io.newsflow.ingest.security.ApiKeyFilter.HOLDER);
        return holder == null ? "anonymous" : holder.toString();
    }

    /** The same problem, answered with a response header too (Retry-After, WWW-Authenticate). */
    public ApiProblem withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** The same problem with an extension member (e.g. {@code errors}, one per invalid field). */
    public ApiProblem withProperty(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    public HttpStatus status() {
        return status;
    }

    public String type() {
        return type;
    }

    public Map<String, String> headers() {
        return headers;
    }

    ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(Problems.TYPES + type));
        problem.setTitle(title);
        properties.forEach(problem::setProperty);
        return problem;
    }
}
