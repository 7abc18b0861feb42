package io.newsflow.ingest.web;

import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.IntakeMetrics;
import io.newsflow.ingest.intake.InvalidArticleException;
import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.ingest.intake.PayloadTooLargeException;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * The service's one error handler: every failure becomes an RFC 9457
 * {@code application/problem+json} answer with a stable {@code type} (see {@link Problems}), and a
 * client's mistake is never a 500. Spring MVC's own exceptions (415, 405, 406, missing
 * parameters, ...) are handled by the base class and given a type too, and the security filter's
 * refusals come here as well ({@link ApiProblem}, through Spring's
 * {@code HandlerExceptionResolver}). Every refusal is counted by reason.
 */
@RestControllerAdvice
class ApiErrorHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    /** Retry-After for 503s: long enough for a broker leader election, short enough to keep flow. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final IntakeMetrics metrics;

    ApiErrorHandler(IntakeMetrics metrics) {
        this.metrics = metrics;
    }

    @ExceptionHandler({InvalidArticleException.class, MalformedRequestException.class, PayloadTooLargeException.class,
            RequestBodies.UnsupportedEncodingException.class, BrokerUnavailableException.class})
    ResponseEntity<ProblemDetail> articleProblem(RuntimeException e) {
        ProblemDetail problem = Problems.of(e);
        metrics.rejected(Problems.reason(problem));
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.getStatus());
        if (e instanceof BrokerUnavailableException) {
            log.warn("Answering 503: {}", e.getMessage());
            response.header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
        }
        return response.body(problem);
    }

    /** Refusals raised outside the article flow: a security filter, the status lookup. */
    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> apiProblem(ApiProblem problem) {
        metrics.rejected(problem.type());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(problem.status());
        problem.headers().forEach(response::header);
        return response.body(problem.toProblemDetail());
    }

    /**
     * Tomcat parses query parameters lazily, when the controller first asks for one, and throws
     * then if one is not valid percent-encoded UTF-8 ({@code ?url=%ZZ}) or there are too many: the
     * client's mistake (400), not ours. Tomcat's message quotes the parameter, so it is not echoed.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalidParameter(InvalidParameterException e) {
        return articleProblem(new MalformedRequestException("The query string cannot be read: a parameter is not "
                + "valid percent-encoded UTF-8, or there are too many parameters.", null));
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        metrics.rejected("internal-error");
        return Problems.problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; it is logged. Retry later.");
    }

    /** Spring MVC's own errors: keep its status and detail, add our type and count them. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem) {
            String reason = switch (status.value()) {
                case 400 -> "malformed-request";
                case 405 -> "method-not-allowed";
                case 406 -> "not-acceptable";
                case 413 -> "payload-too-large";
                case 415 -> "unsupported-media-type";
                default -> "http-" + status.value();
            };
            problem.setType(java.net.URI.create(Problems.TYPES + reason));
            metrics.rejected(reason);
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }
}
