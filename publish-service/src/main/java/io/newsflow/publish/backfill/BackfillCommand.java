package io.newsflow.publish.backfill;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.Topics;
import io.newsflow.publish.PublishProperties;
import io.newsflow.publish.elasticsearch.ElasticsearchClients;
import io.newsflow.publish.indexing.ArticleIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.elasticsearch.client.RestClient;

/**
 * {@code newsflow backfill}: rebuilds the article index from the enriched topic into a new index
 * version and swaps the alias (see {@link Backfill}). Runs beside the live services; needs no
 * Spring context.
 */
public final class BackfillCommand {

    private BackfillCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String bootstrap = "127.0.0.1:9092";
        List<String> elasticsearch = List.of("http://127.0.0.1:9200");
        String topic = Topics.ENRICHED;
        String alias = "news-articles";
        Integer version = null;
        Instant from = null;
        int shards = 1;
        int replicas = 1;
        String refresh = "1s";
        try {
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--bootstrap" -> bootstrap = required(args[i], value);
                    case "--elasticsearch" -> elasticsearch = Arrays.asList(required(args[i], value).split(","));
                    case "--topic" -> topic = required(args[i], value);
                    case "--alias" -> alias = required(args[i], value);
                    case "--version" -> version = Integer.valueOf(required(args[i], value));
                    case "--from" -> from = instant(required(args[i], value));
                    case "--shards" -> shards = Integer.parseInt(required(args[i], value));
                    case "--replicas" -> replicas = Integer.parseInt(required(args[i], value));
                    case "--refresh-interval" -> refresh = required(args[i], value);
                    case "-h", "--help" -> {
                        out.println(usage());
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("newsflow backfill: " + e.getMessage());
            err.println(usage());
            return 2;
        }
        var indexSettings = new PublishProperties.IndexProperties(alias, 1, shards, replicas, refresh);
        var esSettings = new PublishProperties.ElasticsearchProperties(elasticsearch, System.getenv("ELASTICSEARCH_USERNAME"),
                System.getenv("ELASTICSEARCH_PASSWORD"), Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(2));
        Map<String, Object> consumerSettings = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.CLIENT_ID_CONFIG, "newsflow-backfill");
        try (RestClient rest = ElasticsearchClients.restClient(esSettings);
                var consumer = new KafkaConsumer<>(consumerSettings, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
            ElasticsearchClient client = ElasticsearchClients.client(rest);
            Backfill.Report report = new Backfill(consumer, new ArticleIndex(client, indexSettings, Clock.systemUTC()), out)
                    .run(new Backfill.Options(topic, from, version));
            out.printf("done in %.1f s: %,d records read, %,d documents written, %,d deleted, %,d older revisions "
                            + "skipped, %,d rejected, %,d unreadable%n", report.took().toMillis() / 1000.0,
                    report.records(), report.written(), report.deleted(), report.stale(), report.rejected(),
                    report.unreadable());
            if (report.previousIndex() != null) {
                out.printf("the previous index %s is kept; once satisfied: curl -X DELETE '%s/%s'%n",
                        report.previousIndex(), elasticsearch.get(0), report.previousIndex());
            }
            return report.rejected() == 0 ? 0 : 1;
        } catch (IOException | RuntimeException e) {
            err.println("newsflow backfill: " + e.getMessage());
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("newsflow backfill: interrupted");
            return 1;
        }
    }

    private static String required(String option, String value) {
        if (value == null || value.startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return value;
    }

    private static Instant instant(String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException notInstant) {
            return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
    }

    private static String usage() {
        return """
                usage: newsflow backfill [--from TIME] [--version N] [options]
                  Re-reads the enriched topic into a new index version (<alias>-v<N>, default: one above the
                  current), then points the alias at it atomically and catches up with what arrived meanwhile.
                  The old index is kept. The live services keep running.
                  --from TIME         only records appended since TIME (2024-05-01 or 2024-05-01T00:00:00Z)
                  --version N         version of the new index
                  --bootstrap H:P     Kafka (default 127.0.0.1:9092)
                  --elasticsearch URL[,URL...]  (default http://127.0.0.1:9200)
                  --topic NAME        (default news.enriched)   --alias NAME (default news-articles)
                  --shards N --replicas N --refresh-interval T   settings of the new index (1, 1, 1s)""";
    }
}
