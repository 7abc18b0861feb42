package io.newsflow.enrich.pipeline;

/**
 * A raw record this pipeline cannot process however often it retries, e.g. one written in a
 * schema version newer than this service knows. Such records go straight to the dead-letter topic.
 */
public class UnsupportedArticleException extends RuntimeException {

    public UnsupportedArticleException(String message) {
        super(message);
    }
}
