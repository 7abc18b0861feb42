package io.newsflow.newsroom.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the servlet container forwards its own errors to ({@code /error}): a request refused
 * before Spring MVC saw it (TRACE, a protected path such as {@code /WEB-INF/}) or an error raised
 * outside a controller. Answered as a problem document like every other refusal, instead of Spring
 * Boot's own JSON; and {@code GET /error} asked for directly, which Spring Boot answers with a 500
 * ("status 999": no error to describe), is a 404 like any other path that names nothing.
 */
@Hidden
@RestController
class ErrorPages implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorPages.class);

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value) : HttpStatus.NOT_FOUND;
        if (status.is5xxServerError() && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable e) {
            log.error("Unexpected error outside the API's handlers", e);
        }
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setType(URI.create(ApiProblem.TYPES + ApiProblem.typeOf(status.value())));
        problem.setTitle(status.getReasonPhrase());
        problem.setDetail(status == HttpStatus.NOT_FOUND ? "Nothing here." : status.is5xxServerError()
                ? "The request failed on our side; it is logged." : "The request was refused: " + status.getReasonPhrase() + ".");
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        problem.setInstance(URI.create(uri instanceof String path && path.matches("[A-Za-z0-9/._~-]{1,200}") ? path : "/"));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
