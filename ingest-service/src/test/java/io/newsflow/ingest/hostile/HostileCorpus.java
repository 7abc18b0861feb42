package io.newsflow.ingest.hostile;

import io.newsflow.testinfra.CorpusLines;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * Reads the hostile-input corpus ({@code src/test/resources/hostile/corpus.txt}; its format is in
 * the README next to it): one request per line, with the answer it must get.
 */
public final class HostileCorpus {

    private static final Pattern MACRO = Pattern.compile("\\{\\{(?:(\\d+)\\*(.*?)|([a-z0-9-]+))}}");
    private static final Pattern RAW_BYTE = Pattern.compile("\\\\x([0-9A-Fa-f]{2})");

    private HostileCorpus() {
    }

    /**
     * One request and what it must be answered.
     *
     * @param line     its line in the corpus
     * @param section  the heading it is under
     * @param expected the statuses it may get (one, nearly always)
     * @param field    the field the problem must name, or null
     * @param method   the HTTP method
     * @param target   the request target: path and query, variables filled in, sent as is
     * @param type     the Content-Type, or null for none
     * @param options  the line's options (gzip, nokey, server, ...), with their values
     * @param body     the body, as written (macros not yet expanded)
     */
    public record Case(int line, String section, Set<Integer> expected, String field, String method, String target,
            String type, Map<String, String> options, String body) {

        @Override
        public String toString() {
            String shown = body.length() > 60 ? body.substring(0, 60) + "..." : body;
            return "line " + line + ": " + method + " " + (target.length() > 70 ? target.substring(0, 70) + "..." : target)
                    + (shown.isEmpty() ? "" : " " + shown) + " -> " + expected + (field == null ? "" : " naming " + field);
        }

        /** The endpoint for the report: method and path, ids and queries replaced. */
        public String endpoint() {
            String path = target.contains("?") ? target.substring(0, target.indexOf('?')) : target;
            if (path.matches("/api/v1/articles/[^/]*/status.*")) {
                path = "/api/v1/articles/{id}/status";
            } else if (path.matches("/api/v1/(feeds|subscriptions)/.+")) {
                path = path.replaceFirst("^(/api/v1/(feeds|subscriptions))/.+", "$1/{id}");
            } else if (path.startsWith("/api/v1/articles") && !path.equals("/api/v1/articles")
                    && !path.equals("/api/v1/articles:batch") && !path.equals("/api/v1/articles:fetch")) {
                path = "/api/v1/articles/*";
            }
            String kind = "";
            if (path.equals("/api/v1/articles") && "POST".equals(method)) {
                kind = type != null && (type.startsWith("text/html") || type.startsWith("text/plain")) ? " (page/text)"
                        : " (JSON)";
            }
            return method + " " + path + kind;
        }

        /** The body's bytes, macros expanded and variables filled in, gzip-compressed if asked. */
        public byte[] bytes(Map<String, String> variables, Class<?> resources) {
            try {
                if (options.containsKey("file")) {
                    try (InputStream in = resources.getResourceAsStream("/hostile/" + options.get("file"))) {
                        if (in == null) {
                            throw new IllegalArgumentException("line " + line + ": no file " + options.get("file"));
                        }
                        return compressIfAsked(in.readAllBytes());
                    }
                }
                if (options.containsKey("gzip")) {
                    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
                    try (GZIPOutputStream gzip = new GZIPOutputStream(compressed, 64 * 1024)) {
                        write(body, variables, gzip);
                    }
                    return compressed.toByteArray();
                }
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                write(body, variables, out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private byte[] compressIfAsked(byte[] bytes) throws IOException {
            if (!options.containsKey("gzip")) {
                return bytes;
            }
            ByteArrayOutputStream compressed = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
                gzip.write(bytes);
            }
            return compressed.toByteArray();
        }
    }

    /** Every case of the corpus, in order. */
    public static List<Case> read(InputStream corpus, Map<String, String> variables) {
        List<Case> cases = new ArrayList<>();
        for (CorpusLines.Line corpusLine : CorpusLines.read(corpus)) {
            String line = corpusLine.text();
            String[] columns = line.split(" +", 6);
            if (columns.length < 5) {
                throw new IllegalArgumentException("line " + corpusLine.number() + ": expected at least 5 columns: " + line);
            }
            String expect = columns[0];
            String field = null;
            if (expect.contains("@")) {
                field = expect.substring(expect.indexOf('@') + 1);
                expect = expect.substring(0, expect.indexOf('@'));
            }
            Set<Integer> expected = new LinkedHashSet<>();
            for (String status : expect.split("\\|")) {
                expected.add(Integer.parseInt(status));
            }
            Map<String, String> options = CorpusLines.options(columns[4], UnaryOperator.identity());
            String type = switch (columns[3]) {
                case "json" -> "application/json";
                case "ndjson" -> "application/x-ndjson";
                case "html" -> "text/html";
                case "text" -> "text/plain";
                case "xml" -> "application/xml";
                case "none" -> null;
                default -> columns[3];
            };
            String body = columns.length > 5 ? columns[5] : "";
            cases.add(new Case(corpusLine.number(), corpusLine.section(), expected, field, columns[1], fill(columns[2], variables), type,
                    options, body));
        }
        return cases;
    }

    /** The target with its variables filled in; macros such as {@code {{3000*a}}} expanded. */
    private static String fill(String target, Map<String, String> variables) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(target, variables, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * Writes a body: text as UTF-8, {@code \xHH} as that byte, {@code {{N*text}}} as N copies of
     * text ({@code {i}} in it numbered 0..N-1) streamed rather than built, {@code {{name}}} as the
     * variable.
     */
    private static void write(String body, Map<String, String> variables, OutputStream out) throws IOException {
        Matcher macro = MACRO.matcher(body);
        int at = 0;
        while (macro.find()) {
            writeText(body.substring(at, macro.start()), out);
            if (macro.group(3) != null) {
                String value = variables.get(macro.group(3));
                if (value == null) {
                    throw new IllegalArgumentException("no variable " + macro.group(3));
                }
                writeText(value, out);
            } else {
                int count = Integer.parseInt(macro.group(1));
                String text = macro.group(2);
                if (text.contains("{i}")) {
                    for (int i = 0; i < count; i++) {
                        writeText(text.replace("{i}", Integer.toString(i)), out);
                    }
                } else {
                    ByteArrayOutputStream one = new ByteArrayOutputStream();
                    writeText(text, one);
                    byte[] unit = one.toByteArray();
                    byte[] block = repeat(unit, Math.max(1, Math.min(count, (64 * 1024) / Math.max(1, unit.length))));
                    int perBlock = block.length / Math.max(1, unit.length);
                    for (int written = 0; written < count; written += perBlock) {
                        int units = Math.min(perBlock, count - written);
                        out.write(block, 0, units * unit.length);
                    }
                }
            }
            at = macro.end();
        }
        writeText(body.substring(at), out);
    }

    private static void writeText(String text, OutputStream out) throws IOException {
        Matcher raw = RAW_BYTE.matcher(text);
        int at = 0;
        while (raw.find()) {
            out.write(text.substring(at, raw.start()).getBytes(StandardCharsets.UTF_8));
            out.write(Integer.parseInt(raw.group(1), 16));
            at = raw.end();
        }
        out.write(text.substring(at).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] repeat(byte[] unit, int times) {
        byte[] block = new byte[unit.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(unit, 0, block, i * unit.length, unit.length);
        }
        return block;
    }

    /** The outcome table: for each endpoint, its cases and how many got each status. */
    public static String table(Map<String, Map<Integer, Integer>> outcomes) {
        StringBuilder table = new StringBuilder("| endpoint | cases | outcomes |\n|---|---:|---|\n");
        int total = 0;
        Map<Integer, Integer> all = new java.util.TreeMap<>();
        for (var endpoint : outcomes.entrySet()) {
            int cases = endpoint.getValue().values().stream().mapToInt(Integer::intValue).sum();
            total += cases;
            endpoint.getValue().forEach((status, count) -> all.merge(status, count, Integer::sum));
            table.append("| ").append(endpoint.getKey()).append(" | ").append(cases).append(" | ")
                    .append(describe(endpoint.getValue())).append(" |\n");
        }
        table.append("| **all** | **").append(total).append("** | ").append(describe(all)).append(" |\n");
        return table.toString();
    }

    private static String describe(Map<Integer, Integer> statuses) {
        return String.join(", ", statuses.entrySet().stream()
                .map(status -> status.getKey() + " x" + status.getValue()).toList());
    }
}
