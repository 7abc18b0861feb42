package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Subscription;
import io.newsflow.kafka.CompactedTopicReader;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every subscription, as the compacted topic holds them (this service's own writes are added as
 * soon as the broker acknowledges them, so a client reads what it just created).
 */
final class SubscriptionTable implements CompactedTopicReader.Sink {

    private final Map<String, Subscription> byId = new ConcurrentHashMap<>();

    @Override
    public void put(String key, byte[] value) {
        Subscription subscription = EventJson.mapper().readValue(value, Subscription.class);
        if (subscription.contractViolations(key).isEmpty()) {
            byId.put(key, subscription);
        }
    }

    @Override
    public void remove(String key) {
        byId.remove(key);
    }

    void put(Subscription subscription) {
        byId.put(subscription.id(), subscription);
    }

    Subscription get(String id) {
        return byId.get(id);
    }

    Collection<Subscription> all() {
        return byId.values();
    }
}
