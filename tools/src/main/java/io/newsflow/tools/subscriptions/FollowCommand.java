package io.newsflow.tools.subscriptions;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.CloudEvents;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Topics;
import io.newsflow.tools.DurationConverter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code follow}: prints what a subscription delivers, one line per article, as it arrives. Also
 * the example of a subscriber in Java, short on purpose: plain {@code kafka-clients}, reading
 * committed records only, telling alerts from whole articles by the {@code ce_type} header, and
 * idempotent as the contract asks (at-least-once delivery: a record whose article revision was
 * already seen is skipped; a larger revision is a correction and is shown again).
 *
 * <p>A real subscriber would join a consumer group ({@code group.id}) so that its position
 * survives restarts; this one reads without a group, from now or from the beginning.
 */
@Command(name = "follow", mixinStandardHelpOptions = true,
        description = "Print a subscription's alerts or articles as they arrive (the Java subscriber example).")
public final class FollowCommand implements Callable<Integer> {

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka bootstrap servers (${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--topic", defaultValue = Topics.ALERTS,
            description = "news.alerts[.<name>] or news.enriched.<name> (${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--subscription", description = "only this subscription's alerts (on an alerts topic)")
    String subscription;

    @Option(names = "--from-beginning", description = "start at the topic's beginning instead of now")
    boolean fromBeginning;

    @Option(names = "--max", defaultValue = "0", description = "stop after this many lines (0: never)")
    int max;

    @Option(names = "--timeout", defaultValue = "0s", converter = DurationConverter.class, description = "stop after this long (0s: never), e.g. 30s")
    Duration timeout;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Properties config = new Properties();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Map<String, Long> seen = new HashMap<>(); // (subscription, article) -> newest revision shown
        long deadline = timeout.isZero() ? Long.MAX_VALUE : System.nanoTime() + timeout.toNanos();
        int printed = 0;
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalArgumentException("there is no topic " + topic + " (yet): a subscription's topic "
                        + "appears once the publish service has read the subscription");
            }
            consumer.assign(partitions);
            if (fromBeginning) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            while ((max == 0 || printed < max) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    String line = line(record, seen);
                    if (line != null && (max == 0 || printed < max)) {
                        out.println(line);
                        printed++;
                    }
                }
            }
        }
        return 0;
    }

    /** The line for a record, or null when it is not to be shown (another subscription, a repeat). */
    private String line(ConsumerRecord<String, byte[]> record, Map<String, Long> seen) {
        if (record.value() == null) {
            return null;
        }
        String type = header(record, CloudEvents.TYPE_HEADER);
        if (CloudEvents.ARTICLE_ALERT.equals(type)) {
            ArticleAlert alert = EventJson.mapper().readValue(record.value(), ArticleAlert.class);
            if (subscription != null && !subscription.equals(alert.subscriptionId())
                    || !isNew(seen, alert.subscriptionId() + "/" + alert.articleId(), alert.revision())) {
                return null;
            }
            return "%s  [%s]  %s  %s  (revision %d)".formatted(alert.publishedAt(), alert.subscriptionName(),
                    alert.title(), alert.url(), alert.revision());
        }
        if (CloudEvents.ARTICLE_ENRICHED.equals(type)) {
            ArticleEnriched article = EventJson.mapper().readValue(record.value(), ArticleEnriched.class);
            if (!isNew(seen, article.id(), article.revision())) {
                return null;
            }
            return "%s  %s  %s  %s  (revision %d)".formatted(article.publishedAt(),
                    article.source() == null ? "" : article.source().name(), article.title(), article.url(),
                    article.revision());
        }
        return null; // not an event this example knows
    }

    private static boolean isNew(Map<String, Long> seen, String key, long revision) {
        Long before = seen.get(key);
        if (before != null && before >= revision) {
            return false;
        }
        seen.put(key, revision);
        return true;
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
