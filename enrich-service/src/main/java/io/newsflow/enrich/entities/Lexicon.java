package io.newsflow.enrich.entities;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Word lists derived from registry packages (see {@code enrich-service/data/entities/README.md}):
 * given names tell a person's name from other capitalised runs; common English words (SCOWL,
 * lower-case only, so proper nouns are absent) and the function words of the text's language
 * tell a capitalised sentence start or headline word from a name.
 *
 * <p>Function words are kept per language: merged, the lists of 28 languages hold "wong", "kim"
 * and "china", and a Hong Kong story in English lost its people.
 */
final class Lexicon {

    private final Set<String> firstNames;
    private final Set<String> common;
    private final Map<String, Set<String>> functionWords;

    private Lexicon(Set<String> firstNames, Set<String> common, Map<String, Set<String>> functionWords) {
        this.firstNames = firstNames;
        this.common = common;
        this.functionWords = functionWords;
    }

    static Lexicon load() {
        Map<String, Set<String>> byLanguage = new HashMap<>();
        for (String line : Resources.lines("function-words.txt")) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IllegalStateException("function-words.txt: bad line " + line);
            }
            byLanguage.computeIfAbsent(line.substring(0, tab), k -> new HashSet<>()).add(line.substring(tab + 1));
        }
        Map<String, Set<String>> frozen = new HashMap<>();
        byLanguage.forEach((k, v) -> frozen.put(k, Set.copyOf(v)));
        return new Lexicon(Resources.wordSet("first-names.txt"), Resources.wordSet("common-words.txt"),
                Map.copyOf(frozen));
    }

    /** The lists as they apply to a text in the given language (English function words if unknown). */
    Language language(String code) {
        Set<String> own = functionWords.get(code);
        return new Language(own != null ? own : functionWords.getOrDefault("en", Set.of()));
    }

    /** The lexicon seen from one language. */
    final class Language {

        private final Set<String> function;

        private Language(Set<String> function) {
            this.function = function;
        }

        boolean firstName(String lower) {
            return firstNames.contains(lower);
        }

        /** A given name that is not also an everyday word ("Hamdullah", not "Will"). */
        boolean strongFirstName(String lower) {
            return firstNames.contains(lower) && !common.contains(lower) && !function.contains(lower);
        }

        /** An everyday English word or a function word of the text's language. */
        boolean common(String lower) {
            return common.contains(lower) || function.contains(lower);
        }

        boolean functionWord(String lower) {
            return function.contains(lower);
        }
    }
}
