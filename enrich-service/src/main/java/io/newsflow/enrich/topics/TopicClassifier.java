package io.newsflow.enrich.topics;

import io.newsflow.enrich.data.DataFiles;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Assigns the IPTC Media Topics top-level categories (politics, sport, conflict, ...) to an
 * article, with a score per topic.
 *
 * <p>A hand-curated cue lexicon ({@code enrich/topics/cues.txt}) rather than a trained model:
 * the 17 top-level topics are broad enough that a few hundred weighted words and phrases per
 * topic separate them well in news, the lexicon is readable and fixable by anyone, it costs a
 * fraction of a millisecond, and no permissively licensed news corpus labelled with Media
 * Topics is available to train on. English is covered in depth; German, French, Spanish,
 * Portuguese and Italian have a smaller set of strong cues. Other languages, and articles whose
 * language is unknown, are scored with all lexicons together, which catches shared words
 * ("covid", "nato", "fifa") and little else.
 *
 * <p>Scoring: every cue occurrence adds its weight to its topics, title words three times as
 * much, and repeats of one cue add less each time (1, 1/&radic;2, 1/&radic;3, ...) so that an article
 * saying "court" twenty times is not thereby about law, while a book review that says "novel"
 * fourteen times still counts it. Phrases add to (or, with a negative weight,
 * take back from) what their words give: "air strike" is conflict, not labour. The sum is divided
 * by a length factor (square root of the word count) and mapped onto [0, 1) with
 * {@code 1 - exp(-x)}, so scores are comparable across short and long articles. Up to three
 * topics are returned: those scoring at least {@value #MIN_SCORE} and at least
 * {@value #RELATIVE_TO_BEST} of the best; when none qualifies, the best topic alone, so any
 * article with some evidence gets one.
 *
 * <p>Immutable and thread-safe after construction.
 */
public final class TopicClassifier {

    static final String TOPICS_RESOURCE = "/enrich/topics/media-topics.tsv";
    static final String CUES_RESOURCE = "/enrich/topics/cues.txt";

    static final double MIN_SCORE = 0.3;
    static final double RELATIVE_TO_BEST = 0.5;
    static final int MAX_TOPICS = 3;
    private static final double TITLE_WEIGHT = 3;
    /** Raw evidence per unit of length factor that maps to a score of 1 - 1/e (about 0.63). */
    private static final double SCALE = 10;
    /** Word count at which the length factor is 1. */
    private static final double REFERENCE_WORDS = 80;

    private final String[] codes;
    private final String[] labels;
    private final Map<String, TopicLexicon> lexicons;

    private TopicClassifier(String[] codes, String[] labels, Map<String, TopicLexicon> lexicons) {
        this.codes = codes;
        this.labels = labels;
        this.lexicons = lexicons;
    }

    /** The classifier with the bundled IPTC labels and cue lexicon, loaded once per JVM. */
    public static TopicClassifier standard() {
        return Holder.STANDARD;
    }

    private static final class Holder {
        static final TopicClassifier STANDARD = load();
    }

    static TopicClassifier load() {
        Map<String, String> topics = readTopics();
        Map<String, Integer> index = new LinkedHashMap<>();
        for (String code : topics.keySet()) {
            index.put(code, index.size());
        }
        return new TopicClassifier(topics.keySet().toArray(new String[0]), topics.values().toArray(new String[0]),
                TopicLexicon.load(CUES_RESOURCE, index));
    }

    private static Map<String, String> readTopics() {
        Map<String, String> topics = new LinkedHashMap<>();
        for (String line : DataFiles.lines(TOPICS_RESOURCE)) {
            String[] parts = line.split("\t");
            if (parts.length != 2) {
                throw new IllegalStateException(TOPICS_RESOURCE + ": expected '<qcode>\\t<label>': " + line);
            }
            topics.put(parts[0].strip(), parts[1].strip());
        }
        return topics;
    }

    /**
     * The article's topics, best first: at most three, at least one whenever a cue of any topic
     * occurs; empty for an empty text or one with no cue at all.
     *
     * @param body         the segmented body
     * @param title        the headline, or null
     * @param languageCode ISO 639-1 code of the body ("en", "de-AT" is read as "de"); null or a
     *                     language without a lexicon uses all lexicons, and so does an article in
     *                     which its own language's lexicon finds nothing
     */
    public List<Topic> classify(TextAnalysis body, String title, String languageCode) {
        List<String> titleWords = title == null || title.isBlank() ? List.of() : words(TextAnalysis.of(title));
        List<String> bodyWords = words(body);
        double[] own = evidence(lexiconsFor(languageCode), titleWords, bodyWords);
        // nothing in the article's own language: news borrows words (NASCAR, Kindle, COVID)
        double[] raw = Arrays.stream(own).allMatch(value -> value == 0)
                ? evidence(lexicons.values(), titleWords, bodyWords) : own;
        double words = bodyWords.size() + TITLE_WEIGHT * titleWords.size();
        double lengthFactor = Math.sqrt(Math.max(words, REFERENCE_WORDS) / REFERENCE_WORDS);
        int best = -1;
        for (int t = 0; t < raw.length; t++) {
            if (raw[t] > 0 && (best < 0 || raw[t] > raw[best])) {
                best = t;
            }
        }
        if (best < 0) {
            return List.of();
        }
        List<Topic> out = new ArrayList<>();
        Integer[] order = new Integer[raw.length];
        for (int t = 0; t < order.length; t++) {
            order[t] = t;
        }
        Arrays.sort(order, (a, b) -> Double.compare(raw[b], raw[a]));
        for (int t : order) {
            double score = score(raw[t], lengthFactor);
            if (out.size() < MAX_TOPICS && raw[t] > 0 && score >= MIN_SCORE && raw[t] >= RELATIVE_TO_BEST * raw[best]) {
                out.add(new Topic(codes[t], labels[t], score));
            }
        }
        if (out.isEmpty()) {
            out.add(new Topic(codes[best], labels[best], score(raw[best], lengthFactor)));
        }
        return List.copyOf(out);
    }

    private double[] evidence(Collection<TopicLexicon> use, List<String> titleWords, List<String> bodyWords) {
        double[] raw = new double[codes.length];
        for (TopicLexicon lexicon : use) {
            Evidence evidence = new Evidence(raw);
            evidence.add(lexicon, keys(titleWords, lexicon), TITLE_WEIGHT);
            evidence.add(lexicon, keys(bodyWords, lexicon), 1);
        }
        return raw;
    }

    private static double score(double raw, double lengthFactor) {
        double s = 1 - Math.exp(-raw / (SCALE * lengthFactor));
        return Math.round(s * 1000) / 1000.0;
    }

    private Collection<TopicLexicon> lexiconsFor(String languageCode) {
        if (languageCode != null) {
            String lang = languageCode.toLowerCase(Locale.ROOT);
            int dash = lang.indexOf('-');
            TopicLexicon lexicon = lexicons.get(dash > 0 ? lang.substring(0, dash) : lang);
            if (lexicon != null) {
                return List.of(lexicon);
            }
        }
        return lexicons.values();
    }

    private static List<String> words(TextAnalysis analysis) {
        List<Token> tokens = analysis.tokens();
        List<String> out = new ArrayList<>(tokens.size());
        for (Token token : tokens) {
            if (token.word()) {
                out.add(token.text());
            }
        }
        return out;
    }

    private static String[] keys(List<String> words, TopicLexicon lexicon) {
        String[] keys = new String[words.size()];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = TopicLexicon.key(words.get(i), lexicon.language());
        }
        return keys;
    }

    /** Sums cue weights into the raw topic scores, with diminishing returns for repeated cues. */
    private static final class Evidence {

        private final double[] raw;
        private final Map<float[], Integer> seen = new IdentityHashMap<>();

        Evidence(double[] raw) {
            this.raw = raw;
        }

        void add(TopicLexicon lexicon, String[] keys, double factor) {
            for (int i = 0; i < keys.length; i++) {
                TopicLexicon.Entry entry = lexicon.word(keys[i]);
                if (entry != null) {
                    if (entry.weights() != null) {
                        count(entry.weights(), factor);
                    }
                    for (TopicLexicon.Phrase phrase : entry.phrases()) {
                        if (matches(keys, i + 1, phrase.rest())) {
                            count(phrase.weights(), factor);
                        }
                    }
                }
                if (lexicon.hasPrefixes()) {
                    lexicon.prefixesOf(keys[i], w -> count(w, factor));
                }
            }
        }

        private static boolean matches(String[] keys, int from, String[] rest) {
            if (from + rest.length > keys.length) {
                return false;
            }
            for (int k = 0; k < rest.length; k++) {
                if (!keys[from + k].equals(rest[k])) {
                    return false;
                }
            }
            return true;
        }

        private void count(float[] weights, double factor) {
            int n = seen.merge(weights, 1, Integer::sum);
            double f = n == 1 ? factor : factor / Math.sqrt(n);
            for (int t = 0; t < weights.length; t++) {
                raw[t] += weights[t] * f;
            }
        }
    }
}
