package io.newsflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** How bench-feeds matches a poll to the due time the service listed for it. */
class FeedsBenchmarkTest {

    @Test
    void latenessIsMeasuredAgainstTheDueTimeThePreviousPollSet() {
        Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
        // polls start (lastPolledAt) a few ms before their request arrives; the second was stretched to 80 s
        List<Instant> requests = List.of(t0.plusMillis(5), t0.plusSeconds(61), t0.plusSeconds(142));
        NavigableMap<Instant, Instant> schedule = new TreeMap<>();
        schedule.put(t0, t0.plusSeconds(60));
        schedule.put(t0.plusSeconds(61).minusMillis(3), t0.plusSeconds(141));

        FeedsBenchmark.Lateness all = FeedsBenchmark.lateness(requests, schedule, t0, t0.plusSeconds(200));
        assertThat(all.lateMillis()).containsExactly(1_000L, 1_000L);
        assertThat(all.gapMillis()).containsExactly(60_995L, 81_000L);
        assertThat(all.unmatched()).isZero();

        FeedsBenchmark.Lateness missed = FeedsBenchmark.lateness(requests, new TreeMap<>(schedule.headMap(t0, true)),
                t0.plusSeconds(100), t0.plusSeconds(200));
        assertThat(missed.lateMillis()).as("the second poll's due time was never listed").isEmpty();
        assertThat(missed.unmatched()).isEqualTo(1);
    }
}
