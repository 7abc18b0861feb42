package io.newsflow.ingest.intake;

import java.util.List;

/** A submission that breaks the API's rules; the client must change it before retrying. */
public class InvalidArticleException extends RuntimeException {

    private final List<FieldError> errors;

    public InvalidArticleException(List<FieldError> errors) {
        super(errors.size() + " invalid field(s): " + errors);
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }

    /** One problem with one field of the submission. */
    public record FieldError(String field, String message) {
    }
}
