package io.newsflow.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a table in step with a compacted topic: reads every partition from the start, then
 * follows it, handing each record to a {@link Sink} (a null value removes its key). Every
 * instance reads the whole topic with no consumer group, so each holds the whole table, and the
 * table survives restarts because the topic is its storage.
 *
 * <p>Kafka Streams' global tables do the same; this is the small part of it needed here, without
 * a state store on disk or a Streams runtime in every service.
 */
public final class CompactedTopicReader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration TOPIC_CHECK = Duration.ofSeconds(2);

    /** Receives the topic's records in order per key, on the reader's thread. */
    public interface Sink {

        /** The key's current value, as written. */
        void put(String key, byte[] value);

        /** The key was deleted (a tombstone). */
        void remove(String key);
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Sink sink;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    /** How far each partition has been read (the next offset to read), for {@link #position}. */
    private final Map<Integer, Long> positions = new java.util.concurrent.ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * @param consumerProperties the service's consumer settings (bootstrap servers, security);
     *                           group, offsets and deserializers are set here
     */
    public CompactedTopicReader(Map<String, Object> consumerProperties, String topic, Sink sink) {
        Map<String, Object> properties = new HashMap<>(consumerProperties);
        properties.remove(ConsumerConfig.GROUP_ID_CONFIG);
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        properties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1000);
        properties.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        properties.remove(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
        properties.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        this.consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.sink = sink;
        this.thread = new Thread(this::run, "table-" + topic);
        this.thread.setDaemon(true);
    }

    public CompactedTopicReader start() {
        thread.start();
        return this;
    }

    /** Waits until everything the topic held when reading began has been handed to the sink. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * The offset up to which a partition has been handed to the sink (the next one to read), or
     * -1 before it was read at all: lets a caller wait until the table holds everything a
     * partition had at some moment (e.g. when its ownership moved here).
     */
    public long position(int partition) {
        return positions.getOrDefault(partition, -1L);
    }

    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    private void run() {
        try {
            while (running) {
                try {
                    follow();
                } catch (WakeupException e) {
                    return;
                } catch (RuntimeException e) {
                    // the broker is unreachable or the topic changed: read it again from the start
                    // (applying a record twice leaves the table as it was)
                    log.warn("Reading {} failed ({}); reading it again in {} s", topic, e.toString(),
                            TOPIC_CHECK.toSeconds());
                    consumer.unsubscribe();
                    pause();
                }
            }
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void follow() {
        List<TopicPartition> partitions = awaitTopic();
        if (partitions == null) {
            return;
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        while (running) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                apply(record);
            }
            for (TopicPartition partition : partitions) {
                positions.put(partition.partition(), consumer.position(partition));
            }
            if (caughtUp.getCount() > 0 && ends.entrySet().stream()
                    .allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
                caughtUp.countDown();
            }
        }
    }

    private void pause() {
        try {
            Thread.sleep(TOPIC_CHECK.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /**
     * The topic's partitions, once it exists. Until its owner has declared it there is nothing to
     * read, which counts as caught up.
     */
    private List<TopicPartition> awaitTopic() {
        while (running) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic);
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            }
            caughtUp.countDown();
            pause();
        }
        return null;
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            log.warn("Skipping a record without a key at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            if (record.value() == null) {
                sink.remove(record.key());
            } else {
                sink.put(record.key(), record.value());
            }
        } catch (RuntimeException e) {
            log.warn("Skipping {}-{}@{} (key {}): {}", record.topic(), record.partition(), record.offset(),
                    record.key(), e.getMessage());
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(5_000);
    }
}
