package io.newsflow.ingest.feeds;

/** A fetched page that cannot be ingested for a reason of its own: not HTML, or empty. */
public final class UnusablePageException extends Exception {

    UnusablePageException(String message) {
        super(message, null, false, false);
    }
}
