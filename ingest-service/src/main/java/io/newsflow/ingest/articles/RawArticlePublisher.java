package io.newsflow.ingest.articles;

import io.newsflow.contracts.ArticleReceived;

/** Where accepted articles go: the Kafka shell in production, a fake in unit tests. */
public interface RawArticlePublisher {

    /**
     * Hands the article to the broker and returns only once the broker has acknowledged it.
     *
     * @return the article's revision: the time at which the broker appended the record
     * @throws BrokerUnavailableException if the broker did not acknowledge it in time
     */
    long publish(ArticleReceived article);
}
