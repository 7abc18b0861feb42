package io.newsflow.publish.indexing;

/**
 * Elasticsearch refused a document for good (e.g. a mapping or parse error). Retrying cannot
 * help, so the record goes to the dead-letter topic; the message carries Elasticsearch's error
 * type and reason, which end up in the dead letter's exception headers.
 */
public class IndexingRejectedException extends RuntimeException {

    public IndexingRejectedException(ArticleIndex.Outcome outcome) {
        super("Elasticsearch rejected the document (status " + outcome.status() + "): " + outcome.type() + ": "
                + outcome.reason());
    }
}
