package io.newsflow.enrich.entities;

import io.newsflow.enrich.data.DataFiles;
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
        return DataFiles.lines(DIR + file);
    }

    static Set<String> wordSet(String file) {
        List<String> lines = lines(file);
        Set<String> out = new HashSet<>(lines.size() * 2);
        out.addAll(lines);
        return Set.copyOf(out);
    }
}
