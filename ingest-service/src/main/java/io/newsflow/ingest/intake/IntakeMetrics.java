package io.newsflow.ingest.intake;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * What the ingest service counts: articles accepted and rejected (by reason), how long the
 * broker takes to acknowledge, and how big posted articles are. Exposed under
 * {@code /actuator/prometheus} as {@code newsflow_ingest_*}.
 */
public final class IntakeMetrics {

    private final MeterRegistry registry;
    private final Counter accepted;
    private final Timer produceOk;
    private final Timer produceFailed;
    private final DistributionSummary size;

    public IntakeMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.accepted = Counter.builder("newsflow.ingest.articles.accepted")
                .description("Articles the broker acknowledged").register(registry);
        this.produceOk = produceTimer(registry, "ok");
        this.produceFailed = produceTimer(registry, "failed");
        this.size = DistributionSummary.builder("newsflow.ingest.article.size")
                .description("Size of posted article content (html or text) as JSON-encoded UTF-8").baseUnit("bytes")
                .publishPercentiles(0.5, 0.9, 0.99).register(registry);
    }

    void produced(RawArticle article, long nanos, boolean ok) {
        (ok ? produceOk : produceFailed).record(nanos, TimeUnit.NANOSECONDS);
        if (ok) {
            accepted.increment();
            size.record(article.page().length());
        }
    }

    /** Counts a request or batch line refused, by the problem type that was answered. */
    public void rejected(String reason) {
        registry.counter("newsflow.ingest.articles.rejected", "reason", reason).increment();
    }

    private static Timer produceTimer(MeterRegistry registry, String outcome) {
        return Timer.builder("newsflow.ingest.produce")
                .description("Time from handing an article to the producer to the broker's acknowledgement")
                .tag("outcome", outcome).publishPercentiles(0.5, 0.99).register(registry);
    }

}
