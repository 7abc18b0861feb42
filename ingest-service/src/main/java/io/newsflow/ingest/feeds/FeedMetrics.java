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
        // every outcome's series exists from the start, at 0, so a dashboard's rate() sees the first
        for (String outcome : new String[] {"changed", "unchanged", "failed"}) {
            meters.counter("newsflow.feeds.polls", "outcome", outcome);
        }
        for (String outcome : new String[] {"ingested", "failed", "deferred"}) {
            meters.counter("newsflow.feeds.items", "outcome", outcome);
        }
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
