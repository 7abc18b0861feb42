package io.newsflow.tools.deadletters;

import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.tools.kafka.TopicReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Puts dead letters back on the topic they came from, after the cause was fixed (a mapping
 * corrected, a defect repaired), so that the pipeline processes them again. Safe to run while the
 * services run and safe to run twice:
 *
 * <ul>
 *   <li>it remembers how far it went per dead-letter topic and reason filter, as the committed
 *       offsets of the consumer group {@code newsflow-dlt-redrive.<topic>.<reason|all>}, so a
 *       second run puts back only what was dead-lettered since;</li>
 *   <li>a record put back twice is harmless anyway: documents are versioned by revision, and an
 *       unchanged re-post is not enriched again.</li>
 * </ul>
 *
 * A record put back onto {@code news.raw} gets a new revision (its new append time), so it wins
 * over any earlier one; one put back onto {@code news.enriched} keeps its revision. The key, the
 * value and the original headers are kept; the dead-letter headers are dropped and
 * {@value #REDRIVEN_FROM_HEADER} names where it was. A dead letter whose value was left out cannot
 * be put back and is counted as such.
 */
public final class Redrive {

    /** Header on a redriven record: {@code <dead-letter topic>-<partition>@<offset>}. */
    public static final String REDRIVEN_FROM_HEADER = "newsflow-redriven-from";

    private final String bootstrapServers;

    public Redrive(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * What a run did.
     *
     * @param group         the consumer group holding its progress
     * @param scanned       dead letters looked at (since the last run)
     * @param redriven      put back (or, in a dry run, that would have been)
     * @param otherReason   skipped: another reason than asked for
     * @param valueOmitted  skipped: the value was not kept
     * @param byTopic       redriven, by the topic they went back to
     */
    public record Result(String group, long scanned, long redriven, long otherReason, long valueOmitted,
            Map<String, Long> byTopic) {
    }

    /** The consumer group that remembers a redrive's progress. */
    public static String group(String topic, String reason) {
        return "newsflow-dlt-redrive." + topic + "." + (reason == null ? "all" : reason);
    }

    /**
     * @param topic  the dead-letter topic
     * @param reason only dead letters with this reason code, or null for all
     * @param dryRun count what would be put back, write and remember nothing
     */
    public Result run(String topic, String reason, boolean dryRun) throws InterruptedException {
        String group = group(topic, reason);
        List<DeadLetter> letters = new ArrayList<>();
        Map<TopicPartition, Long> end;
        try (TopicReader reader = new TopicReader(bootstrapServers)) {
            if (reader.partitions(topic).isEmpty()) {
                throw new IllegalArgumentException("There is no topic " + topic);
            }
            Map<TopicPartition, Long> start = new HashMap<>(reader.beginningOffsets(topic));
            start.putAll(reader.committed(group, topic));
            end = reader.endOffsets(topic);
            reader.read(start, end, record -> letters.add(DeadLetter.of(record)));
        }
        long otherReason = 0;
        long omitted = 0;
        Map<String, Long> byTopic = new HashMap<>();
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = dryRun ? null : producer()) {
            for (DeadLetter letter : letters) {
                if (reason != null && !reason.equals(letter.reason())) {
                    otherReason++;
                    continue;
                }
                if (letter.valueOmitted() || letter.originalTopic() == null) {
                    omitted++;
                    continue;
                }
                byTopic.merge(letter.originalTopic(), 1L, Long::sum);
                if (producer != null) {
                    sends.add(producer.send(new ProducerRecord<>(letter.originalTopic(), null, letter.record().key(),
                            letter.record().value(), headersFor(letter))));
                }
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("The broker did not take a redriven record (nothing is remembered, "
                    + "so running again is safe): " + e.getCause(), e.getCause());
        }
        if (!dryRun) {
            commit(group, end);
        }
        long redriven = byTopic.values().stream().mapToLong(Long::longValue).sum();
        return new Result(group, letters.size(), redriven, otherReason, omitted, byTopic);
    }

    private static Iterable<Header> headersFor(DeadLetter letter) {
        RecordHeaders headers = new RecordHeaders();
        for (Header header : letter.record().headers()) {
            if (!header.key().startsWith("kafka_dlt-") && !header.key().startsWith("newsflow-dlt-")) {
                headers.add(header);
            }
        }
        headers.add(REDRIVEN_FROM_HEADER, (letter.topic() + "-" + letter.partition() + "@" + letter.offset())
                .getBytes(StandardCharsets.UTF_8));
        return headers;
    }

    private KafkaProducer<String, byte[]> producer() {
        Properties config = new Properties();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 10 * 1024 * 1024);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    private void commit(String group, Map<TopicPartition, Long> end) throws InterruptedException {
        Properties config = new Properties();
        config.put("bootstrap.servers", bootstrapServers);
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        end.forEach((partition, offset) -> offsets.put(partition, new OffsetAndMetadata(offset)));
        try (Admin admin = Admin.create(config)) {
            admin.alterConsumerGroupOffsets(group, offsets).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("The records were put back, but the progress of " + group
                    + " could not be saved (a second run would put them back again, harmlessly): " + e.getCause(),
                    e.getCause());
        }
    }
}
