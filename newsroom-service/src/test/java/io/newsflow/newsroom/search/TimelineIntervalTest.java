package io.newsflow.newsroom.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimelineIntervalTest {

    @Test
    void theTimelineKeepsToSixtyBarsOfAReadableWidth() {
        Instant start = Instant.parse("2024-05-01T00:00:00Z");
        assertThat(TimelineInterval.forSpan(start, start).name()).isEqualTo("1m");
        assertThat(TimelineInterval.forSpan(start, start.plus(Duration.ofHours(3))).name()).isEqualTo("5m");
        assertThat(TimelineInterval.forSpan(start, start.plus(Duration.ofDays(10))).name()).isEqualTo("6h");
        assertThat(TimelineInterval.forSpan(start, start.plus(Duration.ofDays(30))).name()).isEqualTo("1d");
        assertThat(TimelineInterval.forSpan(start.plus(Duration.ofDays(500)), start).name()).isEqualTo("30d");
        for (long days : new long[] {1, 7, 45, 365, 3650}) {
            TimelineInterval interval = TimelineInterval.forSpan(start, start.plus(Duration.ofDays(days)));
            assertThat(Duration.ofDays(days).dividedBy(interval.width())).isLessThan(TimelineInterval.MAX_BARS);
        }
    }
}
