package io.newsflow.ingest.intake;

import java.util.concurrent.CompletableFuture;

/** Where accepted articles go: the Kafka shell in production, a fake in unit tests. */
public interface RawArticlePublisher {

    /**
     * Hands the article to the broker.
     *
     * @return completes with the article's revision (made from the record's broker append time
     *         and offset, see {@link io.newsflow.contracts.Revisions}) once the broker acknowledged
     *         it; fails with {@link BrokerUnavailableException} when it could not (saying whether
     *         the record may have been written), or {@link PayloadTooLargeException} when the
     *         record is too big
     */
    CompletableFuture<Long> send(RawArticle article);
}
