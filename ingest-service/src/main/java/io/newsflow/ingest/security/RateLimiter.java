package io.newsflow.ingest.security;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.newsflow.ingest.IngestProperties.SecurityProperties.RateLimit;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** One token bucket per key holder (Bucket4j), refilled at the configured rate. */
final class RateLimiter {

    private final RateLimit limit;
    private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimiter(RateLimit limit) {
        this.limit = limit;
    }

    boolean enabled() {
        return limit.requestsPerSecond() > 0;
    }

    /** Takes one request from the holder's bucket: 0 when allowed, else the seconds to wait. */
    long secondsToWait(String holder) {
        Bucket bucket = buckets.computeIfAbsent(holder, ignored -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(Math.max(1, limit.burst()))
                        .refillGreedy(limit.requestsPerSecond(), Duration.ofSeconds(1)).build())
                .build());
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, (probe.getNanosToWaitForRefill() + 999_999_999L) / 1_000_000_000L);
    }
}
