package io.newsflow.enrich.sentiment;

import io.newsflow.enrich.data.LoadedOnce;
import io.newsflow.enrich.data.DataFiles;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The tone of an English article, VADER-style: a valence lexicon plus VADER's rules for negation
 * ("not good"), boosters and dampeners ("very", "slightly"), a contrastive "but" (the clause after
 * it counts more), words in capitals amid lower-case text, and "!" emphasis.
 *
 * <p>The lexicon is VADER's own (Hutto and Gilbert, 2014; MIT), as shipped in the npm package
 * {@code vader-sentiment} 1.1.3 (Apache-2.0), reduced to single words and adjusted for news (see
 * {@code enrich-service/data/sentiment}): VADER was built for social media, where "like",
 * "party", "interest" or "united" carry tone; in news they are "like", the Labour Party, interest
 * rates and the United Nations, so they are dropped, and plain disaster and war words that the
 * lexicon lacks ("earthquake", "airstrikes", "casualties") are added.
 *
 * <p>Document tone is the mean of the sentence compound scores, neutral sentences included: news
 * states facts, so most sentences score 0, and a few loaded words in a long neutral report should
 * not turn it negative. The thresholds ({@value #NEGATIVE_BELOW} and {@value #POSITIVE_ABOVE})
 * are asymmetric because news vocabulary leans negative: a routine report on a court case or a
 * budget already averages slightly below zero, while it takes a celebration, a rescue or a record
 * to average clearly above it. They were set on wire-style reports we wrote for the tests
 * (neutral, disaster, war, celebration) and checked on the real pages in the dev set.
 *
 * <p>English only: the lexicon and the rules are English. Other languages get no tone (null)
 * rather than a misleading zero.
 */
public final class SentimentAnalyzer {

    static final double NEGATIVE_BELOW = -0.12;
    static final double POSITIVE_ABOVE = 0.2;

    private static final String LEXICON = "/enrich/sentiment/lexicon.tsv";

    private static final double B_INCR = 0.293;
    private static final double B_DECR = -0.293;
    private static final double C_INCR = 0.733;
    private static final double N_SCALAR = -0.74;
    private static final double ALPHA = 15;

    private static final Map<String, Double> BOOSTERS = boosters();
    private static final Set<String> NEGATIONS = Set.of("aint", "arent", "cannot", "cant", "couldnt", "darent",
            "didnt", "doesnt", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt", "mustnt", "neither", "neednt",
            "never", "none", "nope", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt", "wasnt",
            "werent", "without", "wont", "wouldnt", "rarely", "seldom", "despite", "no");

    private static final LoadedOnce<SentimentAnalyzer> STANDARD = LoadedOnce.of(() -> new SentimentAnalyzer(load()));

    private final Map<String, Double> lexicon;

    SentimentAnalyzer(Map<String, Double> lexicon) {
        this.lexicon = Map.copyOf(lexicon);
    }

    /** The shared instance with the bundled lexicon (loaded once, ~7,000 words). */
    public static SentimentAnalyzer standard() {
        return STANDARD.get();
    }

    /**
     * The tone of a body.
     *
     * @param body         the segmented body
     * @param languageCode ISO 639-1 code of the body; only {@code en} is supported
     * @return null for other languages or a body without words
     */
    public Sentiment analyze(TextAnalysis body, String languageCode) {
        if (body == null || !"en".equals(languageCode)) {
            return null;
        }
        double sum = 0;
        int sentences = 0;
        for (Sentence sentence : body.sentences()) {
            List<Token> words = words(sentence);
            if (words.isEmpty()) {
                continue;
            }
            sum += compound(words, sentence.tokens());
            sentences++;
        }
        if (sentences == 0) {
            return null;
        }
        double score = Math.round(sum / sentences * 1000) / 1000.0;
        String label = score < NEGATIVE_BELOW ? "negative" : score > POSITIVE_ABOVE ? "positive" : "neutral";
        return new Sentiment(score, label);
    }

    /** VADER drops one-letter tokens ("a", "I") before it looks at the three words before a word. */
    private static List<Token> words(Sentence sentence) {
        List<Token> out = new ArrayList<>(sentence.tokens().size());
        for (Token t : sentence.tokens()) {
            if (t.word() && t.text().length() > 1) {
                out.add(t);
            }
        }
        return out;
    }

    /** A sentence's VADER compound score in [-1, 1]. */
    double compound(List<Token> words, List<Token> allTokens) {
        int n = words.size();
        String[] lower = new String[n];
        int caps = 0;
        for (int i = 0; i < n; i++) {
            lower[i] = words.get(i).lower().replace('\u2019', '\'');
            if (isUpper(words.get(i).text())) {
                caps++;
            }
        }
        boolean capDifferential = caps > 0 && caps < n;
        double[] valences = new double[n];
        for (int i = 0; i < n; i++) {
            String w = lower[i];
            if (BOOSTERS.containsKey(w) || w.equals("kind") && i + 1 < n && lower[i + 1].equals("of")) {
                continue;
            }
            Double base = lexicon.get(w);
            if (base == null) {
                continue;
            }
            double valence = base;
            if (capDifferential && isUpper(words.get(i).text())) {
                valence += valence > 0 ? C_INCR : -C_INCR;
            }
            for (int back = 0; back < 3; back++) {
                int j = i - back - 1;
                if (j < 0 || lexicon.containsKey(lower[j])) {
                    continue;
                }
                double s = scalar(lower[j], words.get(j).text(), valence, capDifferential);
                valence += back == 1 ? s * 0.95 : back == 2 ? s * 0.9 : s;
                valence = negationCheck(valence, lower, back, i);
            }
            valence = leastCheck(valence, lower, i);
            valences[i] = valence;
        }
        butCheck(lower, valences);
        double sum = 0;
        for (double v : valences) {
            sum += v;
        }
        if (sum == 0) {
            return 0;
        }
        double emphasis = punctuationEmphasis(allTokens);
        sum += sum > 0 ? emphasis : -emphasis;
        return Math.max(-1, Math.min(1, sum / Math.sqrt(sum * sum + ALPHA)));
    }

    private static double scalar(String lower, String asWritten, double valence, boolean capDifferential) {
        Double b = BOOSTERS.get(lower);
        if (b == null) {
            return 0;
        }
        double s = valence < 0 ? -b : b;
        if (capDifferential && isUpper(asWritten)) {
            s += valence > 0 ? C_INCR : -C_INCR;
        }
        return s;
    }

    /** VADER's "never" check: a negation up to three words before flips and damps the valence. */
    private static double negationCheck(double valence, String[] w, int back, int i) {
        if (back == 0) {
            return negated(w[i - 1]) ? valence * N_SCALAR : valence;
        }
        if (back == 1) {
            if (w[i - 2].equals("never") && (w[i - 1].equals("so") || w[i - 1].equals("this"))) {
                return valence * 1.5;
            }
            return negated(w[i - 2]) ? valence * N_SCALAR : valence;
        }
        if (w[i - 3].equals("never") && (w[i - 2].equals("so") || w[i - 2].equals("this"))
                || w[i - 1].equals("so") || w[i - 1].equals("this")) {
            return valence * 1.25;
        }
        return negated(w[i - 3]) ? valence * N_SCALAR : valence;
    }

    private double leastCheck(double valence, String[] w, int i) {
        if (i > 0 && w[i - 1].equals("least") && !lexicon.containsKey("least")) {
            if (i == 1 || !w[i - 2].equals("at") && !w[i - 2].equals("very")) {
                return valence * N_SCALAR;
            }
        }
        return valence;
    }

    /** Words before the first "but" count half, words after it half as much again. */
    private static void butCheck(String[] w, double[] valences) {
        for (int b = 0; b < w.length; b++) {
            if (w[b].equals("but")) {
                for (int i = 0; i < valences.length; i++) {
                    if (i < b) {
                        valences[i] *= 0.5;
                    } else if (i > b) {
                        valences[i] *= 1.5;
                    }
                }
                return;
            }
        }
    }

    private static double punctuationEmphasis(List<Token> tokens) {
        int bangs = 0;
        int questions = 0;
        for (Token t : tokens) {
            if (!t.word()) {
                if (t.text().equals("!")) {
                    bangs++;
                } else if (t.text().equals("?")) {
                    questions++;
                }
            }
        }
        double q = questions > 3 ? 0.96 : questions > 1 ? questions * 0.18 : 0;
        return Math.min(bangs, 4) * 0.292 + q;
    }

    private static boolean negated(String w) {
        return NEGATIONS.contains(w) || w.endsWith("n't");
    }

    /** Python's isupper: some upper-case letter and no lower-case one. */
    private static boolean isUpper(String word) {
        boolean upper = false;
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (Character.isLowerCase(c)) {
                return false;
            }
            upper |= Character.isUpperCase(c);
        }
        return upper;
    }

    private static Map<String, Double> boosters() {
        Map<String, Double> m = new HashMap<>();
        for (String w : List.of("absolutely", "amazingly", "awfully", "completely", "considerably", "decidedly",
                "deeply", "enormously", "entirely", "especially", "exceptionally", "extremely", "fabulously", "fully",
                "greatly", "highly", "hugely", "incredibly", "intensely", "majorly", "more", "most", "particularly",
                "purely", "quite", "really", "remarkably", "so", "substantially", "thoroughly", "totally",
                "tremendously", "unbelievably", "unusually", "utterly", "very")) {
            m.put(w, B_INCR);
        }
        for (String w : List.of("almost", "barely", "hardly", "kinda", "less", "little", "marginally",
                "occasionally", "partly", "scarcely", "slightly", "somewhat", "sorta")) {
            m.put(w, B_DECR);
        }
        return Map.copyOf(m);
    }

    private static Map<String, Double> load() {
        Map<String, Double> lexicon = new HashMap<>(8192);
        try {
            for (String line : DataFiles.lines(LEXICON)) {
                int tab = line.indexOf('\t');
                lexicon.put(line.substring(0, tab).toLowerCase(Locale.ROOT), Double.parseDouble(line.substring(tab + 1)));
            }
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot read sentiment lexicon " + LEXICON, e);
        }
        return lexicon;
    }
}
