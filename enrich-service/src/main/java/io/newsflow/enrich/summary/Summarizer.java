package io.newsflow.enrich.summary;

import io.newsflow.enrich.data.LoadedOnce;
import io.newsflow.enrich.keywords.Stopwords;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An extractive summary of one to three sentences of the body, in their original order.
 *
 * <p>News is written as an inverted pyramid, so position carries most of the weight: the lead
 * sentence is nearly always the best one-sentence summary, which is why lead-based baselines are
 * so hard to beat on news. Centrality (how many of the article's frequent content words a sentence
 * holds) and overlap with the headline pick the second and third sentences and rescue articles
 * whose first sentence is a scene-setter. Length follows the article: one sentence under 150
 * words, two under 400, three beyond, within about 80 words. No graph ranking (TextRank): on news it rarely beats
 * this and costs quadratic time in the number of sentences.
 *
 * <p>Sentences a reader would not want in a summary are never picked: bylines, credits and
 * boilerplate ("Reporting by", "Sign up", "Getty Images"), headings and captions without a full
 * stop, questions, sentences that are mostly a quotation, and very short or very long ones. A wire
 * dateline in front of the lead ("LONDON (Reuters) -") is cut off.
 */
public final class Summarizer {

    static final int MIN_WORDS = 6;
    static final int MAX_WORDS = 60;
    /** A summary stops growing past this many words. */
    static final int WORD_BUDGET = 80;
    /** Sentences sharing more than this share of content words with a chosen one are redundant. */
    static final double REDUNDANT = 0.5;

    /** Credits and page furniture, matched in the lower-cased sentence. */
    private static final List<String> BOILERPLATE = List.of("reporting by", "editing by", "writing by",
            "additional reporting", "contributed to this report", "all rights reserved", "copyright", "getty images",
            "file photo", "photo:", "image:", "click here", "sign up", "subscribe", "newsletter", "read more",
            "follow us", "cookie", "advertisement", "terms of use", "privacy policy", "\u00A9");
    private static final Pattern BYLINE = Pattern.compile("^(?i:by|von|par|por|di|door)\\s+\\p{Lu}[\\p{L}.'’-]+(\\s+\\p{Lu}[\\p{L}.'’-]+){0,3}\\b");
    private static final Pattern DATELINE = Pattern.compile(
            "^\\p{Lu}[\\p{Lu}\\p{M} .'’-]{1,30}(?:, \\p{Lu}[\\p{L}\\p{M}.'’ -]{1,30})?(?:\\s*\\([^)]{1,30}\\))?"
                    + "\\s*(?:--|[-—–])\\s+(?=\\S)");

    private static final LoadedOnce<Summarizer> STANDARD = LoadedOnce.of(() -> new Summarizer(Stopwords.standard()));

    private final Stopwords stopwords;

    Summarizer(Stopwords stopwords) {
        this.stopwords = stopwords;
    }

    /** The shared instance (shares the keyword extractor's stopword lists). */
    public static Summarizer standard() {
        return STANDARD.get();
    }

    /**
     * The summary of a body.
     *
     * @param body         the segmented body
     * @param title        the headline (may be null): sentences that share its words rank higher
     * @param languageCode ISO 639-1 code, selects the stopwords (may be null)
     * @return one to three sentences of the body joined by a space, or null for a body without a
     *         usable sentence
     */
    public String summarize(TextAnalysis body, String title, String languageCode) {
        if (body == null || body.sentences().isEmpty()) {
            return null;
        }
        Set<String> stop = stopwords.of(languageCode);
        String text = body.text();
        List<Candidate> candidates = new ArrayList<>();
        int bodyWords = 0;
        Map<String, Integer> tf = new HashMap<>();
        for (Sentence s : body.sentences()) {
            Set<String> content = new HashSet<>();
            for (Token t : s.tokens()) {
                String k = contentKey(t, stop);
                if (k != null) {
                    content.add(k);
                    tf.merge(k, 1, Integer::sum);
                }
            }
            int words = s.wordCount();
            bodyWords += words;
            String sentence = s.text(text);
            if (eligible(sentence, s, words)) {
                candidates.add(new Candidate(s.index(), sentence, words, content));
            }
        }
        if (candidates.isEmpty()) {
            return fallback(body);
        }
        Set<String> titleWords = title == null ? Set.of()
                : contentWords(TextAnalysis.of(title).tokens(), stop);
        double maxCentrality = 0;
        for (Candidate c : candidates) {
            double sum = 0;
            for (String w : c.content) {
                int f = tf.getOrDefault(w, 1);
                sum += f > 1 ? Math.log(f) : 0;
            }
            c.centrality = c.content.isEmpty() ? 0 : sum / Math.sqrt(c.content.size());
            maxCentrality = Math.max(maxCentrality, c.centrality);
        }
        for (int rank = 0; rank < candidates.size(); rank++) {
            Candidate c = candidates.get(rank);
            double position = 1 / (1 + 0.4 * rank);
            double centrality = maxCentrality == 0 ? 0 : c.centrality / maxCentrality;
            double headline = 0;
            if (!titleWords.isEmpty()) {
                int shared = 0;
                for (String w : titleWords) {
                    shared += c.content.contains(w) ? 1 : 0;
                }
                headline = (double) shared / titleWords.size();
            }
            c.score = 0.55 * position + 0.3 * centrality + 0.15 * headline;
        }
        int wanted = bodyWords < 150 ? 1 : bodyWords < 400 ? 2 : 3;
        List<Candidate> byScore = new ArrayList<>(candidates);
        byScore.sort(Comparator.comparingDouble((Candidate c) -> -c.score).thenComparingInt(c -> c.index));
        List<Candidate> chosen = new ArrayList<>(wanted);
        int words = 0;
        for (Candidate c : byScore) {
            if (chosen.size() == wanted) {
                break;
            }
            if (!chosen.isEmpty() && words + c.words > WORD_BUDGET || redundant(c, chosen)) {
                continue;
            }
            chosen.add(c);
            words += c.words;
        }
        chosen.sort(Comparator.comparingInt(c -> c.index));
        StringBuilder out = new StringBuilder();
        for (Candidate c : chosen) {
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(c.index == body.sentences().get(0).index() || out.length() == 0 ? stripDateline(c.text) : c.text);
        }
        return out.toString();
    }

    /** With no sentence that passes, the first one of some length, if any. */
    private static String fallback(TextAnalysis body) {
        for (Sentence s : body.sentences()) {
            String text = s.text(body.text());
            if (s.wordCount() >= 4 && !boilerplate(text)) {
                return stripDateline(text);
            }
        }
        return null;
    }

    static boolean eligible(String sentence, Sentence s, int words) {
        int length = sentence.length();
        boolean unsegmented = words <= 3 && length >= 20; // Chinese, Japanese, Thai: few, long tokens
        if (!unsegmented && (words < MIN_WORDS || words > MAX_WORDS) || length > 600) {
            return false;
        }
        if (!endsLikeAStatement(sentence)) {
            return false; // a heading, caption, list item, or a question
        }
        if (boilerplate(sentence) || words <= 8 && BYLINE.matcher(sentence).lookingAt()) {
            return false;
        }
        return quotedShare(s, sentence) < 0.6;
    }

    static boolean boilerplate(String sentence) {
        String lower = sentence.toLowerCase(Locale.ROOT);
        for (String phrase : BOILERPLATE) {
            if (lower.contains(phrase)) {
                return true;
            }
        }
        return false;
    }

    private static boolean endsLikeAStatement(String sentence) {
        int i = sentence.length() - 1;
        while (i > 0 && isCloser(sentence.charAt(i))) {
            i--;
        }
        char c = sentence.charAt(i);
        return c == '.' || c == '!' || c == '\u3002' || c == '\uFF01' || c == '\u0964';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == '\u201D' || c == '\u2019' || c == ')' || c == '\u00BB' || c == '\u300D';
    }

    /**
     * The share of the sentence's chars inside quotation marks; 1 for a sentence that closes a
     * quotation it did not open, the tail of a quotation from the sentence before, which makes no
     * sense on its own.
     */
    static double quotedShare(Sentence s, String sentence) {
        int quoted = 0;
        int open = -1;
        int n = sentence.length();
        for (int i = 0; i < n; i++) {
            char c = sentence.charAt(i);
            boolean opener;
            boolean closer;
            if (c == '"') {
                boolean spaceBefore = i == 0 || Character.isWhitespace(sentence.charAt(i - 1)) || sentence.charAt(i - 1) == '(';
                opener = open < 0 && spaceBefore;
                closer = !opener;
            } else {
                opener = c == '\u201C' || c == '\u00AB' || c == '\u201E' || c == '\u300C';
                closer = c == '\u201D' || c == '\u00BB' || c == '\u300D';
            }
            if (opener && open < 0) {
                open = i;
            } else if (closer) {
                if (open < 0) {
                    return 1;
                }
                quoted += i - open;
                open = -1;
            }
        }
        if (open >= 0) {
            quoted += n - open; // a quotation that runs on into the next sentence
        }
        return (double) quoted / Math.max(1, n);
    }

    static String stripDateline(String sentence) {
        var m = DATELINE.matcher(sentence);
        if (m.find()) {
            String rest = sentence.substring(m.end());
            if (!rest.isEmpty() && (Character.isUpperCase(rest.codePointAt(0)) || !Character.isLetter(rest.codePointAt(0)))) {
                return rest;
            }
        }
        return sentence;
    }

    private static boolean redundant(Candidate c, List<Candidate> chosen) {
        for (Candidate other : chosen) {
            int shared = 0;
            for (String w : c.content) {
                shared += other.content.contains(w) ? 1 : 0;
            }
            int smaller = Math.min(c.content.size(), other.content.size());
            if (smaller > 0 && shared > REDUNDANT * smaller) {
                return true;
            }
        }
        return false;
    }

    private static Set<String> contentWords(List<Token> tokens, Set<String> stop) {
        Set<String> out = new HashSet<>();
        for (Token t : tokens) {
            String k = contentKey(t, stop);
            if (k != null) {
                out.add(k);
            }
        }
        return out;
    }

    /** The word in lower case if it is a content word (a word of 3+ chars, starting with a letter, not a stopword). */
    private static String contentKey(Token t, Set<String> stop) {
        if (!t.word() || t.text().length() < 3 || !Character.isLetter(t.text().codePointAt(0))) {
            return null;
        }
        String k = t.text().toLowerCase(Locale.ROOT);
        return stop.contains(k) ? null : k;
    }

    private static final class Candidate {
        final int index;
        final String text;
        final int words;
        final Set<String> content;
        double centrality;
        double score;

        Candidate(int index, String text, int words, Set<String> content) {
            this.index = index;
            this.text = text;
            this.words = words;
            this.content = content;
        }
    }
}
