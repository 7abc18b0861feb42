package io.newsflow.enrich.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the enrichers' line-based data files (lexicons, gazetteer, stopwords) from the classpath,
 * the one way they are all written: UTF-8, one entry per line, {@code #} comments and blank lines
 * ignored. A missing file stops start-up with its path rather than leaving an enricher empty.
 */
public final class DataFiles {

    private DataFiles() {
    }

    /**
     * The file's entries in order: non-blank lines that do not start with {@code #}, without a
     * trailing carriage return.
     *
     * @param path absolute classpath path, e.g. {@code /enrich/places/cities.tsv}
     * @throws IllegalStateException if the file is not on the classpath
     */
    public static List<String> lines(String path) {
        InputStream in = DataFiles.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("Enrichment data missing from the classpath: " + path);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && line.charAt(0) != '#') {
                    out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
        return out;
    }
}
