package io.newsflow.e2e;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service started from its packaged executable jar, as a separate JVM, the way
 * {@code ./newsflow up} and production start it. Bound to a free port on 127.0.0.1.
 */
final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final String logName;
    private final Map<String, String> environment;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceProcess(String name, String logName, Map<String, String> environment, Process process, Path log,
            int port) {
        this.name = name;
        this.logName = logName;
        this.environment = environment;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code <services.dir>/<name>/target/<name>-exec.jar} with the local profile. */
    static ServiceProcess start(String name, Map<String, String> environment) throws IOException {
        return start(name, name, environment, freePort());
    }

    /** The same, logging to {@code target/e2e-logs/<logName>.log} (appended to across restarts). */
    static ServiceProcess start(String name, String logName, Map<String, String> environment) throws IOException {
        return start(name, logName, environment, freePort());
    }

    /** The same, with the production configuration (no profile): as deployed, not as on a laptop. */
    static ServiceProcess startInProduction(String name, String logName, Map<String, String> environment)
            throws IOException {
        return start(name, logName, environment, freePort(), "");
    }

    private static ServiceProcess start(String name, String logName, Map<String, String> environment, int port)
            throws IOException {
        return start(name, logName, environment, port, "local");
    }

    private static ServiceProcess start(String name, String logName, Map<String, String> environment, int port,
            String profile) throws IOException {
        Path servicesDir = Path.of(System.getProperty("newsflow.test.services.dir", ".."));
        Path jar = servicesDir.resolve(name).resolve("target").resolve(name + "-exec.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run through Maven (./mvnw verify), which packages it");
        }
        Path logDir = Files.createDirectories(Path.of("target", "e2e-logs"));
        Path log = logDir.resolve(logName + ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms64m", "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--spring.profiles.active=" + profile,
                "--server.address=127.0.0.1"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // a short start-up warm-up: exercised, without adding half a minute to every start here
        builder.environment().put("NEWSFLOW_ENRICH_WARMUP_ARTICLES", "50");
        builder.environment().put("NEWSFLOW_ENRICH_WARMUP_MAX_TIME", "2s");
        builder.environment().put("NEWSFLOW_ENRICH_WARMUP_LINKING_TIME", "200ms");
        builder.environment().putAll(environment);
        builder.environment().put("PORT", String.valueOf(port));
        return new ServiceProcess(name, logName, environment, builder.start(), log, port);
    }

    /** Kills the service at once (SIGKILL): no shutdown hooks, no last commit, as in a crash. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** Starts the same service again, on the same port, with the same environment. */
    ServiceProcess restart() throws IOException {
        return start(name, logName, environment, port);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** Waits until the service reports itself ready, or fails with the end of its log. */
    void awaitReady(Duration timeout) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ":\n" + logTail());
            }
            try {
                if (client.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within " + timeout + ":\n" + logTail());
    }

    String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
