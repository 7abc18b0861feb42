package io.newsflow.testinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Elasticsearch started from the distribution Maven unpacked (system
 * property {@code newsflow.test.elasticsearch.home}), for machines without Docker.
 *
 * <p>Each instance works in a fresh copy under the temp folder, on free ports, bound to
 * 127.0.0.1, so parallel builds don't collide. Elasticsearch refuses to run as root: when the
 * tests run as root (CI does) the copy is handed to {@code nobody} and the node is started through
 * {@code setpriv}. The temp folder is used, not {@code target/}, because {@code nobody} must be
 * able to reach every parent folder of the node's files.
 */
public final class ElasticsearchProcess implements TestInfrastructure.SearchServer {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchProcess.class);
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final String UNPRIVILEGED_USER = "nobody";
    private static final String UNPRIVILEGED_GROUP = "nogroup";

    private final Path workDir;
    private final Process process;
    private final String url;

    /** Starts a node of its own (fault tests use one, so that freezing it disturbs no other test). */
    public ElasticsearchProcess() {
        Path distribution = distribution();
        try {
            workDir = Files.createTempDirectory("newsflow-es-");
            Path home = workDir.resolve("home");
            copyTree(distribution, home);
            Files.createDirectories(workDir.resolve("data"));
            Files.createDirectories(workDir.resolve("logs"));
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run("chmod", "755", workDir.toString());
                run("chown", "-R", UNPRIVILEGED_USER + ":" + UNPRIVILEGED_GROUP, workDir.toString());
            }
            int httpPort = freePort();
            int transportPort = freePort();
            url = "http://127.0.0.1:" + httpPort;
            List<String> command = new ArrayList<>();
            if (root) {
                command.addAll(List.of("setpriv", "--reuid=" + UNPRIVILEGED_USER,
                        "--regid=" + UNPRIVILEGED_GROUP, "--clear-groups"));
            }
            command.addAll(List.of(home.resolve("bin/elasticsearch").toString(),
                    "-E", "discovery.type=single-node",
                    "-E", "xpack.security.enabled=false",
                    "-E", "network.host=127.0.0.1",
                    "-E", "http.port=" + httpPort,
                    "-E", "transport.port=" + transportPort,
                    "-E", "path.data=" + workDir.resolve("data"),
                    "-E", "path.logs=" + workDir.resolve("logs"),
                    // test machines are often nearly full; a watermark must not block writes
                    "-E", "cluster.routing.allocation.disk.threshold_enabled=false",
                    "-p", workDir.resolve("es.pid").toString()));
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(workDir.resolve("console.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("HOME", workDir.toString());
            env.put("ES_JAVA_HOME", System.getProperty("java.home"));
            env.put("ES_JAVA_OPTS", System.getProperty("newsflow.test.elasticsearch.java-opts",
                    "-Xms512m -Xmx512m"));
            env.remove("JAVA_TOOL_OPTIONS");
            log.info("Starting Elasticsearch from {} on {}", distribution, url);
            process = builder.start();
            awaitHealthy();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Elasticsearch", e);
        }
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public void close() throws IOException {
        // the launcher process starts the server JVM as its child: stop the whole tree
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTree(workDir);
    }

    @Override
    public String toString() {
        return "Elasticsearch at " + url;
    }

    /**
     * Freezes the node (SIGSTOP to its server JVM): it keeps its sockets open and answers
     * nothing, as a node in a long GC pause or on a stalled disk does.
     */
    public void freeze() throws IOException {
        signal("-STOP");
    }

    /** Lets a frozen node go on (SIGCONT). */
    public void thaw() throws IOException {
        signal("-CONT");
    }

    private void signal(String signal) throws IOException {
        List<ProcessHandle> jvms = process.descendants().toList();
        if (jvms.isEmpty()) {
            throw new IOException("Elasticsearch's server JVM is not running");
        }
        for (ProcessHandle jvm : jvms) {
            run("kill", signal, String.valueOf(jvm.pid()));
        }
    }

    private static Path distribution() {
        String home = System.getProperty("newsflow.test.elasticsearch.home");
        if (home == null || !Files.isExecutable(Path.of(home, "bin", "elasticsearch"))) {
            throw new IllegalStateException("No Elasticsearch distribution at newsflow.test.elasticsearch.home="
                    + home + "; run the tests through Maven (./mvnw verify), which unpacks it");
        }
        return Path.of(home);
    }

    private void awaitHealthy() throws IOException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest health = HttpRequest.newBuilder(
                        URI.create(url + "/_cluster/health?wait_for_status=yellow&timeout=2s"))
                .timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(STARTUP_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited with " + process.exitValue()
                        + ":\n" + consoleTail());
            }
            try {
                if (client.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    log.info("Elasticsearch is up at {}", url);
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for Elasticsearch", e);
            }
            sleep(Duration.ofMillis(500));
        }
        close();
        throw new IllegalStateException("Elasticsearch not healthy within " + STARTUP_TIMEOUT + ":\n"
                + consoleTail());
    }

    private String consoleTail() {
        try {
            List<String> lines = Files.readAllLines(workDir.resolve("console.log"));
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no console output: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void run(String... command) throws IOException {
        try {
            int exit = new ProcessBuilder(command).inheritIO().start().waitFor();
            if (exit != 0) {
                throw new IOException(String.join(" ", command) + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted: " + String.join(" ", command), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
