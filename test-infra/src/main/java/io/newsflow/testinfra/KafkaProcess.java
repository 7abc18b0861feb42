package io.newsflow.testinfra;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node KRaft broker (broker and controller in one JVM) as a process of its own, on fixed
 * free ports and its own data folder, so that a fault test can kill it (SIGKILL) and start it
 * again, as an operator's restart or a crash does; the in-JVM broker cannot be restarted. It runs
 * {@code kafka.Kafka} from this JVM's class path, which holds the broker for the embedded one.
 *
 * <p>{@link #KafkaProcess()} is a PLAINTEXT broker with no authentication;
 * {@link #fromProperties} runs a broker configured by a given {@code server.properties} (a
 * deployment's own, e.g. with SASL and ACLs), moved to 127.0.0.1 and free ports.
 */
public final class KafkaProcess implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaProcess.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern LISTENER = Pattern.compile("([A-Za-z0-9_]+)://[^,]*");

    private final Path dir;
    /** host:port of each listener, by listener name (upper case). */
    private final Map<String, String> listeners;
    /** The listener {@link #bootstrapServers()} names. */
    private final String clientListener;
    /** Client settings for the readiness check (security), on top of the bootstrap servers. */
    private final Map<String, Object> clientConfig;
    private final List<String> jvmOptions;
    private Process process;
    private int starts;

    public KafkaProcess() {
        this(plaintext(), List.of(), Map.of(), List.of());
    }

    private KafkaProcess(Layout layout, List<String> extraFormatArgs, Map<String, Object> clientConfig,
            List<String> jvmOptions) {
        this.dir = layout.dir();
        this.listeners = layout.listeners();
        this.clientListener = layout.clientListener();
        this.clientConfig = Map.copyOf(clientConfig);
        this.jvmOptions = List.copyOf(jvmOptions);
        try {
            Files.writeString(dir.resolve("server.properties"), layout.properties());
            Files.writeString(dir.resolve("logback.xml"), """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>[%d] %level %msg \\(%logger\\)%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="OUT"/></root>
                      <logger name="kafka.request.logger" level="WARN"/>
                      <logger name="state.change.logger" level="WARN"/>
                    </configuration>
                    """);
            List<String> format = new ArrayList<>(List.of("format", "--cluster-id", Uuid.randomUuid().toString(),
                    "--config", dir.resolve("server.properties").toString()));
            format.addAll(extraFormatArgs);
            int formatted = new ProcessBuilder(command("kafka.tools.StorageTool", format.toArray(String[]::new)))
                    .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start().waitFor();
            if (formatted != 0) {
                throw new IllegalStateException("Formatting the Kafka storage failed:\n"
                        + Files.readString(dir.resolve("format.log")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a Kafka broker", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
        start();
    }

    /**
     * A broker configured by {@code serverProperties} (the text of a {@code server.properties}),
     * started here: every listener of {@code listeners} is rebound to 127.0.0.1 on a free port
     * (names kept), {@code advertised.listeners}, {@code controller.quorum.voters} (one voter) and
     * {@code controller.quorum.bootstrap.servers} follow, and {@code log.dirs} is a temporary
     * folder; every other line is used as given (security, authorizer, limits).
     *
     * @param extraFormatArgs appended to {@code kafka-storage format}, e.g. {@code --add-scram ...}
     * @param clientConfig    client settings with which the readiness check (an admin client on
     *                        {@code clientListener}) can log in, e.g. a super user's SASL settings
     * @param clientListener  the listener {@link #bootstrapServers()} names, e.g. {@code INTERNAL}
     */
    public static KafkaProcess fromProperties(String serverProperties, List<String> extraFormatArgs,
            Map<String, Object> clientConfig, String clientListener) {
        return new KafkaProcess(relocate(serverProperties, clientListener), extraFormatArgs, clientConfig,
                // authorization decisions (denials at INFO) say which ACL is missing
                List.of("-Dorg.slf4j.simpleLogger.log.kafka.authorizer.logger=info"));
    }

    private record Layout(Path dir, String properties, Map<String, String> listeners, String clientListener) {
    }

    private static Layout plaintext() {
        try {
            Path dir = Files.createTempDirectory("newsflow-kafka-");
            int port = freePort();
            int controllerPort = freePort();
            String properties = String.join("\n",
                    "process.roles=broker,controller",
                    "node.id=1",
                    "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                    "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                    "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                    "controller.listener.names=CONTROLLER",
                    "inter.broker.listener.name=PLAINTEXT",
                    "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                    "log.dirs=" + dir.resolve("data"),
                    "auto.create.topics.enable=false",
                    "offsets.topic.replication.factor=1",
                    "transaction.state.log.replication.factor=1",
                    "transaction.state.log.min.isr=1",
                    "share.coordinator.state.topic.replication.factor=1",
                    "share.coordinator.state.topic.min.isr=1",
                    "group.initial.rebalance.delay.ms=0",
                    "message.max.bytes=10485760",
                    "replica.fetch.max.bytes=10485760", "");
            return new Layout(dir, properties, Map.of("PLAINTEXT", "127.0.0.1:" + port,
                    "CONTROLLER", "127.0.0.1:" + controllerPort), "PLAINTEXT");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a Kafka broker", e);
        }
    }

    private static Layout relocate(String serverProperties, String listenerForClients) {
        String clientListener = listenerForClients.toUpperCase(Locale.ROOT);
        try {
            Properties given = new Properties();
            given.load(new StringReader(serverProperties));
            Path dir = Files.createTempDirectory("newsflow-kafka-");
            Map<String, String> listeners = new LinkedHashMap<>();
            Matcher listener = LISTENER.matcher(required(given, "listeners"));
            while (listener.find()) {
                listeners.put(listener.group(1).toUpperCase(Locale.ROOT), "127.0.0.1:" + freePort());
            }
            String controller = required(given, "controller.listener.names").split(",")[0].trim()
                    .toUpperCase(Locale.ROOT);
            if (!listeners.containsKey(controller) || !listeners.containsKey(clientListener)) {
                throw new IllegalArgumentException("listeners must name " + controller + " and " + clientListener);
            }
            Map<String, String> rewritten = new LinkedHashMap<>();
            rewritten.put("listeners", addresses(listeners, listeners.keySet()));
            String advertised = given.getProperty("advertised.listeners");
            if (advertised != null) {
                List<String> names = new ArrayList<>();
                Matcher name = LISTENER.matcher(advertised);
                while (name.find()) {
                    names.add(name.group(1).toUpperCase(Locale.ROOT));
                }
                rewritten.put("advertised.listeners", addresses(listeners, names));
            }
            String voters = given.getProperty("controller.quorum.voters");
            if (voters != null) {
                if (voters.contains(",")) {
                    throw new IllegalArgumentException("one controller only, not " + voters);
                }
                rewritten.put("controller.quorum.voters", voters.substring(0, voters.indexOf('@') + 1)
                        + listeners.get(controller));
            }
            if (given.getProperty("controller.quorum.bootstrap.servers") != null) {
                rewritten.put("controller.quorum.bootstrap.servers", listeners.get(controller));
            }
            rewritten.put("log.dirs", dir.resolve("data").toString());
            StringBuilder properties = new StringBuilder();
            for (String line : serverProperties.split("\n")) {
                String key = line.contains("=") ? line.substring(0, line.indexOf('=')).trim() : "";
                String value = rewritten.remove(key);
                properties.append(value != null ? key + "=" + value : line).append('\n');
            }
            rewritten.forEach((key, value) -> properties.append(key).append('=').append(value).append('\n'));
            return new Layout(dir, properties.toString(), Map.copyOf(listeners), clientListener);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not prepare a Kafka broker", e);
        }
    }

    private static String required(Properties properties, String key) {
        String value = properties.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("server.properties has no " + key);
        }
        return value;
    }

    private static String addresses(Map<String, String> listeners, Iterable<String> names) {
        List<String> addresses = new ArrayList<>();
        for (String name : names) {
            addresses.add(name + "://" + listeners.get(name));
        }
        return String.join(",", addresses);
    }

    public String bootstrapServers() {
        return listeners.get(clientListener);
    }

    /** host:port of the given listener ({@code INTERNAL}, {@code CONTROLLER}, ...). */
    public String bootstrapServers(String listener) {
        String address = listeners.get(listener.toUpperCase(Locale.ROOT));
        if (address == null) {
            throw new IllegalArgumentException("No listener " + listener + ": " + listeners.keySet());
        }
        return address;
    }

    /** The broker's configuration as it runs (after the rewrite of {@link #fromProperties}). */
    public String serverProperties() {
        try {
            return Files.readString(dir.resolve("server.properties"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the broker (again, on the same ports and data) and waits until it answers. */
    public void start() {
        try {
            starts++;
            process = new ProcessBuilder(command("kafka.Kafka", dir.resolve("server.properties").toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("kafka.log").toFile()))
                    .start();
            try {
                awaitReady();
            } catch (RuntimeException notReady) {
                process.destroyForcibly(); // not left running behind a failed start
                throw notReady;
            }
            log.info("Kafka is up at {} (start {})", bootstrapServers(), starts);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Kafka", e);
        }
    }

    /** Kills the broker at once (SIGKILL): no clean shutdown, as in a crash. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                kill();
            }
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private List<String> command(String main, String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms128m", "-Xmx512m", "-XX:TieredStopAtLevel=1",
                "-Dlogback.configurationFile=" + dir.resolve("logback.xml")));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return command;
    }

    private void awaitReady() throws IOException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka exited with " + process.exitValue() + ":\n" + logTail());
            }
            Map<String, Object> config = new HashMap<>(clientConfig);
            config.putAll(Map.of("bootstrap.servers", bootstrapServers(),
                    "request.timeout.ms", 2000, "default.api.timeout.ms", 3000));
            try (Admin admin = Admin.create(config)) {
                admin.describeCluster().nodes().get(3, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted", e);
                }
            }
        }
        throw new IllegalStateException("Kafka not ready within " + STARTUP_TIMEOUT + ":\n" + logTail());
    }

    /** The broker's log (stdout and stderr of every start); deleted by {@link #close()}. */
    public Path logFile() {
        return dir.resolve("kafka.log");
    }

    /** The end of the broker's log, to explain a failure. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("kafka.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
