package io.newsflow.enrich.entities;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Reads the recognizer's data files from the classpath; a missing file stops start-up. */
final class Resources {

    static final String DIR = "/enrich/entities/";

    private Resources() {
    }

    /** Non-empty lines that are not {@code #} comments, in file order. */
    static List<String> lines(String file) {
        String path = DIR + file;
        InputStream in = Resources.class.getResourceAsStream(path);
        if (in == null) {
            throw new IllegalStateException("entity data missing from the classpath: " + path);
        }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16)) {
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && line.charAt(0) != '#') {
                    out.add(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
        return out;
    }

    static Set<String> wordSet(String file) {
        List<String> lines = lines(file);
        Set<String> out = new HashSet<>(lines.size() * 2);
        out.addAll(lines);
        return Set.copyOf(out);
    }
}
