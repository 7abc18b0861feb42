package io.newsflow.ingest.articles;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes accepted articles to the raw topic, keyed by article id. The producer runs with
 * {@code acks=all} and idempotence, so the returned future completes only once the record is on
 * every in-sync replica; the caller answers 202 after that, never before. Values are the
 * events' JSON, made by {@link RawArticle#toJson()} (no Java type headers, so consumers in any
 * language read them).
 */
class KafkaRawArticlePublisher implements RawArticlePublisher {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;

    KafkaRawArticlePublisher(KafkaTemplate<String, byte[]> kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Long> send(RawArticle article) {
        try {
            return kafka.send(topic, article.envelope().id(), article.toJson())
                    .handle((result, failure) -> {
                        if (failure != null) {
                            throw translate(failure);
                        }
                        return result.getRecordMetadata().timestamp();
                    });
        } catch (RuntimeException e) {
            // KafkaTemplate throws synchronously when the client gives up waiting for metadata
            return CompletableFuture.failedFuture(translate(e));
        }
    }

    private static RuntimeException translate(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof org.springframework.kafka.KafkaException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof RecordTooLargeException) {
            return new PayloadTooLargeException("The article is too large for the broker once encoded.");
        }
        return new BrokerUnavailableException("The broker did not accept the article: " + cause.getMessage(), cause);
    }
}
