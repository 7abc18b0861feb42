package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Subscription;
import io.newsflow.kafka.CompactedTopicReader;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the subscriptions topic to the matcher: each record read from it (from the start, at
 * every start) adds, replaces or removes one subscription. A record that breaks the contract is
 * logged and left out rather than stopping the reader, so one bad record cannot silence every
 * other subscription.
 */
final class SubscriptionBook implements CompactedTopicReader.Sink {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionBook.class);

    private final SubscriptionMatcher matcher;
    private final Consumer<String> deliveryTopics;

    /** @param deliveryTopics makes sure a subscription's topic exists before anything is sent to it */
    SubscriptionBook(SubscriptionMatcher matcher, Consumer<String> deliveryTopics) {
        this.matcher = matcher;
        this.deliveryTopics = deliveryTopics;
    }

    @Override
    public void put(String key, byte[] value) {
        Subscription subscription = EventJson.mapper().readValue(value, Subscription.class);
        List<String> violations = subscription.contractViolations(key);
        if (!violations.isEmpty()) {
            log.warn("Ignoring subscription {}: {}", key, String.join("; ", violations));
            matcher.remove(key);
            return;
        }
        deliveryTopics.accept(subscription.delivery().topic());
        matcher.put(subscription);
        log.debug("Subscription {} ({}) is active: {} in all", subscription.id(), subscription.name(), matcher.size());
    }

    @Override
    public void remove(String key) {
        matcher.remove(key);
        log.debug("Subscription {} was deleted: {} left", key, matcher.size());
    }
}
