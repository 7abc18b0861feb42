package io.newsflow.ingest.feeds;

import io.newsflow.ingest.intake.InvalidArticleException;
import java.util.List;

/** A feed registration or fetch request breaking the rules, with every problem found. */
public final class InvalidFeedException extends RuntimeException {

    private final List<InvalidArticleException.FieldError> errors;

    InvalidFeedException(List<InvalidArticleException.FieldError> errors) {
        super(errors.size() + " invalid field(s)", null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<InvalidArticleException.FieldError> errors() {
        return errors;
    }
}
