package io.newsflow.ingest.web;

import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.InvalidArticleException;
import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.ingest.intake.PayloadTooLargeException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The one mapping from what can go wrong with an article to an RFC 9457 problem, used for whole
 * requests (by {@link ApiErrorHandler}) and for single lines of a batch alike, so a client sees
 * the same {@code type} for the same mistake wherever it makes it.
 */
final class Problems {

    /** Base of every problem {@code type}; the last segment is the stable reason. */
    static final String TYPES = "https://newsflow.io/problems/";

    private Problems() {
    }

    /** The problem for an exception, or null when it is not a known article-level failure. */
    static ProblemDetail of(RuntimeException e) {
        if (e instanceof InvalidArticleException invalid) {
            ProblemDetail problem = problem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-article", "Invalid article",
                    invalid.errors().size() == 1
                            ? invalid.errors().get(0).field() + " " + invalid.errors().get(0).message()
                            : invalid.errors().size() + " fields are invalid");
            List<Map<String, String>> errors = invalid.errors().stream()
                    .map(error -> Map.of("field", error.field(), "message", error.message()))
                    .toList();
            problem.setProperty("errors", errors);
            return problem;
        }
        if (e instanceof MalformedRequestException malformed) {
            ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-request", "Malformed request",
                    malformed.getMessage());
            if (malformed.field() != null) {
                problem.setProperty("field", malformed.field());
            }
            return problem;
        }
        if (e instanceof PayloadTooLargeException) {
            return problem(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large", e.getMessage());
        }
        if (e instanceof RequestBodies.UnsupportedEncodingException) {
            return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-encoding", "Unsupported content encoding",
                    e.getMessage());
        }
        if (e instanceof BrokerUnavailableException broker) {
            ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable",
                    "Temporarily unable to accept articles", broker.outcomeUnknown()
                            ? "The message broker did not confirm the article in time, so it may or may not have "
                                    + "been accepted. Retrying is safe: the article keeps its id, and an unchanged "
                                    + "re-post is recognised downstream."
                            : "The article was not accepted: the message broker is unreachable and nothing was "
                                    + "written. Retry later.");
            problem.setProperty("outcome", broker.outcomeUnknown() ? "unknown" : "not-accepted");
            if (broker.articleId() != null) {
                problem.setProperty("id", broker.articleId());
            }
            return problem;
        }
        return null;
    }

    static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPES + type));
        problem.setTitle(title);
        return problem;
    }

    /** The stable reason of a problem: the last segment of its type. */
    static String reason(ProblemDetail problem) {
        String type = problem.getType().toString();
        return type.substring(type.lastIndexOf('/') + 1);
    }
}
