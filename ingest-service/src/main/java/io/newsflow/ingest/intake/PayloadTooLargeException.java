package io.newsflow.ingest.intake;

/** The request carries more than the configured limit allows (413). */
public class PayloadTooLargeException extends RuntimeException {

    public PayloadTooLargeException(String message) {
        super(message);
    }
}
