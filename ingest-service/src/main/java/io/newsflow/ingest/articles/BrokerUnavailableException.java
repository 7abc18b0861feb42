package io.newsflow.ingest.articles;

/** The broker did not acknowledge an article in time: nothing was accepted, the client may retry. */
public class BrokerUnavailableException extends RuntimeException {

    public BrokerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
