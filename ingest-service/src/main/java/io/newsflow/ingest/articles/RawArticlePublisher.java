package io.newsflow.ingest.articles;

import java.util.concurrent.CompletableFuture;

/** Where accepted articles go: the Kafka shell in production, a fake in unit tests. */
public interface RawArticlePublisher {

    /**
     * Hands the article to the broker.
     *
     * @return completes with the article's revision (the time at which the broker appended the
     *         record) once the broker acknowledged it; fails with {@link BrokerUnavailableException}
     *         when it could not, or {@link PayloadTooLargeException} when the record is too big
     */
    CompletableFuture<Long> send(RawArticle article);
}
