package io.newsflow.outbound;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Politeness per host for {@link PageFetcher}: at most one request to a host at a time, and at
 * least an interval between the starts of two requests to it, so Newsflow never hammers a
 * publisher's server however many threads fetch from it. A caller that would wait longer than
 * its bound is turned away ({@link BusyException}) instead of blocking a worker thread for good.
 *
 * <p>Written here because no library fits: rate limiters (Bucket4j, Resilience4j, Guava) meter
 * permits per period, not "one at a time and this far apart" for an open-ended set of hosts that
 * must be forgotten when idle. It is one fair semaphore and one timestamp per host.
 */
final class HostGate {

    /** The gate did not open within the wait allowed. */
    static final class BusyException extends Exception {
        private static final long serialVersionUID = 1L;

        BusyException(String message) {
            super(message, null, false, false);
        }
    }

    /** One host's turn; closing it lets the next request to the host go (after its interval). */
    static final class Permit implements AutoCloseable {
        private final HostGate gate;
        private final Host slot;
        private boolean closed;

        private Permit(HostGate gate, Host slot) {
            this.gate = gate;
            this.slot = slot;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                slot.turn.release();
                gate.leave(slot);
            }
        }
    }

    private static final class Host {
        /** Fair, so requests to a busy host go in the order they came. */
        final Semaphore turn = new Semaphore(1, true);
        /** {@link System#nanoTime()} of the last start; written holding {@link #turn}. */
        volatile long lastStart;
        volatile boolean started;
        /** Threads holding or waiting for the turn; guarded by the gate's map. */
        int users;
    }

    private static final int FIRST_SWEEP = 1024;

    private final Map<String, Host> hosts = new HashMap<>();
    private final long forgetAfterNanos;
    private int sweepAt = FIRST_SWEEP;

    /**
     * @param forgetAfter how long after its last request an idle host is forgotten: at least the
     *                    longest interval ever asked for, so forgetting never shortens one
     */
    HostGate(Duration forgetAfter) {
        this.forgetAfterNanos = forgetAfter.toNanos();
    }

    /**
     * Waits for the host's turn and for {@code interval} to have passed since the start of its
     * previous request, then counts this request as started now.
     *
     * @throws BusyException        the turn would come later than {@code maxWait} from now
     * @throws InterruptedException the thread was interrupted while waiting
     */
    Permit enter(String host, Duration interval, Duration maxWait) throws BusyException, InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        Host slot = join(host);
        boolean entered = false;
        try {
            if (!slot.turn.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) {
                throw busy(host, maxWait);
            }
            try {
                if (slot.started) {
                    long now = System.nanoTime();
                    long wait = slot.lastStart + interval.toNanos() - now;
                    if (wait > 0) {
                        if (now + wait - deadline > 0) {
                            throw busy(host, maxWait);
                        }
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
                slot.lastStart = System.nanoTime();
                slot.started = true;
                entered = true;
                return new Permit(this, slot);
            } finally {
                if (!entered) {
                    slot.turn.release();
                }
            }
        } finally {
            if (!entered) {
                leave(slot);
            }
        }
    }

    /** How many hosts the gate remembers (for tests). */
    int size() {
        synchronized (hosts) {
            return hosts.size();
        }
    }

    private Host join(String host) {
        synchronized (hosts) {
            if (hosts.size() >= sweepAt) {
                sweep();
            }
            Host slot = hosts.computeIfAbsent(host, h -> new Host());
            slot.users++;
            return slot;
        }
    }

    private static BusyException busy(String host, Duration maxWait) {
        return new BusyException("the turn for " + host + " would come later than " + maxWait.toMillis() + " ms from now");
    }

    private void leave(Host slot) {
        synchronized (hosts) {
            slot.users--;
        }
    }

    /** Forgets hosts nobody waits for whose last request is long past; amortised over many joins. */
    private void sweep() {
        long now = System.nanoTime();
        hosts.values().removeIf(slot -> slot.users == 0 && (!slot.started || now - slot.lastStart > forgetAfterNanos));
        sweepAt = Math.max(FIRST_SWEEP, hosts.size() * 2);
    }
}
