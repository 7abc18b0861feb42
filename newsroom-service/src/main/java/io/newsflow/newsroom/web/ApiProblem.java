package io.newsflow.newsroom.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** A refusal any part of the newsroom raises; {@link ApiErrors} writes it as a problem document. */
class ApiProblem extends RuntimeException {

    static final String TYPES = "https://newsflow.io/problems/";

    private final HttpStatus status;
    private final String type;
    private final String title;

    ApiProblem(HttpStatus status, String type, String title, String detail) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
    }

    /** The problem type of a status that Spring MVC or the servlet container answers on its own. */
    static String typeOf(int status) {
        return switch (status) {
            case 400 -> "invalid-parameter";
            case 401 -> "unauthorized";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 500 -> "internal-error";
            default -> "http-" + status;
        };
    }

    HttpStatus status() {
        return status;
    }

    ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }
}
