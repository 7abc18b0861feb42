package io.newsflow.enrich.entities;

import java.util.Set;

/**
 * Word lists derived from registry packages (see {@code enrich-service/data/entities/README.md}):
 * given names tell a person's name from other capitalised runs; common English words (SCOWL,
 * lower-case only, so proper nouns are absent) and the function words of Latin-script languages
 * tell a capitalised sentence start or title word from a name.
 */
final class Lexicon {

    private final Set<String> firstNames;
    private final Set<String> common;
    private final Set<String> function;

    private Lexicon(Set<String> firstNames, Set<String> common, Set<String> function) {
        this.firstNames = firstNames;
        this.common = common;
        this.function = function;
    }

    static Lexicon load() {
        return new Lexicon(Resources.wordSet("first-names.txt"), Resources.wordSet("common-words.txt"),
                Resources.wordSet("function-words.txt"));
    }

    boolean firstName(String lower) {
        return firstNames.contains(lower);
    }

    /** A given name that is not also an everyday word ("Hamdullah", not "Will"). */
    boolean strongFirstName(String lower) {
        return firstNames.contains(lower) && !common.contains(lower) && !function.contains(lower);
    }

    /** An everyday English word or a function word of any supported language. */
    boolean common(String lower) {
        return common.contains(lower) || function.contains(lower);
    }

    boolean functionWord(String lower) {
        return function.contains(lower);
    }
}
