package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.Subscription;

/** Where subscriptions are kept: the compacted subscriptions topic. Returns once the broker has it. */
public interface SubscriptionLog {

    /** @throws SubscriptionsUnavailableException when the broker did not acknowledge in time */
    void write(Subscription subscription);

    /** Writes the tombstone that deletes a subscription. */
    void delete(String id);
}
