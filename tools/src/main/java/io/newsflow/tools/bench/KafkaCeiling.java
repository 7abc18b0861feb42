package io.newsflow.tools.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The ceiling: Kafka's own producer perf test ({@code org.apache.kafka.tools.ProducerPerformance},
 * what {@code kafka-producer-perf-test.sh} runs) writing the records the ingest service would
 * write for the same pages, with the ingest service's producer settings, to a throw-away topic
 * shaped like {@code news.raw}. It runs in its own JVM, like the script, so its CPU and heap are
 * its own and are measured.
 */
final class KafkaCeiling {

    /** The raw topic whose shape the bench topic copies. */
    static final String RAW_TOPIC = "news.raw";

    /**
     * The ingest service's producer settings (ingest-service/src/main/resources/application.yml);
     * batch.size is the client default (16384) there too.
     */
    static final Map<String, String> INGEST_PRODUCER = ingestProducer();

    /**
     * Rough ceiling used to size the run when --ceiling-records is not given: between what a quiet
     * machine of this kind does (~400 MiB/s, STACK.md) and what it does with the stack busy beside
     * it (~170 MiB/s), so the run lasts roughly 15-40 s for a 25 s target.
     */
    private static final double ASSUMED_BYTES_PER_SECOND = 250 * 1024.0 * 1024.0;
    private static final Pattern SUMMARY = Pattern.compile("(\\d+)(?: steady state)? records sent, ([\\d.]+) records/sec"
            + " \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms"
            + " 95th, (\\d+) ms 99th, (\\d+) ms 99.9th\\.");
    private static final Pattern WINDOW = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec"
            + " \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency\\.");

    /**
     * What the perf test reported. {@code recordsPerSecond}/{@code mibPerSecond} are its own summary
     * over the whole run; the steady figures leave out its first 5 s report window (JIT warm-up,
     * connection set-up), which is what the ratio uses, as the ingest runs leave out their warm-up.
     */
    record Result(String topic, int partitions, short replicationFactor, long records, double meanRecordBytes,
            double recordsPerSecond, double mibPerSecond, double steadyRecordsPerSecond, double steadyMibPerSecond,
            double avgMs, double maxMs, int p50Ms, int p95Ms, int p99Ms, int p999Ms, double seconds,
            Map<String, String> producerProps, StackProbe.Window window) {

        double ceilingRecordsPerSecond() {
            return Double.isNaN(steadyRecordsPerSecond) ? recordsPerSecond : steadyRecordsPerSecond;
        }

        double ceilingMibPerSecond() {
            return Double.isNaN(steadyMibPerSecond) ? mibPerSecond : steadyMibPerSecond;
        }
    }

    private KafkaCeiling() {
    }

    static Result run(Options options, Corpus corpus, StackProbe probe, String stamp) throws Exception {
        Properties adminProps = new Properties();
        adminProps.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.kafka());
        adminProps.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000");
        adminProps.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        String topic = "newsflow.bench.ceiling-" + stamp;
        Path payloads = Files.createTempFile("newsflow-bench-payloads-", ".jsonl");
        try (Admin admin = Admin.create(adminProps)) {
            NewTopic newTopic = shapedLikeRaw(admin, topic);
            admin.createTopics(List.of(newTopic)).all().get(30, TimeUnit.SECONDS);
            try {
                double meanBytes = writePayloads(corpus, payloads);
                long records = options.ceilingRecords() > 0 ? options.ceilingRecords()
                        : options.ceilingRate() > 0
                                ? Math.max(500, Math.round(options.ceilingDuration().toSeconds() * options.ceilingRate()))
                                : Math.max(500, Math.round(options.ceilingDuration().toSeconds()
                                        * ASSUMED_BYTES_PER_SECOND / meanBytes));
                Map<String, String> props = new LinkedHashMap<>();
                props.put("bootstrap.servers", options.kafka());
                props.putAll(INGEST_PRODUCER);
                for (String override : options.producerProps()) {
                    int eq = override.indexOf('=');
                    props.put(override.substring(0, eq), override.substring(eq + 1));
                }
                System.out.printf("ceiling: ProducerPerformance, %d records of %.0f KiB (the %d pages as ingest's"
                        + " news.raw records) to %s (%d partitions, replication %d), %s%n", records, meanBytes / 1024,
                        corpus.pages().size(), topic, newTopic.numPartitions(), newTopic.replicationFactor(), props);
                return perfTest(topic, newTopic, records, options.ceilingRate(), meanBytes, payloads, props, probe);
            } finally {
                try {
                    admin.deleteTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException | RuntimeException e) {
                    System.err.println("ceiling: could not delete the topic " + topic + ": " + e.getMessage());
                }
            }
        } finally {
            Files.deleteIfExists(payloads);
        }
    }

    private static Result perfTest(String topic, NewTopic newTopic, long records, double rate, double meanBytes,
            Path payloads, Map<String, String> props, StackProbe probe) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(javaCommand("org.apache.kafka.tools.ProducerPerformance"));
        String throughput = rate > 0 ? Long.toString(Math.round(rate)) : "-1";
        command.addAll(List.of("--topic", topic, "--num-records", Long.toString(records), "--throughput", throughput,
                "--payload-file", payloads.toString(), "--producer-props"));
        props.forEach((key, value) -> command.add(key + "=" + value));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        StackProbe.Window window = probe.window();
        window.open();
        long t0 = System.nanoTime();
        Process process = builder.start();
        Matcher summary = null;
        List<double[]> windows = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                System.out.println("  [ceiling] " + line);
                Matcher s = SUMMARY.matcher(line);
                Matcher w = WINDOW.matcher(line);
                if (s.find()) {
                    summary = s;
                } else if (w.find()) {
                    windows.add(new double[] {Double.parseDouble(w.group(1)), Double.parseDouble(w.group(2)),
                            Double.parseDouble(w.group(3))});
                }
            }
        }
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - t0) / 1e9;
        window.close();
        if (exit != 0 || summary == null) {
            throw new IOException("the producer perf test failed (exit " + exit + ", see its output above)");
        }
        // Steady state: the report windows after the first (each: count, records/s, MB/s).
        double steadyCount = 0;
        double steadySeconds = 0;
        double steadyMib = 0;
        for (int i = 1; i < windows.size(); i++) {
            double[] w = windows.get(i);
            double secs = w[0] / w[1];
            steadyCount += w[0];
            steadySeconds += secs;
            steadyMib += w[2] * secs;
        }
        double steadyRate = steadySeconds > 0 ? steadyCount / steadySeconds : Double.NaN;
        double steadyMibRate = steadySeconds > 0 ? steadyMib / steadySeconds : Double.NaN;
        return new Result(topic, newTopic.numPartitions(), newTopic.replicationFactor(),
                Long.parseLong(summary.group(1)), meanBytes, Double.parseDouble(summary.group(2)),
                Double.parseDouble(summary.group(3)), steadyRate, steadyMibRate, Double.parseDouble(summary.group(4)),
                Double.parseDouble(summary.group(5)), Integer.parseInt(summary.group(6)),
                Integer.parseInt(summary.group(7)), Integer.parseInt(summary.group(8)),
                Integer.parseInt(summary.group(9)), seconds, props, window);
    }

    /**
     * {@code java ... MAIN} on a flat classpath, as {@code kafka-producer-perf-test.sh} runs it:
     * the {@code lib/} folder beside the runnable jar (the build copies the dependencies there), or
     * this JVM's own classpath when run from classes (an IDE). Only as a last resort through Boot's
     * PropertiesLauncher: lz4-java loads its native library only from the system class loader, so
     * from nested jars it compresses in pure Java, and the ceiling would be understated.
     */
    private static List<String> javaCommand(String mainClass) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(java, "-Xms64m", "-Xmx512m", "-XX:+UseG1GC",
                "-Duser.language=en", "-Duser.country=US", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"));
        boolean fromBootJar = KafkaCeiling.class.getClassLoader().getClass().getName()
                .startsWith("org.springframework.boot.loader");
        if (!fromBootJar) {
            command.addAll(List.of("-cp", classPath, mainClass));
            return command;
        }
        Path lib = Path.of(classPath).toAbsolutePath().getParent().resolve("lib");
        if (hasKafkaTools(lib)) {
            command.addAll(List.of("-cp", lib + "/*", mainClass));
        } else {
            System.out.println("ceiling: no " + lib + " (./mvnw -pl tools -am package makes it): running the perf test"
                    + " from the runnable jar, where lz4 compresses in pure Java (a lower ceiling)");
            command.addAll(List.of("-cp", classPath, "-Dloader.main=" + mainClass,
                    "org.springframework.boot.loader.launch.PropertiesLauncher"));
        }
        return command;
    }

    private static boolean hasKafkaTools(Path lib) {
        try (var jars = Files.newDirectoryStream(lib, "kafka-tools-*.jar")) {
            return jars.iterator().hasNext();
        } catch (IOException e) {
            return false;
        }
    }

    /** The bench topic: news.raw's partitions, replication and record settings, or its declared defaults. */
    private static NewTopic shapedLikeRaw(Admin admin, String topic) throws InterruptedException {
        int partitions = 6;
        short replication = 1;
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "10485760");
        configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        try {
            TopicDescription raw = admin.describeTopics(List.of(RAW_TOPIC)).allTopicNames()
                    .get(15, TimeUnit.SECONDS).get(RAW_TOPIC);
            partitions = raw.partitions().size();
            replication = (short) raw.partitions().get(0).replicas().size();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, RAW_TOPIC);
            Config config = admin.describeConfigs(List.of(resource)).all().get(15, TimeUnit.SECONDS).get(resource);
            for (String name : List.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG,
                    TopicConfig.COMPRESSION_TYPE_CONFIG, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)) {
                ConfigEntry entry = config.get(name);
                if (entry != null && entry.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG) {
                    configs.put(name, entry.value());
                }
            }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            System.out.println("ceiling: " + RAW_TOPIC + " not found (" + e.getMessage()
                    + "); using its declared shape: 6 partitions, replication 1");
        }
        return new NewTopic(topic, partitions, replication).configs(configs);
    }

    /**
     * One payload per line: the JSON the ingest service writes to news.raw for each page
     * ({@code ArticleReceived}, empty fields left out as its serializer does). The page is a JSON
     * string, so a record holds no raw newline.
     */
    private static double writePayloads(Corpus corpus, Path file) throws IOException {
        long total = 0;
        String receivedAt = Instant.now().toString();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (Corpus.Page page : corpus.pages()) {
                String url = "https://bench.example/" + page.id() + "/ceiling";
                byte[] head = ("{\"schemaVersion\":1,\"id\":\"" + idOf(url) + "\",\"url\":\"" + url
                        + "\",\"canonicalUrl\":\"" + url + "\",\"source\":{\"name\":\"bench\",\"domain\":"
                        + "\"bench.example\"},\"receivedAt\":\"" + receivedAt + "\",\"html\":")
                        .getBytes(StandardCharsets.UTF_8);
                out.write(head);
                out.write(page.jsonHtml());
                out.write('}');
                out.write('\n');
                total += head.length + page.jsonHtml().length + 1;
            }
        }
        return (double) total / corpus.pages().size();
    }

    /** Like ArticleIds.fromUrl: the first 128 bits of SHA-256 of the canonical URL, in hex. */
    private static String idOf(String url) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> ingestProducer() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("acks", "all");
        props.put("enable.idempotence", "true");
        props.put("compression.type", "lz4");
        props.put("linger.ms", "5");
        props.put("max.request.size", "10485760");
        props.put("buffer.memory", "67108864");
        props.put("max.block.ms", "5000");
        props.put("request.timeout.ms", "5000");
        props.put("delivery.timeout.ms", "10000");
        return java.util.Collections.unmodifiableMap(props);
    }
}
