package io.newsflow.ingest.feeds;

import io.newsflow.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Writes registrations and states to the feeds topic, each send waiting for the broker. A state
 * goes to its feed's partition explicitly (its key, {@code <id>/state}, would hash elsewhere), so
 * the instance that owns a feed's partition finds the feed and its state in it.
 */
final class FeedLog {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(FeedLog.class);

    /** The broker did not take a write in time. */
    static final class FeedsUnavailableException extends RuntimeException {
        FeedsUnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final KafkaTemplate<String, byte[]> kafka;
    private final String topic;
    private final Duration timeout;

    FeedLog(KafkaTemplate<String, byte[]> kafka, String topic, Duration timeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.timeout = timeout;
    }

    String topic() {
        return topic;
    }

    void write(Feed feed) {
        send(new ProducerRecord<>(topic, feed.id(), EventJson.mapper().writeValueAsBytes(feed)));
    }

    void delete(String id) {
        send(new ProducerRecord<>(topic, id, null));
    }

    /**
     * Sends a state without waiting for the broker: the poller's threads go on to the next feed
     * (a synchronous write per poll capped an instance at ~500 polls/s with 16 workers). A state
     * that fails to be written is logged; the next poll writes a newer one. Whoever hands a
     * partition over calls {@link #flush} first, so the next owner reads every state sent.
     */
    void writeLater(FeedState state) {
        kafka.send(new ProducerRecord<>(topic, partitionOf(state.id()), state.id() + FeedTable.STATE_SUFFIX,
                EventJson.mapper().writeValueAsBytes(state))).whenComplete((result, failure) -> {
                    if (failure != null) {
                        log.warn("The state of feed {} was not written (the next poll writes a newer one): {}",
                                state.id(), failure.toString());
                    }
                });
    }

    /** Waits until every state sent is acknowledged (or failed). */
    void flush() {
        kafka.flush();
    }

    void deleteState(String id) {
        send(new ProducerRecord<>(topic, partitionOf(id), id + FeedTable.STATE_SUFFIX, null));
    }

    /** The partition a feed's registration is in: the producer's default choice for its key. */
    int partitionOf(String id) {
        return partitionOf(id, kafka.partitionsFor(topic).size());
    }

    static int partitionOf(String id, int partitions) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    private void send(ProducerRecord<String, byte[]> record) {
        try {
            kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FeedsUnavailableException("interrupted", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new FeedsUnavailableException("the broker did not take the change: " + e.getMessage(), e);
        }
    }
}
