package io.newsflow.ingest.articles;

import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/v1/articles}: a thin HTTP shell around {@link ArticleIntake}. */
@RestController
@RequestMapping("/api/v1/articles")
class ArticleController {

    private final ArticleIntake intake;

    ArticleController(ArticleIntake intake) {
        this.intake = intake;
    }

    /** Answers 202 only after the broker acknowledged the article. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    Accepted post(@RequestBody ArticleSubmission submission) {
        ArticleIntake.Accepted accepted = intake.accept(submission);
        return new Accepted(accepted.article().id(), accepted.revision(), accepted.article().receivedAt());
    }

    /** What the client gets back: the id to look the article up by, and its revision. */
    record Accepted(String id, long revision, Instant receivedAt) {
    }
}
