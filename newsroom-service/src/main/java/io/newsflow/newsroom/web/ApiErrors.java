package io.newsflow.newsroom.web;

import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.newsflow.newsroom.search.NewsQuery;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
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
 * The newsroom's one error handler: every failure is an RFC 9457 problem with a stable type; a
 * reader's mistake is a 4xx naming what was wrong, an index that cannot answer a 503, never a
 * stack trace.
 */
@RestControllerAdvice
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(NewsQuery.InvalidQueryException.class)
    ProblemDetail invalidQuery(NewsQuery.InvalidQueryException e) {
        ProblemDetail problem = new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                e.errors().size() == 1 ? e.errors().get(0).parameter() + " " + e.errors().get(0).message()
                        : e.errors().size() + " parameters are invalid").toProblemDetail();
        List<Map<String, String>> errors = e.errors().stream()
                .map(error -> Map.of("parameter", error.parameter(), "message", error.message())).toList();
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<ProblemDetail> problem(ApiProblem e) {
        return ResponseEntity.status(e.status()).body(e.toProblemDetail());
    }

    /**
     * Tomcat parses the query string lazily, when the controller first asks for the parameters,
     * and throws then if it cannot: a parameter that is not valid percent-encoded UTF-8
     * ({@code ?q=%FF}, {@code ?q=%zz}), one without a name ({@code ?=x}), or more than its limit of
     * parameters (1,000). The reader's mistake, a 400; Tomcat's message quotes the parameter
     * (possibly garbled), so it is not echoed.
     */
    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail unreadableQuery(InvalidParameterException e) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                "The query string cannot be read: a parameter is not valid percent-encoded UTF-8, has no name, "
                        + "or there are too many.").toProblemDetail();
    }

    /**
     * The index refused the query itself: the reader's request as far as we can tell, so a 400.
     * Every parameter is checked before a query is built ({@link NewsQuery}: dates within the
     * years Elasticsearch reads, cursors of the sort's shape), so this should not happen: it is
     * logged as a warning to be looked at.
     */
    @ExceptionHandler(ElasticsearchException.class)
    ProblemDetail indexRefused(ElasticsearchException e) {
        if (e.status() == 400) {
            log.warn("The index refused a query the parameter checks let through: {}", e.getMessage());
            return new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                    "The index could not run this query; check the parameters and the after cursor.")
                    .toProblemDetail();
        }
        return indexUnavailable(e);
    }

    @ExceptionHandler(IOException.class)
    ProblemDetail indexUnavailable(Exception e) {
        log.warn("The index did not answer: {}", e.toString());
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "index-unavailable", "Index unavailable",
                "The search index did not answer; retry shortly.").toProblemDetail();
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e) {
        log.error("Unexpected error", e);
        return new ApiProblem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed on our side; it is logged.").toProblemDetail();
    }

    /** Spring MVC's own errors (405, 406, 404 for unknown paths...): keep them, add our type. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body == null && e instanceof ErrorResponse errorResponse) {
            body = errorResponse.getBody();
        }
        if (body instanceof ProblemDetail problem) {
            problem.setType(URI.create(ApiProblem.TYPES + ApiProblem.typeOf(status.value())));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }
}
