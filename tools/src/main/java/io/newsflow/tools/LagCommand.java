package io.newsflow.tools;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Each consumer group's lag and rates, per topic: how many records it is behind (the end offsets
 * minus its committed offsets), how fast records are written to the topic and how fast the group
 * commits, from two readings {@code --interval} apart. What {@code ./newsflow status} prints under
 * its process table; the numbers a pipeline board shows, without a metrics stack.
 */
@Command(name = "lag", mixinStandardHelpOptions = true,
        description = "Consumer groups' lag and rates per topic, from two readings of the offsets.")
final class LagCommand implements Callable<Integer> {

    @ParentCommand
    NewsflowTools tools;

    @Option(names = "--interval", defaultValue = "2s", converter = DurationConverter.class,
            description = "time between the two readings (${DEFAULT-VALUE})")
    Duration interval;

    /** One group's position on one topic at one reading. */
    record Reading(long committed, long end) {
    }

    /** One line of the report. */
    record Row(String group, String topic, long lag, double writtenPerSecond, double consumedPerSecond) {
    }

    @Override
    public Integer call() throws Exception {
        PrintWriter out = tools.spec.commandLine().getOut();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, tools.bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000))) {
            List<String> groups = new ArrayList<>();
            for (ConsumerGroupListing listing : admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS)) {
                groups.add(listing.groupId());
            }
            Map<String, Map<String, Reading>> first = read(admin, groups);
            Thread.sleep(interval.toMillis());
            Map<String, Map<String, Reading>> second = read(admin, groups);
            List<Row> rows = rows(first, second, interval);
            if (rows.isEmpty()) {
                out.println("no consumer group has committed offsets yet");
                return 0;
            }
            out.printf("%-30s %-28s %10s %12s %12s%n", "GROUP", "TOPIC", "LAG", "WRITTEN/s", "CONSUMED/s");
            for (Row row : rows) {
                out.printf("%-30s %-28s %10d %12.1f %12.1f%n", row.group(), row.topic(), row.lag(),
                        row.writtenPerSecond(), row.consumedPerSecond());
            }
            out.println("LAG counts the offsets after the group's committed ones: on a topic written in Kafka "
                    + "transactions (news.enriched) a caught-up group still shows up to one commit marker per partition.");
        }
        return 0;
    }

    /** Each group's committed and end offsets, summed per topic. */
    private static Map<String, Map<String, Reading>> read(Admin admin, Collection<String> groups)
            throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (String group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            committed.put(group, offsets);
            offsets.keySet().forEach(p -> partitions.put(p, OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (!partitions.isEmpty()) {
            admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS)
                    .forEach((partition, info) -> ends.put(partition, info.offset()));
        }
        Map<String, Map<String, Reading>> readings = new TreeMap<>();
        committed.forEach((group, offsets) -> offsets.forEach((partition, offset) -> {
            if (offset == null || !ends.containsKey(partition)) {
                return;
            }
            readings.computeIfAbsent(group, g -> new TreeMap<>()).merge(partition.topic(),
                    new Reading(offset.offset(), ends.get(partition)),
                    (a, b) -> new Reading(a.committed() + b.committed(), a.end() + b.end()));
        }));
        return readings;
    }

    /** The report from two readings: lag at the second, rates between them. */
    static List<Row> rows(Map<String, Map<String, Reading>> first, Map<String, Map<String, Reading>> second,
            Duration interval) {
        double seconds = Math.max(0.001, interval.toMillis() / 1000.0);
        List<Row> rows = new ArrayList<>();
        second.forEach((group, topics) -> topics.forEach((topic, now) -> {
            Reading before = first.getOrDefault(group, Map.of()).getOrDefault(topic, now);
            rows.add(new Row(group, topic, Math.max(0, now.end() - now.committed()),
                    Math.max(0, now.end() - before.end()) / seconds,
                    Math.max(0, now.committed() - before.committed()) / seconds));
        }));
        return rows;
    }
}
