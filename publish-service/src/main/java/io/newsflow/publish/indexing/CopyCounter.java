package io.newsflow.publish.indexing;

import java.io.IOException;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps {@code copies.count} on originals, every few seconds rather than with every copy: an
 * original syndicated by a hundred sites would otherwise be rewritten (body and all) a hundred
 * times, and a copy indexed before its original would have nobody to count it. The indexing
 * listener notes the ids whose count may have changed (the originals of the copies it wrote, and
 * every article it wrote, since a correction is written whole and a late original has copies
 * waiting); each round counts them from the index ({@link ArticleIndex#recountCopies}) and updates
 * those that differ. An original not yet in the index is tried again for a minute of rounds.
 * Counts are therefore a few seconds behind, never wrong for long, and never hold up indexing.
 */
public final class CopyCounter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CopyCounter.class);
    /** Rounds an id not yet in the index is kept for. */
    static final int ATTEMPTS = 6;

    private final ArticleIndex index;
    /** Ids to count in the next round, with the rounds they have left. */
    private final Map<String, Integer> pending = new ConcurrentHashMap<>();
    /** Those of them that may have lost their last copy (see {@link #noteLost}). */
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService rounds;

    CopyCounter(ArticleIndex index, Duration every) {
        this.index = index;
        this.rounds = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "copy-counter");
            thread.setDaemon(true);
            return thread;
        });
        rounds.scheduleWithFixedDelay(this::round, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** These articles' copy counts may have changed. */
    void note(Set<String> ids) {
        ids.forEach(id -> pending.put(id, ATTEMPTS));
    }

    /**
     * These articles may have lost copies, maybe all of them: a correction re-pointed their
     * copies at a late original. Counted like the others, and set to 0 when none is left.
     */
    void noteLost(Set<String> ids) {
        lost.addAll(ids);
        note(ids);
    }

    /** One round: counts what was noted and updates the counts that differ. */
    void round() {
        Map<String, Integer> taken = new java.util.HashMap<>();
        for (String id : new HashSet<>(pending.keySet())) {
            Integer left = pending.remove(id);
            if (left != null) {
                taken.put(id, left);
            }
        }
        if (taken.isEmpty()) {
            return;
        }
        Set<String> mayHaveNone = new HashSet<>();
        for (String id : taken.keySet()) {
            if (lost.remove(id)) {
                mayHaveNone.add(id);
            }
        }
        try {
            for (String missing : index.recountCopies(taken.keySet(), mayHaveNone)) {
                int left = taken.get(missing) - 1;
                if (left > 0) {
                    pending.merge(missing, left, Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            log.warn("Could not count copies ({} articles; will try again): {}", taken.size(), e.getMessage());
            lost.addAll(mayHaveNone);
            taken.forEach((id, left) -> pending.merge(id, left, Math::max));
        }
    }

    @Override
    public void close() {
        rounds.shutdownNow();
    }
}
