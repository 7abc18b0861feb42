package io.newsflow.ingest.subscriptions;

/** The subscriptions could not be read or written now (the broker is unavailable, or still loading). */
public class SubscriptionsUnavailableException extends RuntimeException {

    public SubscriptionsUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
