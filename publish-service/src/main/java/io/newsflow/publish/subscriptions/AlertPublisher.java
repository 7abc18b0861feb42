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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
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
     * @throws AlertsUnavailableException when the broker did not take every delivery in time
     */
    public void publish(List<Indexed> indexed) {
        if (indexed.isEmpty() || matcher.size() == 0) {
            return;
        }
        List<ArticleEnriched> articles = indexed.stream().map(Indexed::article).toList();
        List<SubscriptionMatcher.Match> matches = matching.record(() -> matcher.match(articles));
        if (matches.isEmpty()) {
            return;
        }
        matched.increment(matches.size());
        Map<String, Headers> sources = new HashMap<>();
        indexed.forEach(one -> sources.put(one.article().id(), one.headers()));
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (Deliveries.Outgoing out : Deliveries.of(matches, clock.instant(), webhooksTopic)) {
            var record = new ProducerRecord<>(out.topic(), out.key(), EventJson.mapper().writeValueAsBytes(out.value()));
            EventHeaders.write(record.headers(), out.type(), out.eventId(), SERVICE, clock.instant(), out.subject(),
                    out.schemaVersion());
            Span span = tracing.continueFrom(sources.getOrDefault(out.subject(), new RecordHeaders()), "alert");
            tracing.inject(span, record.headers());
            span.end();
            sent.add(kafka.send(record));
        }
        try {
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AlertsUnavailableException("interrupted while sending alerts", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AlertsUnavailableException("the broker did not take the alerts: " + e.getMessage(), e);
        }
    }

    /** The alerts of a batch could not all be written; the batch is retried. */
    public static final class AlertsUnavailableException extends RuntimeException {
        AlertsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
