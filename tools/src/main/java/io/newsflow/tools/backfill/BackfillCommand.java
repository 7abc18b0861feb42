package io.newsflow.tools.backfill;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.Topics;
import io.newsflow.publish.PublishProperties;
import io.newsflow.publish.backfill.Backfill;
import io.newsflow.publish.elasticsearch.ElasticsearchClients;
import io.newsflow.publish.indexing.ArticleIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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
@Command(name = "backfill",
        description = {"Re-read the enriched topic into a new index version (<alias>-v<N>, default: one above the current),",
                "then point the alias at it atomically and catch up with what arrived meanwhile. The old index is",
                "kept. The live services keep running."})
public final class BackfillCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Help only: {@code --version} is the index version here, not this tool's. */
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = "--from", paramLabel = "TIME", converter = StartTime.class,
            description = "only records appended since TIME (2024-05-01 or 2024-05-01T00:00:00Z)")
    Instant from;

    @Option(names = "--version", paramLabel = "N", description = "version of the new index")
    Integer version;

    @Option(names = "--bootstrap", defaultValue = "127.0.0.1:9092", description = "Kafka (${DEFAULT-VALUE})")
    String bootstrap;

    @Option(names = "--elasticsearch", split = ",", defaultValue = "http://127.0.0.1:9200",
            description = "node URLs, comma-separated (${DEFAULT-VALUE})")
    List<String> elasticsearch;

    @Option(names = "--topic", defaultValue = Topics.ENRICHED, description = "(${DEFAULT-VALUE})")
    String topic;

    @Option(names = "--alias", defaultValue = "news-articles", description = "(${DEFAULT-VALUE})")
    String alias;

    @Option(names = "--shards", defaultValue = "1", description = "primary shards of the new index (${DEFAULT-VALUE})")
    int shards;

    @Option(names = "--replicas", defaultValue = "1", description = "replicas of the new index (${DEFAULT-VALUE})")
    int replicas;

    @Option(names = "--refresh-interval", defaultValue = "1s", description = "of the new index (${DEFAULT-VALUE})")
    String refresh;

    /** A day (its start, UTC) or an instant. */
    static final class StartTime implements ITypeConverter<Instant> {
        @Override
        public Instant convert(String value) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException notInstant) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    @Override
    public Integer call() {
        PrintWriter writer = spec.commandLine().getOut();
        PrintStream out = new PrintStream(new WriterOutputStream(writer), true, StandardCharsets.UTF_8);
        PrintWriter err = spec.commandLine().getErr();
        var indexSettings = new PublishProperties.IndexProperties(alias, 1, shards, replicas, refresh);
        var esSettings = new PublishProperties.ElasticsearchProperties(elasticsearch, System.getenv("ELASTICSEARCH_USERNAME"),
                System.getenv("ELASTICSEARCH_PASSWORD"), System.getenv("ELASTICSEARCH_API_KEY"),
                System.getenv("ELASTICSEARCH_CA_CERTIFICATE"),
                Duration.ofSeconds(5), Duration.ofSeconds(120), Duration.ofSeconds(2));
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

    /** Bytes written to a {@link PrintWriter}: {@link Backfill} reports progress on a stream. */
    private static final class WriterOutputStream extends java.io.OutputStream {
        private final PrintWriter writer;

        WriterOutputStream(PrintWriter writer) {
            this.writer = writer;
        }

        @Override
        public void write(int b) {
            writer.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            writer.write(new String(bytes, offset, length, StandardCharsets.UTF_8));
        }

        @Override
        public void flush() {
            writer.flush();
        }
    }
}
