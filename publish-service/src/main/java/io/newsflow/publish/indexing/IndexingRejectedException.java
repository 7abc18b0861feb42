package io.newsflow.publish.indexing;

import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.kafka.DeadLetterException;

/**
 * Elasticsearch refused a document for good (a mapping or parse error). Retrying cannot help, so
 * the record goes to the dead-letter topic as {@code index-rejected}; the message carries
 * Elasticsearch's status, error type and reason, which end up in the dead letter's headers.
 */
public class IndexingRejectedException extends DeadLetterException {

    public IndexingRejectedException(ArticleIndex.Outcome outcome) {
        super(DeadLetterReason.INDEX_REJECTED, "Elasticsearch rejected the document (status " + outcome.status()
                + "): " + outcome.type() + ": " + outcome.reason());
    }
}
