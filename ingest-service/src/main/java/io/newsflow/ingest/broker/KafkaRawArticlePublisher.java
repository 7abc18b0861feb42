package io.newsflow.ingest.broker;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.newsflow.contracts.CloudEvents;
import io.newsflow.contracts.Revisions;
import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.PayloadTooLargeException;
import io.newsflow.ingest.intake.RawArticle;
import io.newsflow.ingest.intake.RawArticlePublisher;
import io.newsflow.kafka.EventHeaders;
import io.newsflow.kafka.RecordTracing;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes accepted articles to the raw topic, keyed by article id. The producer runs with
 * {@code acks=all} and idempotence, so the returned future completes only once the record is on
 * every in-sync replica; the caller answers 202 after that, never before. Values are the
 * events' JSON, made by {@link RawArticle#toJson()} (no Java type headers, so consumers in any
 * language read them). The revision is made from the record's broker timestamp and offset
 * ({@link Revisions}).
 *
 * <p>A circuit breaker (Resilience4j) watches the sends: once most recent sends failed for lack of
 * a broker, posts are refused at once, with nothing written, instead of each waiting out the
 * producer's delivery timeout; every {@code probeInterval} a few posts are let through to find out
 * whether the broker is back, and the first successes close it again.
 */
class KafkaRawArticlePublisher implements RawArticlePublisher {

    /** {@code ce_source} of the raw records. */
    static final String SERVICE = "ingest-service";

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Duration ackTimeout;
    private final CircuitBreaker broker;
    private final RecordTracing tracing;

    /**
     * @param ackTimeout    how long a send may wait for the broker's acknowledgement before it
     *                      counts as failed (the request answers 503 by then anyway)
     * @param probeInterval how long posts are refused at once after the broker was found
     *                      unreachable, before a few are let through to probe it
     */
    KafkaRawArticlePublisher(KafkaTemplate<String, byte[]> kafka, String topic, Duration ackTimeout,
            Duration probeInterval, RecordTracing tracing) {
        this.kafka = kafka;
        this.tracing = tracing;
        this.topic = topic;
        this.ackTimeout = ackTimeout;
        this.broker = CircuitBreaker.of("broker", CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize(10)
                .minimumNumberOfCalls(3)
                .failureRateThreshold(50)
                .waitDurationInOpenState(probeInterval)
                .permittedNumberOfCallsInHalfOpenState(2)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build());
    }

    @Override
    public CompletableFuture<Long> send(RawArticle article) {
        if (!broker.tryAcquirePermission()) {
            return CompletableFuture.failedFuture(new BrokerUnavailableException(
                    "The broker is unreachable (recent sends failed); refused without sending", null, false));
        }
        long start = broker.getCurrentTimestamp();
        try {
            var record = new ProducerRecord<String, byte[]>(topic, article.envelope().id(), article.toJson());
            EventHeaders.write(record.headers(), CloudEvents.ARTICLE_RECEIVED, UUID.randomUUID().toString(),
                    SERVICE, article.envelope().receivedAt(), article.envelope().id(), article.envelope().schemaVersion());
            tracing.injectCurrent(record.headers());
            return kafka.send(record)
                    .orTimeout(ackTimeout.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((result, failure) -> {
                        long took = broker.getCurrentTimestamp() - start;
                        if (failure != null) {
                            RuntimeException translated = translate(failure, true);
                            record(translated, took);
                            throw translated;
                        }
                        broker.onSuccess(took, broker.getTimestampUnit());
                        return Revisions.of(result.getRecordMetadata().timestamp(), result.getRecordMetadata().offset());
                    });
        } catch (RuntimeException e) {
            // KafkaTemplate throws synchronously when the client gives up waiting for metadata:
            // the record never left this service
            RuntimeException translated = translate(e, false);
            record(translated, broker.getCurrentTimestamp() - start);
            return CompletableFuture.failedFuture(translated);
        }
    }

    private void record(RuntimeException failure, long took) {
        if (failure instanceof BrokerUnavailableException) {
            broker.onError(took, broker.getTimestampUnit(), failure);
        } else {
            broker.releasePermission(); // the article's fault, not the broker's
        }
    }

    /** @param sent whether the record was handed to the broker (so it may have been written) */
    private static RuntimeException translate(Throwable failure, boolean sent) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof org.springframework.kafka.KafkaException)
                && cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        if (cause instanceof RecordTooLargeException) {
            return new PayloadTooLargeException("The article is too large for the broker once encoded.");
        }
        return new BrokerUnavailableException("The broker did not accept the article: " + cause.getMessage(), cause,
                sent);
    }
}
