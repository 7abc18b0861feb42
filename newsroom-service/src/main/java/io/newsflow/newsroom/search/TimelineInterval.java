package io.newsflow.newsroom.search;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The width of the timeline's bars for a span of publication times: the smallest of a ladder of
 * readable widths (a minute up to a year) that draws the span in at most {@value #MAX_BARS} bars.
 *
 * <p>Elasticsearch's {@code auto_date_histogram} does this on a full node, but it lives in the
 * {@code aggregations} module that the minimal distribution the local stack and the tests run
 * lacks; a {@code date_histogram} with a width picked here runs on every distribution, at the cost
 * of asking the span first (a {@code min}/{@code max} of the same query, a few milliseconds).
 */
public record TimelineInterval(String name, Duration width) {

    /** At most this many bars, so the chart stays legible and the aggregation small. */
    public static final int MAX_BARS = 60;

    private static final List<TimelineInterval> LADDER = List.of(
            new TimelineInterval("1m", Duration.ofMinutes(1)),
            new TimelineInterval("5m", Duration.ofMinutes(5)),
            new TimelineInterval("15m", Duration.ofMinutes(15)),
            new TimelineInterval("30m", Duration.ofMinutes(30)),
            new TimelineInterval("1h", Duration.ofHours(1)),
            new TimelineInterval("3h", Duration.ofHours(3)),
            new TimelineInterval("6h", Duration.ofHours(6)),
            new TimelineInterval("12h", Duration.ofHours(12)),
            new TimelineInterval("1d", Duration.ofDays(1)),
            new TimelineInterval("7d", Duration.ofDays(7)),
            new TimelineInterval("30d", Duration.ofDays(30)),
            new TimelineInterval("90d", Duration.ofDays(90)),
            new TimelineInterval("365d", Duration.ofDays(365)));

    /** The bar width for articles published from {@code first} to {@code last}. */
    public static TimelineInterval forSpan(Instant first, Instant last) {
        Duration span = Duration.between(first, last).abs();
        for (TimelineInterval interval : LADDER) {
            // bars are aligned to the epoch, so the span may straddle one more than it fills
            if (span.dividedBy(interval.width()) + 2 <= MAX_BARS) {
                return interval;
            }
        }
        return LADDER.get(LADDER.size() - 1);
    }
}
