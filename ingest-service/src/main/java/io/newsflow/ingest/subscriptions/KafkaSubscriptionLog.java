package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.CloudEvents;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Subscription;
import io.newsflow.kafka.EventHeaders;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/** The subscriptions topic as the {@link SubscriptionLog}: a send that waits for the broker. */
final class KafkaSubscriptionLog implements SubscriptionLog {

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Duration timeout;

    KafkaSubscriptionLog(KafkaTemplate<String, byte[]> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void write(Subscription subscription) {
        var record = new ProducerRecord<>(topic, subscription.id(), EventJson.mapper().writeValueAsBytes(subscription));
        EventHeaders.write(record.headers(), CloudEvents.SUBSCRIPTION, UUID.randomUUID().toString(), "ingest-service",
                subscription.createdAt(), subscription.id(), Subscription.SCHEMA_VERSION);
        send(record);
    }

    @Override
    public void delete(String id) {
        send(new ProducerRecord<>(topic, id, null));
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SubscriptionsUnavailableException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new SubscriptionsUnavailableException("the broker did not take the change: " + e.getMessage(), e);
        }
    }
}
