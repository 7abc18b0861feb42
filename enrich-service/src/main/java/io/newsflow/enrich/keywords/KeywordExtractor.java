package io.newsflow.enrich.keywords;

import io.newsflow.enrich.data.LoadedOnce;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keyphrases of an article with YAKE (Campos et al., "YAKE! Keyword extraction from single
 * documents using multiple local features", Information Sciences 2020): unsupervised and
 * language-independent apart from a stopword list, so it works for every language we have
 * stopwords for without training data, and it is one pass over the tokens plus a sort of the
 * candidates (about 0.3 ms for an 800-word article).
 *
 * <p>Written here rather than taken from a library: YAKE's reference implementation is Python and
 * we found no maintained Java release; this one also works on the shared {@link TextAnalysis}
 * tokens instead of tokenising again.
 *
 * <p>Each word gets YAKE's features: casing (how often it is capitalised mid-sentence or an
 * acronym), position (median sentence index; the title counts as the first sentences, as news puts
 * the subject up front), normalised frequency, relatedness to context (a word seen next to many
 * different words, like "said" or "also", is not a keyword) and spread over sentences; they
 * combine into a score where lower is better. Candidates are runs of up to three words inside a
 * clause (punctuation ends a run) that neither start nor end with a stopword; a phrase's score is
 * the product of its words' scores over their sum and its frequency, stopwords inside it judged by
 * how strongly they bind their neighbours (allowed only between capitalised words, as in "Bank
 * of England"); in an article of some length a phrase must be repeated to count. Title Case
 * headlines and lines in capitals give no casing evidence, links are skipped, and lone English
 * past participles ("defeated") are left out. Near-duplicates of a better phrase are dropped:
 * the same words up to plurals, a phrase whose words all appear in a better one ("bank" after
 * "central bank"), one sharing two words with a better one (a shifted window over a long name),
 * or a spelling within 80% edit similarity.
 *
 * <p>Languages written without spaces (Chinese, Japanese, Thai, ...) get no keyphrases: the shared
 * tokenizer has no word segmentation for them.
 */
public final class KeywordExtractor {

    static final int MIN_KEYWORDS = 5;
    static final int MAX_KEYWORDS = 15;
    /** One keyphrase per this many words of body, within the bounds above. */
    static final int WORDS_PER_KEYWORD = 50;
    static final int MAX_WORDS = 3;
    /**
     * From this many body words on, a phrase of two or three words must occur at least twice.
     * YAKE multiplies word scores below 1, so it favours longer phrases, and a one-off run such as
     * the headline's "central bank raises" would beat "central bank"; a keyphrase of a real
     * article is repeated.
     */
    static final int SHORT_TEXT_WORDS = 40;

    private static final Set<String> UNSEGMENTED = Set.of("zh", "ja", "th", "lo", "km", "my", "bo");

    private static final LoadedOnce<KeywordExtractor> STANDARD = LoadedOnce.of(() -> new KeywordExtractor(Stopwords.standard()));

    private final Stopwords stopwords;

    KeywordExtractor(Stopwords stopwords) {
        this.stopwords = stopwords;
    }

    /** The shared instance with the bundled stopword lists. */
    public static KeywordExtractor standard() {
        return STANDARD.get();
    }

    /**
     * Keyphrases, best first.
     *
     * @param body         the segmented body
     * @param title        the headline (may be null): read as the text's opening sentences
     * @param languageCode ISO 639-1 code, selects the stopword list (null or unknown: none)
     * @return 5 to 15 phrases for a real article, fewer only when the text has fewer candidates;
     *         empty for languages written without spaces
     */
    public List<Keyword> extract(TextAnalysis body, String title, String languageCode) {
        if (body == null || languageCode != null && UNSEGMENTED.contains(languageCode)) {
            return List.of();
        }
        Document doc = new Document(stopwords.of(languageCode));
        int bodyWords = 0;
        if (title != null && !title.isBlank()) {
            for (Sentence s : TextAnalysis.of(title).sentences()) {
                doc.add(s);
            }
        }
        for (Sentence s : body.sentences()) {
            doc.add(s);
            bodyWords += s.wordCount();
        }
        if (doc.sentences == 0) {
            return List.of();
        }
        doc.scoreTerms();
        List<Candidate> ranked = doc.scoreCandidates(bodyWords >= SHORT_TEXT_WORDS ? 2 : 1);
        int wanted = Math.max(MIN_KEYWORDS, Math.min(MAX_KEYWORDS, bodyWords / WORDS_PER_KEYWORD));
        return select(ranked, wanted, "en".equals(languageCode));
    }

    private static List<Keyword> select(List<Candidate> ranked, int wanted, boolean english) {
        List<Keyword> out = new ArrayList<>(wanted);
        List<Candidate> chosen = new ArrayList<>(wanted);
        double best = ranked.isEmpty() ? 0 : ranked.get(0).h;
        for (Candidate c : ranked) {
            if (out.size() == wanted) {
                break;
            }
            if (duplicates(c, chosen) || english && pastParticiple(c)) {
                continue;
            }
            chosen.add(c);
            double score = best <= 0 || c.h <= 0 ? 1 : best / c.h;
            out.add(new Keyword(c.surface(), Math.round(Math.min(1, score) * 1000) / 1000.0));
        }
        return List.copyOf(out);
    }

    /**
     * A lone lower-case English word in -ed ("created", "defeated", "detailed"): YAKE ranks such
     * verbs like any rare word, but they name no subject. Names and phrases keep theirs.
     */
    private static boolean pastParticiple(Candidate c) {
        String surface = c.surface();
        String key = c.key();
        return c.terms.length == 1 && key.length() > 5 && key.endsWith("ed") && !key.endsWith("eed") && surface.equals(key);
    }

    private static boolean duplicates(Candidate c, List<Candidate> chosen) {
        Set<String> stems = c.stems();
        for (Candidate other : chosen) {
            Set<String> otherStems = other.stems();
            if (otherStems.containsAll(stems)) {
                return true; // same words up to plurals, or all of them inside a better phrase
            }
            int shared = 0;
            for (String stem : stems) {
                if (otherStems.contains(stem)) {
                    shared++;
                }
            }
            if (shared >= 2) {
                return true; // a shifted window over the same name: "York State Attorney" after "New York State"
            }
            if (similarity(c.key(), other.key()) >= 0.8) {
                return true;
            }
        }
        return false;
    }

    /** 1 - Levenshtein distance / longer length. */
    static double similarity(String a, String b) {
        int n = a.length();
        int m = b.length();
        if (n == 0 || m == 0) {
            return n == m ? 1 : 0;
        }
        int[] prev = new int[m + 1];
        int[] cur = new int[m + 1];
        for (int j = 0; j <= m; j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= n; i++) {
            cur[0] = i;
            for (int j = 1; j <= m; j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return 1 - (double) prev[m] / Math.max(n, m);
    }

    /** A word type of the document with its YAKE statistics. */
    private static final class Term {
        final int id;
        final String key;
        final boolean stopword;
        int tf;
        int tfCapitalised;
        int tfAcronym;
        final List<Integer> sentenceIds = new ArrayList<>(4);
        /** Co-occurrence: neighbour -> count, to the left and to the right. */
        final Map<Term, int[]> left = new HashMap<>(4);
        final Map<Term, int[]> right = new HashMap<>(4);
        int leftTotal;
        int rightTotal;
        double h;

        Term(int id, String key, boolean stopword) {
            this.id = id;
            this.key = key;
            this.stopword = stopword;
        }
    }

    /** A candidate phrase (all its occurrences). */
    private static final class Candidate {
        final Term[] terms;
        /** Spellings seen: hash of the words as written -> [count, first seen], and one example each. */
        final Map<Integer, int[]> spellings = new HashMap<>(2);
        final Map<Integer, String> examples = new HashMap<>(2);
        int tf;
        double h;
        private String key;

        Candidate(Term[] terms) {
            this.terms = terms;
        }

        /** The phrase in lower case, words joined by a space. */
        String key() {
            if (key == null) {
                StringBuilder sb = new StringBuilder();
                for (Term t : terms) {
                    if (sb.length() > 0) {
                        sb.append(' ');
                    }
                    sb.append(t.key);
                }
                key = sb.toString();
            }
            return key;
        }

        /** The most frequent spelling, the first seen on a tie. */
        String surface() {
            Integer best = null;
            int bestCount = -1;
            int bestOrder = Integer.MAX_VALUE;
            for (Map.Entry<Integer, int[]> e : spellings.entrySet()) {
                int count = e.getValue()[0];
                int order = e.getValue()[1];
                if (count > bestCount || count == bestCount && order < bestOrder) {
                    best = e.getKey();
                    bestCount = count;
                    bestOrder = order;
                }
            }
            return examples.get(best);
        }

        Set<String> stems() {
            Set<String> out = new HashSet<>();
            for (Term t : terms) {
                if (!t.stopword) {
                    out.add(stem(t.key));
                }
            }
            return out;
        }
    }

    /** Plural and possessive endings off, enough to fold "rate"/"rates", "policy"/"policies". */
    static String stem(String w) {
        if (w.length() > 4 && w.endsWith("ies")) {
            return w.substring(0, w.length() - 3) + "y";
        }
        if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }

    /** One document's terms and candidates. */
    private static final class Document {
        final Set<String> stopwords;
        final Map<String, Term> terms = new HashMap<>(512);
        final Map<Long, Candidate> candidates = new HashMap<>(1024);
        int sentences;
        int order;

        Document(Set<String> stopwords) {
            this.stopwords = stopwords;
        }

        void add(Sentence sentence) {
            List<Token> tokens = sentence.tokens();
            int sentenceId = sentences;
            // Title Case headlines and ALL CAPS lines say nothing about which words are names
            int words = 0;
            int capitalised = 0;
            int caps = 0;
            for (Token token : tokens) {
                if (token.word()) {
                    words++;
                    capitalised += token.capitalized() ? 1 : 0;
                    caps += token.allCaps() ? 1 : 0;
                }
            }
            boolean casingTells = words < 4 || capitalised * 10 < words * 6;
            boolean capsTell = words < 4 || caps * 2 < words;
            boolean any = false;
            boolean first = true;
            Term[] run = new Term[tokens.size()];
            String[] runText = new String[tokens.size()];
            boolean[] runCapitalised = new boolean[tokens.size()];
            int runLength = 0;
            for (int k = 0; k < tokens.size(); k++) {
                Token token = tokens.get(k);
                if (!token.word()) {
                    runLength = 0; // punctuation ends a clause
                    continue;
                }
                if (isUrlStart(tokens, k)) { // skip the link up to the next space
                    while (k + 1 < tokens.size() && tokens.get(k + 1).start() == tokens.get(k).end()) {
                        k++;
                    }
                    runLength = 0;
                    continue;
                }
                String text = token.text();
                boolean possessive = text.endsWith("'s") || text.endsWith("\u2019s");
                if (possessive && text.length() > 2) {
                    text = text.substring(0, text.length() - 2);
                }
                if (!usable(text)) {
                    runLength = 0;
                    first = false;
                    continue;
                }
                any = true;
                String key = text.toLowerCase(java.util.Locale.ROOT).replace('\u2019', '\'');
                boolean acronym = capsTell && token.allCaps();
                Term term = terms.get(key);
                if (term == null) {
                    term = new Term(terms.size(), key, !acronym && isStopword(key));
                    terms.put(key, term);
                }
                term.tf++;
                if (acronym) {
                    term.tfAcronym++;
                } else if (!first && casingTells && token.capitalized()) {
                    term.tfCapitalised++;
                }
                List<Integer> ids = term.sentenceIds;
                if (ids.isEmpty() || ids.get(ids.size() - 1) != sentenceId) {
                    ids.add(sentenceId);
                }
                if (runLength > 0) {
                    Term previous = run[runLength - 1];
                    previous.right.computeIfAbsent(term, t -> new int[1])[0]++;
                    previous.rightTotal++;
                    term.left.computeIfAbsent(previous, t -> new int[1])[0]++;
                    term.leftTotal++;
                }
                run[runLength] = term;
                runText[runLength] = text;
                runCapitalised[runLength] = token.capitalized();
                runLength++;
                // candidates ending here
                if (!term.stopword) {
                    for (int n = 1; n <= Math.min(MAX_WORDS, runLength); n++) {
                        Term startTerm = run[runLength - n];
                        if (startTerm.stopword || n == 3 && run[runLength - 2].stopword
                                && !(runCapitalised[runLength - 3] && runCapitalised[runLength - 1])) {
                            continue; // a stopword inside only binds names: "Bank of England", not "Hitler was born"
                        }
                        addCandidate(run, runText, runLength - n, runLength);
                    }
                }
                first = false;
                if (possessive) {
                    runLength = 0; // "the bank's decision": the phrase stops at the owner
                }
            }
            if (any) {
                sentences++;
            }
        }

        /**
         * Counts one occurrence of a phrase. Phrases are keyed by their words' ids (up to three,
         * 21 bits each) and spellings by a hash, so that no string is built per occurrence.
         */
        private void addCandidate(Term[] run, String[] runText, int from, int to) {
            long id = 0;
            int spelling = 1;
            for (int i = from; i < to; i++) {
                id = id << 21 | run[i].id + 1;
                spelling = 31 * spelling + runText[i].hashCode();
            }
            Candidate c = candidates.get(id);
            if (c == null) {
                c = new Candidate(Arrays.copyOfRange(run, from, to));
                candidates.put(id, c);
            }
            c.tf++;
            int[] seen = c.spellings.get(spelling);
            if (seen == null) {
                seen = new int[] {0, order++};
                c.spellings.put(spelling, seen);
                c.examples.put(spelling, String.join(" ", Arrays.asList(runText).subList(from, to)));
            }
            seen[0]++;
        }

        /** "https://…", "www.…" */
        private static boolean isUrlStart(List<Token> tokens, int k) {
            String t = tokens.get(k).text();
            if (k + 1 >= tokens.size() || tokens.get(k + 1).start() != tokens.get(k).end()) {
                return false;
            }
            String next = tokens.get(k + 1).text();
            return (t.equalsIgnoreCase("http") || t.equalsIgnoreCase("https")) && next.equals(":")
                    || t.equalsIgnoreCase("www") && next.equals(".");
        }

        /**
         * A listed stopword, a word under three letters (YAKE's rule; acronyms such as "UN" are
         * exempt before this is asked), or a contraction ("they're", "we'll").
         */
        private boolean isStopword(String key) {
            if (stopwords.contains(key) || key.codePointCount(0, key.length()) < 3) {
                return true;
            }
            int apostrophe = key.indexOf('\'');
            if (apostrophe > 0) {
                String tail = key.substring(apostrophe + 1);
                return tail.equals("re") || tail.equals("ll") || tail.equals("ve") || tail.equals("d") || tail.equals("m")
                        || tail.equals("t");
            }
            return false;
        }

        /** Words with a letter; not numbers, not stray symbols. */
        private static boolean usable(String text) {
            for (int i = 0; i < text.length(); i++) {
                if (Character.isLetter(text.charAt(i))) {
                    return true;
                }
            }
            return false;
        }

        void scoreTerms() {
            int maxTf = 1;
            double sum = 0;
            int valid = 0;
            for (Term t : terms.values()) {
                maxTf = Math.max(maxTf, t.tf);
                if (!t.stopword) {
                    sum += t.tf;
                    valid++;
                }
            }
            double mean = valid == 0 ? 0 : sum / valid;
            double var = 0;
            for (Term t : terms.values()) {
                if (!t.stopword) {
                    var += (t.tf - mean) * (t.tf - mean);
                }
            }
            double std = valid == 0 ? 0 : Math.sqrt(var / valid);
            for (Term t : terms.values()) {
                double pl = t.leftTotal == 0 ? 0 : (double) t.left.size() / t.leftTotal;
                double pr = t.rightTotal == 0 ? 0 : (double) t.right.size() / t.rightTotal;
                double rel = 1 + (pl + pr) * t.tf / maxTf;
                double freq = t.tf / Math.max(1e-9, mean + std);
                double spread = (double) t.sentenceIds.size() / sentences;
                double casing = Math.max(t.tfAcronym, t.tfCapitalised) / (1 + Math.log(t.tf));
                double position = Math.log(Math.log(3 + median(t.sentenceIds)));
                t.h = position * rel / (casing + freq / rel + spread / rel);
            }
        }

        private static double median(List<Integer> sorted) {
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
        }

        List<Candidate> scoreCandidates(int minPhraseTf) {
            List<Candidate> out = new ArrayList<>(candidates.size());
            for (Candidate c : candidates.values()) {
                if (c.terms.length > 1 && c.tf < minPhraseTf) {
                    continue;
                }
                double prod = 1;
                double sum = 0;
                Term[] ts = c.terms;
                for (int i = 0; i < ts.length; i++) {
                    Term t = ts[i];
                    if (!t.stopword) {
                        prod *= t.h;
                        sum += t.h;
                    } else {
                        // a stopword inside a phrase: how strongly does it bind its neighbours?
                        Term before = ts[i - 1];
                        Term after = ts[i + 1];
                        int[] bt = before.right.get(t);
                        int[] ta = t.right.get(after);
                        double p = (bt == null ? 0 : (double) bt[0] / before.tf) * (ta == null ? 0 : (double) ta[0] / after.tf);
                        prod *= 1 + (1 - p);
                        sum -= 1 - p;
                    }
                }
                c.h = prod / ((sum + 1) * c.tf);
                out.add(c);
            }
            out.sort((a, b) -> a.h != b.h ? Double.compare(a.h, b.h) : a.key().compareTo(b.key()));
            return out;
        }
    }
}
