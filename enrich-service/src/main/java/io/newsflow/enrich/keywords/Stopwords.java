package io.newsflow.enrich.keywords;

import io.newsflow.enrich.data.LoadedOnce;
import io.newsflow.enrich.data.DataFiles;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Stopword lists for 58 languages from {@code stopwords-iso} 1.1.0 (MIT, npm), single words in
 * lower case. The English list is the largest and most aggressive; it was pruned of content words
 * that news keyphrases need ("interest", "world", "state") and given reporting verbs and weekdays
 * (see {@code enrich-service/data/keywords}). Shared by the keyword extractor and the summarizer.
 */
public final class Stopwords {

    private static final String RESOURCE = "/enrich/keywords/stopwords.tsv";

    private static final LoadedOnce<Stopwords> STANDARD = LoadedOnce.of(() -> new Stopwords(load()));

    private final Map<String, Set<String>> byLanguage;

    private Stopwords(Map<String, Set<String>> byLanguage) {
        this.byLanguage = byLanguage;
    }

    /** The shared instance (loaded once, ~21,000 words). */
    public static Stopwords standard() {
        return STANDARD.get();
    }

    /**
     * The stopwords of a language, compared in lower case (root locale); empty for a language
     * without a list. Norwegian Bokmål and Nynorsk share the list of {@code no}.
     */
    public Set<String> of(String languageCode) {
        if (languageCode == null) {
            return Set.of();
        }
        String code = languageCode.equals("nb") || languageCode.equals("nn") ? "no" : languageCode;
        return byLanguage.getOrDefault(code, Set.of());
    }

    /** True if there is a list for the language. */
    public boolean supports(String languageCode) {
        return !of(languageCode).isEmpty();
    }

    private static Map<String, Set<String>> load() {
        Map<String, Set<String>> lists = new HashMap<>();
        try {
            for (String line : DataFiles.lines(RESOURCE)) {
                int tab = line.indexOf('\t');
                lists.computeIfAbsent(line.substring(0, tab), k -> new HashSet<>()).add(line.substring(tab + 1));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read stopword lists " + RESOURCE, e);
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        lists.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return Map.copyOf(frozen);
    }
}
