package io.newsflow.testinfra;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The line format the hostile-input corpora of the ingest API and the newsroom share: {@code ## }
 * starts a section, blank lines and {@code #} comments are skipped, every other line is a case
 * whose columns each corpus reads its own way; an options column is {@code -} or
 * {@code name=value,flag,...}. Here so that both read sections, line numbers and options alike.
 */
public final class CorpusLines {

    private CorpusLines() {
    }

    /** A case line: its number in the file (from 1), the section it is in, its text. */
    public record Line(int number, String section, String text) {
    }

    /** The case lines of a corpus, in order. */
    public static List<Line> read(InputStream corpus) {
        String text;
        try {
            text = new String(corpus.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Line> lines = new ArrayList<>();
        String section = "";
        String[] all = text.split("\n", -1);
        for (int i = 0; i < all.length; i++) {
            String line = all[i];
            if (line.startsWith("## ")) {
                section = line.substring(3).strip();
            } else if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(new Line(i + 1, section, line));
            }
        }
        return lines;
    }

    /** An options column: {@code -} for none, else {@code name=value} or a bare flag (value ""), comma-separated. */
    public static Map<String, String> options(String column, UnaryOperator<String> value) {
        Map<String, String> options = new LinkedHashMap<>();
        if (!column.equals("-")) {
            for (String option : column.split(",")) {
                int equals = option.indexOf('=');
                options.put(equals < 0 ? option : option.substring(0, equals),
                        equals < 0 ? "" : value.apply(option.substring(equals + 1)));
            }
        }
        return options;
    }
}
