package io.newsflow.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HostGateTest {

    private final HostGate gate = new HostGate(Duration.ofMillis(50));

    @Test
    void aSecondRequestToABusyHostIsTurnedAwayAfterItsWait() throws Exception {
        try (HostGate.Permit first = gate.enter("example.com", Duration.ZERO, Duration.ofSeconds(1))) {
            long start = System.nanoTime();
            CompletableFuture<Void> second = CompletableFuture.runAsync(() -> assertThatThrownBy(
                    () -> gate.enter("example.com", Duration.ZERO, Duration.ofMillis(100)))
                    .isInstanceOf(HostGate.BusyException.class));
            second.get(5, TimeUnit.SECONDS);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(90));
            // another host is not held up
            gate.enter("example.org", Duration.ZERO, Duration.ofMillis(100)).close();
        }
    }

    @Test
    void anIntervalLongerThanTheWaitIsTurnedAwayAtOnce() throws Exception {
        gate.enter("example.com", Duration.ZERO, Duration.ofSeconds(1)).close();
        long start = System.nanoTime();

        assertThatThrownBy(() -> gate.enter("example.com", Duration.ofSeconds(10), Duration.ofMillis(200)))
                .isInstanceOf(HostGate.BusyException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(150));
    }

    @Test
    void waitsForTheIntervalSinceTheLastStart() throws Exception {
        gate.enter("example.com", Duration.ofMillis(120), Duration.ofSeconds(1)).close();
        long start = System.nanoTime();

        gate.enter("example.com", Duration.ofMillis(120), Duration.ofSeconds(1)).close();

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(110));
    }

    @Test
    void forgetsIdleHosts() throws Exception {
        for (int i = 0; i < 5_000; i++) {
            gate.enter("host" + i + ".example", Duration.ZERO, Duration.ofSeconds(1)).close();
            if (i == 2_000) {
                Thread.sleep(60); // older than forgetAfter: the hosts so far may go
            }
        }
        assertThat(gate.size()).isLessThan(5_000);
    }
}
