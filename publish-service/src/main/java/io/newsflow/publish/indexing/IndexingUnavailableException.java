package io.newsflow.publish.indexing;

/** Elasticsearch could not take a write now (429, 5xx, unreachable): retry the record later. */
public class IndexingUnavailableException extends RuntimeException {

    public IndexingUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
