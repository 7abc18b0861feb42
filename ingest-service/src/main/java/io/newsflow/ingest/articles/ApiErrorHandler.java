package io.newsflow.ingest.articles;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The service's one error handler: every failure becomes an RFC 9457
 * {@code application/problem+json} answer with a stable {@code type}, and a client's mistake is
 * never a 500. Spring MVC's own exceptions (415, 405, 406, ...) are handled by the base class.
 */
@RestControllerAdvice
class ApiErrorHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);
    private static final String TYPES = "https://newsflow.io/problems/";

    /** Retry-After for 503s: long enough for a broker leader election, short enough to keep flow. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ExceptionHandler(InvalidArticleException.class)
    ProblemDetail invalidArticle(InvalidArticleException e) {
        ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-article",
                "Invalid article", e.errors().size() == 1
                        ? e.errors().get(0).field() + " " + e.errors().get(0).message()
                        : e.errors().size() + " fields are invalid");
        List<Map<String, String>> errors = e.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message()))
                .toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(BrokerUnavailableException.class)
    ResponseEntity<ProblemDetail> brokerUnavailable(BrokerUnavailableException e) {
        log.warn("Answering 503: {}", e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
                "Temporarily unable to accept articles",
                "The article was not accepted because the message broker did not acknowledge it; retry later.");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .body(problem);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; it is logged. Retry later.");
    }

    /** Malformed JSON: say where, without echoing parser internals or a stack trace. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String detail = e.getMostSpecificCause() instanceof tools.jackson.core.JacksonException jackson
                ? "Malformed JSON: " + jackson.getOriginalMessage()
                        + (jackson.getLocation() != null ? " (line " + jackson.getLocation().getLineNr()
                                + ", column " + jackson.getLocation().getColumnNr() + ")" : "")
                : "The request body is missing or unreadable.";
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, "malformed-request",
                "Malformed request", detail));
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
