package io.newsflow.tools.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a stretch of a topic as it is now, outside any consumer group: every partition from a
 * start (its beginning, a time, or given offsets) up to its end at the moment of the call, so a
 * read always finishes even while producers keep writing. Values stay bytes: the tools look at
 * keys, headers and positions, and copy values unchanged.
 */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Admin admin;

    public TopicReader(String bootstrapServers) {
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 16 * 1024 * 1024);
        config.put(ConsumerConfig.FETCH_MAX_BYTES_CONFIG, 64 * 1024 * 1024);
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // what consumers see: records of aborted transactions are not part of a topic
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        Properties adminConfig = new Properties();
        adminConfig.put("bootstrap.servers", bootstrapServers);
        this.admin = Admin.create(adminConfig);
    }

    /** The topic's partitions; empty if the topic does not exist. */
    public List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
        }
        return partitions;
    }

    /** Where each partition ends now (the offset the next record will get). */
    public Map<TopicPartition, Long> endOffsets(String topic) {
        return consumer.endOffsets(partitions(topic), Duration.ofSeconds(30));
    }

    /** The first offset of each partition at or after {@code time} (its end when none is). */
    public Map<TopicPartition, Long> offsetsAt(String topic, Instant time) {
        List<TopicPartition> partitions = partitions(topic);
        Map<TopicPartition, Long> query = new HashMap<>();
        partitions.forEach(partition -> query.put(partition, time.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, Duration.ofSeconds(30));
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
        Map<TopicPartition, Long> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp at = found.get(partition);
            offsets.put(partition, at == null ? ends.get(partition) : at.offset());
        }
        return offsets;
    }

    /** Where each partition begins now. */
    public Map<TopicPartition, Long> beginningOffsets(String topic) {
        return consumer.beginningOffsets(partitions(topic), Duration.ofSeconds(30));
    }

    /** A consumer group's committed offsets on {@code topic} (a partition it never committed is absent). */
    public Map<TopicPartition, Long> committed(String group, String topic) {
        try {
            Map<TopicPartition, OffsetAndMetadata> all = admin.listConsumerGroupOffsets(
                    Map.of(group, new ListConsumerGroupOffsetsSpec())).partitionsToOffsetAndMetadata(group)
                    .get();
            Map<TopicPartition, Long> offsets = new HashMap<>();
            all.forEach((partition, offset) -> {
                if (partition.topic().equals(topic) && offset != null) {
                    offsets.put(partition, offset.offset());
                }
            });
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Could not read the offsets of group " + group + ": " + e.getCause(),
                    e.getCause());
        }
    }

    /**
     * Reads every record from {@code from} (per partition) up to {@code to} (exclusive), in
     * partition order.
     */
    public void read(Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
            Consumer<ConsumerRecord<String, byte[]>> each) {
        Map<TopicPartition, Long> remaining = new HashMap<>();
        from.forEach((partition, start) -> {
            long end = to.getOrDefault(partition, start);
            if (end > start) {
                remaining.put(partition, end);
            }
        });
        if (remaining.isEmpty()) {
            return;
        }
        consumer.assign(remaining.keySet());
        remaining.keySet().forEach(partition -> consumer.seek(partition, from.get(partition)));
        while (!remaining.isEmpty()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                Long end = remaining.get(partition);
                if (end != null && record.offset() < end) {
                    each.accept(record);
                }
            }
            for (TopicPartition partition : List.copyOf(remaining.keySet())) {
                if (consumer.position(partition) >= remaining.get(partition)) {
                    remaining.remove(partition);
                }
            }
            consumer.assign(remaining.keySet());
        }
        consumer.unsubscribe();
    }

    /** Reads the whole topic as it is now. */
    public void readAll(String topic, Consumer<ConsumerRecord<String, byte[]>> each) {
        read(beginningOffsets(topic), endOffsets(topic), each);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
