package io.newsflow.ingest.feeds;

import io.micrometer.core.instrument.MeterRegistry;

/**
 * The feeds' meters: {@code newsflow.feeds.polls{outcome}} (changed, unchanged, failed),
 * {@code newsflow.feeds.items{outcome}} (ingested, failed, deferred) and the gauges
 * {@code newsflow.feeds.registered} and {@code newsflow.feeds.owned} (polled by this instance).
 */
final class FeedMetrics {

    private final MeterRegistry meters;

    FeedMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void poll(String outcome) {
        meters.counter("newsflow.feeds.polls", "outcome", outcome).increment();
    }

    void item(String outcome) {
        meters.counter("newsflow.feeds.items", "outcome", outcome).increment();
    }

    void gauges(FeedTable table, FeedScheduler scheduler) {
        meters.gauge("newsflow.feeds.registered", table, t -> t.feeds().size());
        meters.gauge("newsflow.feeds.owned", scheduler, FeedScheduler::owned);
    }
}
