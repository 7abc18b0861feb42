package io.newsflow.tools.bench;

import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Topics;
import io.newsflow.tools.DurationConverter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ./newsflow bench-publish}: the publish service's indexing throughput against the raw
 * {@code _bulk} ceiling of the same Elasticsearch with the same documents, in one run, and the
 * receivedAt-to-indexed latency at a moderate rate.
 *
 * <ol>
 * <li>Samples: enriched records already on {@code news.enriched} (post some articles first), and
 * the documents the service made of them (their {@code _source} in the index).</li>
 * <li>Ceiling: those documents, under new ids, bulk-loaded by one plain loader in batches of 500
 * (one request at a time, like the service, bodies prepared before the clock starts) into a
 * throw-away index with the live index's mapping and settings.</li>
 * <li>Service: with the publish service stopped (SIGSTOP), the same number of enriched records
 * under new ids are written to {@code news.enriched}; the service is continued and the time until
 * the index holds them all is its throughput. The enrich service is stopped for the whole run so
 * that it adds nothing.</li>
 * <li>Latency: records at a fixed rate, each stamped {@code receivedAt} = when it was sent; each
 * document's {@code indexedAt - receivedAt}, p50/p95/p99 (searchable at most one refresh later).</li>
 * </ol>
 */
public final class PublishBenchmark {

    private static final int BULK = 500;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String es;
    private final String kafka;
    private final Path root;

    PublishBenchmark(String es, String kafka, Path root) {
        this.es = es;
        this.kafka = kafka;
        this.root = root;
    }

    /** {@code bench-publish}: the publish service against a plain {@code _bulk} loader, and its latency. */
    @Command(name = "bench-publish", mixinStandardHelpOptions = true, description = {
            "The publish service's indexing rate against a plain _bulk loader with the same documents on the same",
            "node (the ceiling), and its received-to-indexed latency at a fixed rate."})
    public static final class Cli implements Callable<Integer> {

        @Option(names = "--elasticsearch", defaultValue = "http://127.0.0.1:9200", description = "(${DEFAULT-VALUE})")
        String elasticsearch;

        @Option(names = "--kafka", defaultValue = "127.0.0.1:9092", description = "(${DEFAULT-VALUE})")
        String kafka;

        @Option(names = "--docs", defaultValue = "20000", description = "documents for the throughput runs (${DEFAULT-VALUE})")
        int docs;

        @Option(names = "--rate", defaultValue = "50", converter = LoadOptions.RateConverter.class, paramLabel = "N/s",
                description = "rate of the latency run (${DEFAULT-VALUE}/s)")
        double rate;

        @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
                description = "length of the latency run (${DEFAULT-VALUE})")
        Duration duration;

        @Override
        public Integer call() throws Exception {
            Path root = Path.of(System.getProperty("newsflow.root", "."));
            new PublishBenchmark(elasticsearch, kafka, root).run(docs, (int) Math.round(rate),
                    (int) Math.max(1, duration.toSeconds()));
            return 0;
        }
    }

    private void run(int docs, int rate, int seconds) throws Exception {
        List<String> records = sampleRecords(200);
        List<ObjectNode> documents = sampleDocuments(200);
        if (records.size() < 10 || documents.size() < 10) {
            throw new IllegalStateException("Too few articles to sample (" + records.size() + " records, "
                    + documents.size() + " documents): post some first, e.g. ./newsflow bench-ingest --duration 10s");
        }
        double meanBytes = documents.stream().mapToInt(d -> d.toString().length()).average().orElse(0);
        System.out.printf("samples: %d enriched records, %d documents (mean %.1f KiB as JSON)%n", records.size(),
                documents.size(), meanBytes / 1024);
        List<Long> stopped = new ArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopped.forEach(pid -> Processes.signal("CONT", pid))));
        pid("enrich").ifPresent(pid -> {
            if (Processes.signal("STOP", pid)) {
                stopped.add(pid);
            }
        });

        double ceilingBefore = ceiling(documents, docs);
        System.out.printf("ceiling: plain _bulk loader, batches of %d: %.0f docs/s%n", BULK, ceilingBefore);

        long publishPid = pid("publish").orElseThrow(() -> new IllegalStateException(
                "the publish service does not run (var/run/publish.pid): ./newsflow up"));
        long before = count("news-articles");
        Processes.signal("STOP", publishPid);
        stopped.add(publishPid);
        List<String> ids = new ArrayList<>();
        try (var producer = producer()) {
            for (int i = 0; i < docs; i++) {
                String id = newId();
                ids.add(id);
                producer.send(new ProducerRecord<>(Topics.ENRICHED, id,
                        variant(records.get(i % records.size()), id, Instant.now())));
            }
            producer.flush();
        }
        long start = System.nanoTime();
        Processes.signal("CONT", publishPid);
        stopped.remove(publishPid);
        long target = before + docs;
        long now;
        while ((now = count("news-articles")) < target) {
            Thread.sleep(250);
        }
        double service = docs / ((System.nanoTime() - start) / 1e9);
        System.out.printf("publish service: %d docs in %.1f s: %.0f docs/s%n", docs, (System.nanoTime() - start) / 1e9,
                service);
        // once more after the service's run, so a node warming up doesn't flatter either side
        double ceilingAfter = ceiling(documents, docs);
        double ceiling = Math.max(ceilingBefore, ceilingAfter);
        System.out.printf("ceiling again: %.0f docs/s; service / best ceiling = %.1f%%%n", ceilingAfter,
                100 * service / ceiling);

        List<String> latencyIds = new ArrayList<>();
        try (var producer = producer()) {
            long periodNanos = 1_000_000_000L / rate;
            long next = System.nanoTime();
            long end = next + seconds * 1_000_000_000L;
            int i = 0;
            while (next < end) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                String id = newId();
                latencyIds.add(id);
                producer.send(new ProducerRecord<>(Topics.ENRICHED, id,
                        variant(records.get(i++ % records.size()), id, Instant.now())));
                next += periodNanos;
            }
        }
        Thread.sleep(3000);
        double[] latencies = latencies(latencyIds);
        Arrays.sort(latencies);
        System.out.printf("latency at %d/s for %d s (indexedAt - receivedAt, %d of %d indexed): p50 %.0f ms, "
                        + "p95 %.0f ms, p99 %.0f ms, max %.0f ms (searchable up to one refresh, 1 s, later)%n",
                rate, seconds, latencies.length, latencyIds.size(), pct(latencies, 0.5), pct(latencies, 0.95),
                pct(latencies, 0.99), latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1]);
        stopped.forEach(pid -> Processes.signal("CONT", pid));
        stopped.clear();

        Map<String, Object> report = new LinkedHashMap<>();
        report.put("docs", docs);
        report.put("meanDocumentKiB", meanBytes / 1024);
        report.put("ceilingDocsPerSecond", List.of(ceilingBefore, ceilingAfter));
        report.put("serviceDocsPerSecond", service);
        report.put("ratio", service / ceiling);
        report.put("latencyRate", rate);
        report.put("latencyP50Ms", pct(latencies, 0.5));
        report.put("latencyP95Ms", pct(latencies, 0.95));
        report.put("latencyP99Ms", pct(latencies, 0.99));
        report.put("indexedOfSent", latencies.length + "/" + latencyIds.size());
        Path out = root.resolve("var/bench/publish-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + ".json");
        Files.createDirectories(out.getParent());
        Files.writeString(out, Json.write(report));
        System.out.println("report: " + out);
    }

    /** Bulk-loads {@code docs} documents into a throw-away copy of the live index; docs/s. */
    double ceiling(List<ObjectNode> documents, int docs) throws IOException, InterruptedException {
        String index = "news-articles-bench-ceiling";
        JsonNode live = get("/news-articles/_mapping");
        String liveIndex = live.propertyNames().iterator().next();
        JsonNode settings = get("/" + liveIndex + "/_settings").get(liveIndex).get("settings").get("index");
        ObjectNode create = EventJson.mapper().createObjectNode();
        create.putObject("settings").put("number_of_shards", settings.get("number_of_shards").asString())
                .put("number_of_replicas", settings.get("number_of_replicas").asString())
                .put("refresh_interval", settings.path("refresh_interval").asString("1s"));
        create.set("mappings", live.get(liveIndex).get("mappings"));
        send("DELETE", "/" + index, null);
        send("PUT", "/" + index, create.toString());
        // bodies built before the clock starts: the figure is what the node takes, not what this JVM writes
        List<String> bodies = new ArrayList<>();
        StringBuilder bulk = new StringBuilder();
        for (int i = 0; i < docs; i++) {
            String id = newId();
            ObjectNode doc = documents.get(i % documents.size()).deepCopy();
            doc.put("id", id);
            bulk.append("{\"index\":{\"_index\":\"").append(index).append("\",\"_id\":\"").append(id).append("\"}}\n")
                    .append(doc).append('\n');
            if ((i + 1) % BULK == 0 || i + 1 == docs) {
                bodies.add(bulk.toString());
                bulk.setLength(0);
            }
        }
        long start = System.nanoTime();
        for (String body : bodies) {
            String answer = send("POST", "/_bulk", body);
            if (answer.contains("\"errors\":true")) {
                throw new IllegalStateException("the ceiling's bulk had errors: "
                        + answer.substring(0, Math.min(500, answer.length())));
            }
        }
        double rate = docs / ((System.nanoTime() - start) / 1e9);
        send("DELETE", "/" + index, null);
        return rate;
    }

    private List<String> sampleRecords(int max) {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        props.put("allow.auto.create.topics", "false");
        List<String> out = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ENRICHED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (out.size() < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.value() != null && out.size() < max) {
                        out.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }

    List<ObjectNode> sampleDocuments(int max) throws IOException, InterruptedException {
        List<ObjectNode> out = new ArrayList<>();
        for (JsonNode hit : get("/news-articles/_search?size=" + max).get("hits").get("hits")) {
            out.add((ObjectNode) hit.get("_source"));
        }
        return out;
    }

    /** The record under a new id, as a new article received now. */
    private static String variant(String record, String id, Instant receivedAt) {
        ObjectNode node = (ObjectNode) EventJson.mapper().readTree(record);
        node.put("id", id);
        node.put("revision", receivedAt.toEpochMilli());
        node.put("receivedAt", receivedAt.toString());
        return node.toString();
    }

    double[] latencies(List<String> ids) throws IOException, InterruptedException {
        List<Double> values = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += 500) {
            ObjectNode body = EventJson.mapper().createObjectNode();
            var array = body.putArray("ids");
            ids.subList(from, Math.min(ids.size(), from + 500)).forEach(array::add);
            JsonNode answer = EventJson.mapper().readTree(send("POST",
                    "/news-articles/_mget?_source_includes=receivedAt,indexedAt", body.toString()));
            for (JsonNode doc : answer.get("docs")) {
                if (doc.path("found").asBoolean(false)) {
                    values.add((double) Duration.between(Instant.parse(doc.get("_source").get("receivedAt").asString()),
                            Instant.parse(doc.get("_source").get("indexedAt").asString())).toMillis());
                }
            }
        }
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double pct(double[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private long count(String index) throws IOException, InterruptedException {
        send("POST", "/" + index + "/_refresh", null);
        return get("/" + index + "/_count").get("count").asLong();
    }

    private KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka);
        props.put("acks", "all");
        props.put("compression.type", "lz4");
        props.put("linger.ms", "20");
        props.put("batch.size", String.valueOf(1 << 20));
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    JsonNode get(String path) throws IOException, InterruptedException {
        return EventJson.mapper().readTree(send("GET", path, null));
    }

    String send(String method, String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(es + path)).timeout(Duration.ofSeconds(120))
                .header("Content-Type", path.startsWith("/_bulk") ? "application/x-ndjson" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private java.util.OptionalLong pid(String name) {
        try {
            long pid = Long.parseLong(Files.readString(root.resolve("var/run/" + name + ".pid")).trim());
            return Files.isDirectory(Path.of("/proc/" + pid)) ? java.util.OptionalLong.of(pid) : java.util.OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return java.util.OptionalLong.empty();
        }
    }

    private static String newId() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
