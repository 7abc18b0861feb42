package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.Subscription;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.outbound.OutboundGuard;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Saved searches, as the API offers them (plain Java; the HTTP and Kafka shells are thin): create
 * one, list and read one's own, delete. Each is an event on the compacted subscriptions topic,
 * which the publish service reads to match articles; this service reads it too, to answer reads.
 *
 * <p>A subscription belongs to the API key that created it: other keys neither see nor delete it
 * (where the API is open, everything belongs to {@code anonymous}). The webhook secret is made
 * here, returned once in the creation's answer and never again.
 */
public final class Subscriptions {

    /** How long a read waits for the table to be loaded before it answers 503. */
    private static final Duration LOAD_WAIT = Duration.ofSeconds(5);

    private final SubscriptionLog log;
    private final SubscriptionTable table;
    private final BooleanSupplier loaded;
    private final OutboundGuard guard;
    private final int maxPerOwner;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * @param loaded      whether the table has read the whole topic (may wait a little for it)
     * @param maxPerOwner most subscriptions one API key may hold
     */
    Subscriptions(SubscriptionLog log, SubscriptionTable table, BooleanSupplier loaded, OutboundGuard guard,
            int maxPerOwner, Clock clock) {
        this.log = log;
        this.table = table;
        this.loaded = loaded;
        this.guard = guard;
        this.maxPerOwner = maxPerOwner;
        this.clock = clock;
    }

    /** For the Spring wiring: a table fed by a reader of the topic. */
    static Subscriptions over(SubscriptionLog log, SubscriptionTable table, CompactedTopicReader reader,
            OutboundGuard guard, int maxPerOwner) {
        BooleanSupplier loaded = () -> {
            try {
                return reader.awaitCaughtUp(LOAD_WAIT);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        };
        return new Subscriptions(log, table, loaded, guard, maxPerOwner, Clock.systemUTC());
    }

    /**
     * @throws InvalidSubscriptionException       when the request breaks a rule
     * @throws TooManySubscriptionsException      when the key holds its maximum already
     * @throws SubscriptionsUnavailableException  when it could not be written
     */
    public Subscription create(SubscriptionRequest request, String owner) {
        SubscriptionRules.Checked checked = SubscriptionRules.check(request, guard);
        if (!checked.errors().isEmpty()) {
            throw new InvalidSubscriptionException(checked.errors());
        }
        if (list(owner).size() >= maxPerOwner) {
            throw new TooManySubscriptionsException(maxPerOwner);
        }
        byte[] id = new byte[16];
        random.nextBytes(id);
        String secret = null;
        if (checked.delivery().webhook() != null) {
            byte[] key = new byte[32];
            random.nextBytes(key);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(key);
        }
        Subscription subscription = new Subscription(Subscription.SCHEMA_VERSION, HexFormat.of().formatHex(id),
                checked.name(), checked.query(), checked.delivery(), secret, owner, clock.instant());
        log.write(subscription);
        table.put(subscription);
        return subscription;
    }

    /** The owner's subscriptions, oldest first. */
    public List<Subscription> list(String owner) {
        requireLoaded();
        return table.all().stream().filter(s -> owner.equals(s.owner()))
                .sorted(Comparator.comparing(Subscription::createdAt).thenComparing(Subscription::id)).toList();
    }

    public Optional<Subscription> get(String id, String owner) {
        requireLoaded();
        Subscription subscription = table.get(id);
        return subscription != null && owner.equals(subscription.owner()) ? Optional.of(subscription) : Optional.empty();
    }

    /** @return false when the owner has no subscription with this id */
    public boolean delete(String id, String owner) {
        if (get(id, owner).isEmpty()) {
            return false;
        }
        log.delete(id);
        table.remove(id);
        return true;
    }

    private void requireLoaded() {
        if (!loaded.getAsBoolean()) {
            throw new SubscriptionsUnavailableException("the subscriptions are still being read from the broker", null);
        }
    }

    /** The key holds as many subscriptions as it may. */
    public static class TooManySubscriptionsException extends RuntimeException {
        TooManySubscriptionsException(int max) {
            super("this API key holds " + max + " subscriptions, the most it may; delete one first");
        }
    }
}
