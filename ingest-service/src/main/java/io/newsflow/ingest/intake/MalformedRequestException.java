package io.newsflow.ingest.intake;

/**
 * The request body cannot be read as what the endpoint takes: not JSON, not UTF-8, a field of
 * the wrong type, an unknown field (400). {@code field} names the offending field when known.
 */
public class MalformedRequestException extends RuntimeException {

    private final String field;

    public MalformedRequestException(String message, String field) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
