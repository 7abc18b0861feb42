package io.newsflow.testinfra;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What tests do with the shared broker's topics, as a client from outside would: create the
 * topic a service consumes (its owner isn't running), write raw strings, and read back the
 * records with a given key.
 */
public final class KafkaTopics {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private KafkaTopics() {
    }

    /** Creates a topic, unless it already exists. */
    public static void create(String topic, int partitions) throws Exception {
        try (AdminClient admin = AdminClient.create(Map.of("bootstrap.servers",
                TestInfrastructure.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    /** Writes one record (a null value is a tombstone) and returns what the broker said of it. */
    public static RecordMetadata send(String topic, String key, String value) throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** The one record with this key, waiting for it up to 30 s; fails if none arrives. */
    public static ConsumerRecord<String, String> readOne(String topic, String key) {
        List<ConsumerRecord<String, String>> records = read(topic, key, 1, Duration.ZERO);
        if (records.size() != 1) {
            throw new AssertionError("expected one record with key " + key + " on " + topic + ", got " + records.size());
        }
        return records.get(0);
    }

    /**
     * The records with this key: waits up to 30 s for {@code expected} of them, then 3 s more,
     * so that a record that should not exist has a chance to show up.
     */
    public static List<ConsumerRecord<String, String>> readAll(String topic, String key, int expected) {
        return read(topic, key, expected, Duration.ofSeconds(3));
    }

    /** Every record the topic holds now (read until a poll brings nothing for 2 s). */
    public static List<ConsumerRecord<String, String>> readEverything(String topic) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = reader()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long quietSince = System.nanoTime();
            while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofSeconds(2).toNanos()) {
                var polled = consumer.poll(Duration.ofMillis(300));
                if (!polled.isEmpty() || consumer.assignment().isEmpty()) {
                    quietSince = System.nanoTime();
                }
                polled.forEach(records::add);
            }
        }
        return records;
    }

    private static List<ConsumerRecord<String, String>> read(String topic, String key, int expected, Duration settle) {
        List<ConsumerRecord<String, String>> matching = new ArrayList<>();
        try (var consumer = reader()) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + WAIT.toNanos();
            long settled = Long.MAX_VALUE;
            while (System.nanoTime() < Math.min(deadline, settled)) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        matching.add(record);
                    }
                });
                if (matching.size() >= expected && settled == Long.MAX_VALUE) {
                    settled = System.nanoTime() + settle.toNanos();
                }
            }
        }
        return matching;
    }

    /** A consumer of its own group, from the beginning, seeing only committed records. */
    private static KafkaConsumer<String, String> reader() {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestInfrastructure.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }
}
