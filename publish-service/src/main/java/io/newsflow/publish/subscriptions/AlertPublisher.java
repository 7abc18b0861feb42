package io.newsflow.publish.subscriptions;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.tracing.Span;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.EventJson;
import io.newsflow.kafka.EventHeaders;
import io.newsflow.kafka.RecordTracing;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Matches the articles a bulk just made current against every subscription and writes what the
 * matches deliver (see {@link Deliveries}), returning only once the broker has all of it: the
 * indexing listener commits its offsets after this, so a failure here redelivers the batch, which
 * re-indexes harmlessly (versioned writes) and matches again. Alerts are therefore at-least-once;
 * the subscription, article and revision in each say what is new.
 */
public final class AlertPublisher {

    /** {@code ce_source} of alerts and slices. */
    static final String SERVICE = "publish-service";
    /** Records sent before waiting for the broker's acknowledgement of all of them. */
    static final int MAX_IN_FLIGHT = 2_000;

    private final SubscriptionMatcher matcher;
    private final KafkaTemplate<String, byte[]> kafka;
    private final String webhooksTopic;
    private final Duration sendTimeout;
    private final Clock clock;
    private final Timer matching;
    private final Counter matched;
    private final RecordTracing tracing;

    AlertPublisher(SubscriptionMatcher matcher, KafkaTemplate<String, byte[]> kafka, String webhooksTopic,
            Duration sendTimeout, Clock clock, MeterRegistry meters, RecordTracing tracing) {
        this.matcher = matcher;
        this.tracing = tracing;
        this.kafka = kafka;
        this.webhooksTopic = webhooksTopic;
        this.sendTimeout = sendTimeout;
        this.clock = clock;
        this.matching = Timer.builder("newsflow.subscriptions.match.time")
                .description("Matching one indexed batch against every subscription").register(meters);
        this.matched = meters.counter("newsflow.subscriptions.matches");
        meters.gauge("newsflow.subscriptions.active", matcher, SubscriptionMatcher::size);
    }

    /**
     * An article whose revision is now the indexed one.
     *
     * @param headers its {@code news.enriched} record's headers, whose trace the alerts continue
     */
    public record Indexed(ArticleEnriched article, Headers headers) {
    }

    /**
     * Matches and sends article by article, never holding more than {@value #MAX_IN_FLIGHT}
     * unacknowledged records: the producer's send result keeps each record, so a batch of broad
     * subscriptions (tens of thousands of alerts) would otherwise be held whole in memory.
     *
     * @throws AlertsUnavailableException when the broker did not take every delivery in time
     */
    public void publish(List<Indexed> indexed) {
        if (indexed.isEmpty() || matcher.size() == 0) {
            return;
        }
        Deliveries deliveries = new Deliveries(clock.instant(), webhooksTopic);
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long matchingNanos = 0;
        for (Indexed one : indexed) {
            long started = System.nanoTime();
            List<SubscriptionMatcher.Match> matches = matcher.match(one.article());
            matchingNanos += System.nanoTime() - started;
            if (matches.isEmpty()) {
                continue;
            }
            matched.increment(matches.size());
            Span span = tracing.continueFrom(one.headers(), "alert");
            try {
                for (Deliveries.Outgoing out : deliveries.of(matches)) {
                    var record = new ProducerRecord<>(out.topic(), out.key(), EventJson.mapper().writeValueAsBytes(out.value()));
                    EventHeaders.write(record.headers(), out.type(), out.eventId(), SERVICE, clock.instant(),
                            out.subject(), out.schemaVersion());
                    tracing.inject(span, record.headers());
                    inFlight.add(kafka.send(record));
                    if (inFlight.size() >= MAX_IN_FLIGHT) {
                        await(inFlight);
                    }
                }
            } finally {
                span.end();
            }
        }
        matching.record(matchingNanos, TimeUnit.NANOSECONDS);
        await(inFlight);
    }

    /** Waits until the broker has every record sent so far, then forgets them. */
    private void await(List<CompletableFuture<?>> inFlight) {
        try {
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertsUnavailableException("interrupted while sending alerts", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AlertsUnavailableException("the broker did not take the alerts: " + e.getMessage(), e);
        }
        inFlight.clear();
    }

    /** The alerts of a batch could not all be written; the batch is retried. */
    public static final class AlertsUnavailableException extends RuntimeException {
        AlertsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
