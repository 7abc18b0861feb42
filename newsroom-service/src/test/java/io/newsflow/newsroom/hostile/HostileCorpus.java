package io.newsflow.newsroom.hostile;

import io.newsflow.testinfra.CorpusLines;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the newsroom's hostile-input corpus ({@code src/test/resources/hostile/newsroom-corpus.txt};
 * its format is in its header): one request per line, with the answer it must get.
 */
public final class HostileCorpus {

    private static final Pattern MACRO = Pattern.compile("\\{\\{(?:(\\d+)\\*(.*?)|([a-z]+))}}");
    private static final Pattern RAW_BYTE = Pattern.compile("\\\\x([0-9A-Fa-f]{2})");

    private HostileCorpus() {
    }

    /**
     * One request and the answer it must get.
     *
     * @param line     its line in the corpus
     * @param section  the heading it is under (a row of the outcome table)
     * @param expected the status
     * @param fields   the parameters the problem must name (exactly), or empty
     * @param method   the HTTP method
     * @param target   the request target, filled in, one char per byte
     * @param options  the line's options with their values (filled in too)
     */
    public record Case(int line, String section, int expected, Set<String> fields, String method, String target,
            Map<String, String> options) {

        @Override
        public String toString() {
            String shown = target.length() > 80 ? target.substring(0, 80) + "..." : target;
            return "line " + line + ": " + method + " " + printable(shown) + (options.isEmpty() ? "" : " " + options.keySet())
                    + " -> " + expected + (fields.isEmpty() ? "" : " naming " + fields);
        }
    }

    /** Every case of the corpus, in order, variables filled in. */
    public static List<Case> read(InputStream corpus, Map<String, String> variables) {
        List<Case> cases = new ArrayList<>();
        for (CorpusLines.Line corpusLine : CorpusLines.read(corpus)) {
            String line = corpusLine.text();
            String[] columns = line.strip().split(" +");
            if (columns.length != 4) {
                throw new IllegalArgumentException("line " + corpusLine.number() + ": expected 4 columns: " + line);
            }
            String expect = columns[0];
            Set<String> fields = Set.of();
            if (expect.contains("@")) {
                fields = Set.of(expect.substring(expect.indexOf('@') + 1).split(","));
                expect = expect.substring(0, expect.indexOf('@'));
            }
            Map<String, String> options = CorpusLines.options(columns[3], value -> fill(value, variables));
            cases.add(new Case(corpusLine.number(), corpusLine.section(), Integer.parseInt(expect), fields, columns[1],
                    fill(columns[2], variables), options));
        }
        return cases;
    }

    /** The text with macros expanded and raw bytes ({@code \xHH}) as the char of that byte. */
    static String fill(String text, Map<String, String> variables) {
        StringBuilder out = new StringBuilder();
        Matcher macro = MACRO.matcher(text);
        int at = 0;
        while (macro.find()) {
            out.append(text, at, macro.start());
            if (macro.group(3) != null) {
                String value = variables.get(macro.group(3));
                if (value == null) {
                    throw new IllegalArgumentException("no variable " + macro.group(3));
                }
                out.append(value);
            } else {
                out.append(macro.group(2).repeat(Integer.parseInt(macro.group(1))));
            }
            at = macro.end();
        }
        out.append(text.substring(at));
        return RAW_BYTE.matcher(out).replaceAll(m -> Matcher.quoteReplacement(
                String.valueOf((char) Integer.parseInt(m.group(1), 16))));
    }

    /** The outcome table: for each endpoint, its cases and how many got each status. */
    public static String table(Map<String, Map<Integer, Integer>> outcomes) {
        StringBuilder table = new StringBuilder("| endpoint | cases | outcomes |\n|---|---:|---|\n");
        int total = 0;
        Map<Integer, Integer> all = new TreeMap<>();
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
                .map(status -> status.getKey() + " \u00d7" + status.getValue()).toList());
    }

    /** The text with control and non-ASCII chars shown as \xHH, for messages. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(c < 0x20 || c >= 0x7f ? String.format("\\x%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
