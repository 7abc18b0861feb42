package io.newsflow.enrich.entities;

import io.newsflow.enrich.text.TextAnalysis;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Finds the people, organisations, places and other names (CoNLL classes) of an article, merges
 * the mentions of each within the article, and gives well-known ones a canonical name and a
 * stable id.
 *
 * <p>Rules, lexicons and a curated knowledge file rather than a trained model: no NER model or
 * training data with a licence we can ship is published on Maven Central or npm, and rules keep
 * the cost near 1 ms per article. Names are found from capitalisation runs, then classed by
 * the knowledge file, head words ("Ministry", "Inc", "River"), titles ("President"), given-name
 * lists and the words around them ("said", "in"); article-level passes then join surnames to full
 * names, acronyms to what they abbreviate and give each name one class by its strongest evidence.
 *
 * <p>English is the target. Other languages written with Latin letters get the same rules with
 * their own function words for sentence starts; German (every noun capitalised) and languages
 * without letter case only get what needs no capitalisation guesswork: the knowledge file, given
 * names, titles, organisation suffixes and acronyms. That yields fewer names, not wrong ones.
 *
 * <p>Immutable and thread-safe; the data (about 15 MB of heap) is loaded once per JVM by
 * {@link #standard()}.
 */
public final class EntityRecognizer {

    /** Languages whose capitalisation marks proper names, so the capitalisation rules apply. */
    private static final Set<String> CASED_NAME_LANGUAGES = Set.of(
            "en", "fr", "es", "it", "pt", "nl", "sv", "da", "no", "nb", "nn", "fi", "pl", "cs", "sk", "sl", "hr",
            "bs", "sr", "ro", "hu", "tr", "id", "ms", "ca", "gl", "eu", "et", "lv", "lt", "sq", "is", "ga", "cy",
            "af", "sw", "tl", "vi", "mt", "az", "uz");

    private static final class Holder {
        static final EntityRecognizer STANDARD = new EntityRecognizer(Knowledge.load(), Lexicon.load(), name -> false);
    }

    private final Knowledge knowledge;
    private final Lexicon lexicon;
    private final Predicate<String> knownPlaces;

    private EntityRecognizer(Knowledge knowledge, Lexicon lexicon, Predicate<String> knownPlaces) {
        this.knowledge = knowledge;
        this.lexicon = lexicon;
        this.knownPlaces = knownPlaces;
    }

    /** The shared recognizer; loads the data on first use. */
    public static EntityRecognizer standard() {
        return Holder.STANDARD;
    }

    /**
     * A recognizer sharing the standard data that also treats names the predicate accepts as
     * places (for a gazetteer; it is asked about unknown capitalised names only, as written).
     */
    public static EntityRecognizer standard(Predicate<String> knownPlaces) {
        EntityRecognizer s = standard();
        return new EntityRecognizer(s.knowledge, s.lexicon, Objects.requireNonNull(knownPlaces));
    }

    /**
     * The entities of a text, by mentions (descending) then first offset.
     *
     * @param languageCode ISO 639-1 code of the text, or null if unknown (treated as English)
     */
    public List<Entity> recognize(TextAnalysis text, String languageCode) {
        Objects.requireNonNull(text, "text");
        String lang = languageCode == null || languageCode.isBlank() ? "en" : languageCode.toLowerCase(Locale.ROOT);
        int region = lang.indexOf('-') > 0 ? lang.indexOf('-') : lang.indexOf('_');
        if (region > 0) {
            lang = lang.substring(0, region); // "en-GB"
        }
        boolean cased = CASED_NAME_LANGUAGES.contains(lang);
        return new Recognition(knowledge, lexicon.language(lang), knownPlaces, text, cased, lang.equals("en")).run();
    }

    Knowledge knowledge() {
        return knowledge;
    }
}
