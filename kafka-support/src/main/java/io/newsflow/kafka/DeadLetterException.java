package io.newsflow.kafka;

import io.newsflow.contracts.DeadLetterReason;

/**
 * A record that can never be processed, and why: thrown (or handed to {@link DeadLetterPublisher})
 * by a stage that classified a failure as permanent. The error handlers never retry it.
 */
public class DeadLetterException extends RuntimeException {

    private final DeadLetterReason reason;

    public DeadLetterException(DeadLetterReason reason, String detail) {
        this(reason, detail, null);
    }

    public DeadLetterException(DeadLetterReason reason, String detail, Throwable cause) {
        super(detail, cause);
        this.reason = reason;
    }

    public DeadLetterReason reason() {
        return reason;
    }
}
