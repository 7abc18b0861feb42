package io.newsflow.tools.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JFR recording of the ingest service during a measured window ({@code jcmd PID JFR.start /
 * JFR.stop}, the JDK's own profiler, "default" settings: a Java sample every 20 ms), summarized:
 * where its threads spend their samples. JFR costs this allocation-heavy service 20-30% of its
 * throughput, so a --jfr run tells where the time goes, not how fast the service is.
 */
final class Profile {

    private static final String NAME = "newsflow-bench";
    /**
     * What a sample is spent on: the first frame, from the leaf up, that matches one of these
     * prefixes names it (so a JDK string copy called by Jackson counts as JSON work). Order
     * matters: specific before generic.
     */
    private static final List<Map.Entry<String, List<String>>> CATEGORIES = List.of(
            Map.entry("lz4 compression (producer)", List.of("net.jpountz.", "at.yawk.",
                    "org.apache.kafka.common.compress.")),
            Map.entry("JSON writing (news.raw record, response)", List.of("tools.jackson.core.json.UTF8JsonGenerator",
                    "tools.jackson.core.json.WriterBasedJsonGenerator", "tools.jackson.core.base.GeneratorBase",
                    "tools.jackson.databind.ser.", "com.fasterxml.jackson.core.json.UTF8JsonGenerator",
                    "com.fasterxml.jackson.databind.ser.")),
            Map.entry("JSON reading (request body)", List.of("tools.jackson.", "com.fasterxml.jackson.")),
            Map.entry("Kafka producer (other)", List.of("org.apache.kafka.", "org.springframework.kafka.")),
            Map.entry("metrics, tracing, logging", List.of("io.micrometer.", "ch.qos.logback.", "co.elastic.logging.",
                    "org.slf4j.", "org.springframework.boot.logging.")),
            Map.entry("ingest code (validation, ids, body reading)", List.of("io.newsflow.")),
            Map.entry("HTTP I/O (Tomcat connector)", List.of("org.apache.coyote.", "org.apache.tomcat.")),
            Map.entry("Spring MVC, servlet filters", List.of("org.springframework.", "org.apache.catalina.",
                    "jakarta.servlet.")));

    private final long pid;
    private final Path file;

    private Profile(long pid, Path file) {
        this.pid = pid;
        this.file = file;
    }

    static Profile start(long pid, Path file) throws IOException, InterruptedException {
        jcmd(pid, "JFR.start", "name=" + NAME, "settings=default", "filename=" + file.toAbsolutePath());
        return new Profile(pid, file);
    }

    Path stop() throws IOException, InterruptedException {
        jcmd(pid, "JFR.stop", "name=" + NAME, "filename=" + file.toAbsolutePath());
        return file;
    }

    /**
     * The summary as ordered maps of sample counts: by thread, by category (see CATEGORIES), by
     * leaf method, and the ingest service's own methods counted whenever they are on the stack.
     */
    static Map<String, Map<String, Long>> summarize(Path file, int top) throws IOException {
        Map<String, Long> threads = new HashMap<>();
        Map<String, Long> categories = new HashMap<>();
        Map<String, Long> leaves = new HashMap<>();
        Map<String, Long> own = new HashMap<>();
        long samples = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            samples++;
            String thread = event.getThread("sampledThread") == null ? null
                    : event.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("\\d+", "N"), 1L, Long::sum);
            RecordedStackTrace stack = event.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            leaves.merge(method(stack.getFrames().get(0)), 1L, Long::sum);
            categories.merge(category(stack.getFrames()), 1L, Long::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame frame : stack.getFrames()) {
                String method = method(frame);
                if (method.startsWith("io.newsflow.") && seen.add(method)) {
                    own.merge(method, 1L, Long::sum);
                }
            }
        }
        Map<String, Map<String, Long>> summary = new LinkedHashMap<>();
        summary.put("samples", Map.of("total", samples));
        summary.put("threads", top(threads, top));
        summary.put("categories", top(categories, top));
        summary.put("leaf methods", top(leaves, top));
        summary.put("ingest methods on the stack", top(own, top));
        return summary;
    }

    private static String category(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String method = method(frame);
            for (Map.Entry<String, List<String>> category : CATEGORIES) {
                if (category.getValue().stream().anyMatch(method::startsWith)) {
                    return category.getKey();
                }
            }
        }
        return "JDK, other";
    }

    private static String method(RecordedFrame frame) {
        return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
    }

    private static Map<String, Long> top(Map<String, Long> counts, int n) {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .forEach(e -> result.put(e.getKey(), e.getValue()));
        return result;
    }

    private static void jcmd(long pid, String... args) throws IOException, InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        List<String> command = new java.util.ArrayList<>(List.of(jcmd.toString(), Long.toString(pid)));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || output.contains("Could not")) {
            throw new IOException("jcmd " + String.join(" ", args) + " failed: " + output.strip());
        }
    }
}
