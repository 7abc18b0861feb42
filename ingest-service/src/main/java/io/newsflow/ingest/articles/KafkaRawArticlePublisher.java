package io.newsflow.ingest.articles;

import io.newsflow.contracts.ArticleReceived;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes accepted articles to the raw topic, keyed by article id, and waits for the broker's
 * acknowledgement: the producer runs with {@code acks=all} and idempotence, so a 202 given after
 * this returns means the article is on every in-sync replica.
 */
class KafkaRawArticlePublisher implements RawArticlePublisher {

    private final KafkaTemplate<String, ArticleReceived> kafka;
    private final String topic;
    private final Duration timeout;

    KafkaRawArticlePublisher(KafkaTemplate<String, ArticleReceived> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public long publish(ArticleReceived article) {
        try {
            return kafka.send(topic, article.id(), article).get(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .getRecordMetadata().timestamp();
        } catch (ExecutionException e) {
            throw new BrokerUnavailableException("The broker did not accept the article: "
                    + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("The broker did not acknowledge the article within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted while waiting for the broker", e);
        } catch (org.apache.kafka.common.KafkaException | org.springframework.kafka.KafkaException e) {
            // KafkaTemplate throws synchronously when the client gives up waiting for metadata
            throw new BrokerUnavailableException("The broker did not accept the article: " + e.getMessage(), e);
        }
    }
}
