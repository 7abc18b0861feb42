package io.newsflow.publish.subscriptions;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.Subscription;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Calls the webhooks of the alerts waiting on the webhooks topic, one at a time per partition, in
 * their own consumer group: a slow or failing receiver delays only the webhooks behind it, never
 * indexing or the Kafka deliveries. The body is the alert's JSON exactly as written to the topic.
 * A failed call is retried with back-off and then dead-lettered ({@code webhook-failed}); an alert
 * whose subscription was deleted or lost its webhook meanwhile is dropped, as the owner asked.
 */
class WebhookListener {

    private final SubscriptionMatcher subscriptions;
    private final WebhookSender sender;
    private final MeterRegistry meters;

    WebhookListener(SubscriptionMatcher subscriptions, WebhookSender sender, MeterRegistry meters) {
        this.subscriptions = subscriptions;
        this.sender = sender;
        this.meters = meters;
    }

    @KafkaListener(id = "webhooks", containerFactory = "webhookListenerFactory",
            groupId = "${newsflow.publish.subscriptions.webhooks.group:publish-service-webhooks}",
            topics = "${newsflow.publish.subscriptions.webhooks-topic:news.webhooks}")
    void onAlert(ConsumerRecord<String, byte[]> record) {
        Subscription subscription = record.key() == null ? null : subscriptions.get(record.key());
        if (subscription == null || subscription.delivery().webhook() == null || record.value() == null) {
            meters.counter("newsflow.webhooks.calls", "outcome", "dropped").increment();
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        try {
            sender.send(subscription.delivery().webhook(), subscription.webhookSecret(), record.value(), headers);
        } catch (RuntimeException e) {
            meters.counter("newsflow.webhooks.calls", "outcome", "failed").increment();
            throw e;
        }
        meters.counter("newsflow.webhooks.calls", "outcome", "delivered").increment();
    }
}
