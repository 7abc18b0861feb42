package io.newsflow.enrich.quotes;

import io.newsflow.enrich.entities.Entity;
import io.newsflow.enrich.entities.EntityType;
import io.newsflow.enrich.entities.Span;
import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who said what: direct quotes and reported speech with their speaker resolved to one of the
 * article's people or organisations. Newsrooms ask "what has X said about Y", and wire copy says
 * it in a handful of fixed shapes, which is what these rules read:
 *
 * <ul>
 *   <li>attribution after the quote: {@code "...," Putin said}, {@code "...," said Putin, the
 *       minister}, {@code "...," he said}, {@code "...," the minister told reporters};
 *   <li>attribution before it: {@code Putin said: "..."}, {@code Putin told reporters, "..."},
 *       {@code Putin called the plan "a disaster"} when a speech verb leads to the quote;
 *   <li>a quote with no attribution of its own continuing the paragraph's last speaker;
 *   <li>reported speech: {@code Putin said (that) ...}, {@code ..., Putin said.}, {@code according
 *       to Putin, ...}.
 * </ul>
 *
 * <p>Pronouns and descriptions ("he", "the minister", "the company") go to the nearest person or
 * organisation mentioned before. A quote whose speaker cannot be tied to an entity ("a source
 * said") is left out: the field answers who said it, so a guess is worse than nothing. English
 * only; other languages get none rather than wrong ones. Stateless: share one instance.
 */
public final class QuoteFinder {

    private static final String VERBS = "said|says|added|adds|told|tells|wrote|writes|tweeted|posted|stated|warned|"
            + "warns|argued|argues|insisted|insists|explained|explains|noted|notes|claimed|claims|declared|"
            + "announced|acknowledged|admitted|asked|asks|replied|answered|recalled|continued|concluded|stressed|"
            + "emphasised|emphasized|commented|remarked|predicted|cautioned|conceded|countered|suggested|"
            + "maintained|vowed|promised|agreed|complained|boasted|joked";
    private static final Pattern PRONOUN = Pattern.compile("(?i)^(?:he|she)$");
    private static final List<String> REPORT_VERBS_LIST = List.of("said", "says", "told", "tells", "added", "warned",
            "stated", "argued", "insisted", "claimed", "announced", "noted", "explained", "acknowledged",
            "admitted", "stressed", "predicted", "suggested", "maintained", "believes", "estimated", "insists",
            "warns", "argues", "claims", "adds");
    // hash sets rather than Set.of: looked up for every word of every sentence, where they are faster
    private static final Set<String> REPORT_VERBS = new java.util.HashSet<>(REPORT_VERBS_LIST);
    private static final Set<String> SPEECH_WORDS = speechWords();
    private static final Set<String> VERB_WORDS = new java.util.HashSet<>(List.of(VERBS.split("\\|")));
    private static final Set<String> LEAD_WORDS = leadWords();
    /** Descriptions that point back to the last person named ("the minister said"). */
    private static final Set<String> PERSON_NOUNS = Set.of("minister", "president", "premier", "chancellor",
            "spokesman", "spokeswoman", "spokesperson", "official", "leader", "chief", "executive", "ceo",
            "chairman", "chairwoman", "director", "governor", "mayor", "senator", "lawmaker", "general",
            "commander", "coach", "manager", "striker", "player", "secretary", "ambassador", "judge", "prosecutor",
            "lawyer", "attorney", "analyst", "economist", "professor", "researcher", "scientist", "doctor",
            "founder", "author", "actor", "singer", "candidate", "activist", "envoy", "king", "queen", "prince",
            "pope", "diplomat", "officer", "captain", "man", "woman", "former", "veteran", "star");
    /**
     * Descriptions of a business ("the company said"): they point back to the story's company, the
     * organisation named most (first among equals) before them.
     */
    private static final Set<String> COMPANY_NOUNS = Set.of("company", "firm", "group", "carmaker", "automaker",
            "retailer", "lender", "airline", "insurer", "maker", "startup", "giant", "broadcaster", "network",
            "newspaper", "publisher", "club", "team", "charity");
    /**
     * Descriptions of a body ("the ministry said"): they point back only to an organisation whose
     * name says it is one ("the Defence Ministry"); an unnamed union is no named airline.
     */
    private static final Set<String> BODY_NOUNS = Set.of("ministry", "agency", "department", "bank", "party",
            "organisation", "organization", "union", "court", "council", "committee", "commission", "regulator",
            "government", "administration", "office", "board", "authority", "police", "service", "institute",
            "university", "association", "federation", "foundation");
    /** Objects of "told" that are no part of what was said ("told reporters the talks failed"). */
    private static final Set<String> TOLD_OBJECTS = Set.of("reporters", "journalists", "lawmakers", "parliament",
            "senators", "investors", "analysts", "supporters", "staff", "employees", "students", "delegates",
            "members", "him", "her", "them", "us", "me", "listeners", "viewers", "congress");
    private static final int MIN_QUOTE_WORDS = 2;
    private static final int MIN_REPORTED_WORDS = 4;
    /** "Nobody was hurt, he said.": a clause the attribution closes may be short. */
    private static final int MIN_CLOSING_CLAUSE_WORDS = 3;
    private static final Set<String> CONJUNCTIONS = Set.of("but", "and", "yet", "so", "however", "still", "later",
            "meanwhile", "also");
    private static final int AFTER_REACH = 140;
    /** Longer than this between two marks is a stray mark, not a quote. */
    private static final int MAX_QUOTE_CHARS = 1500;

    private static Set<String> speechWords() {
        Set<String> words = new java.util.HashSet<>(List.of(VERBS.split("\\|")));
        words.add("according");
        words.addAll(REPORT_VERBS_LIST);
        return words;
    }

    private static Set<String> leadWords() {
        Set<String> words = new java.util.HashSet<>(List.of(VERBS.split("\\|")));
        words.addAll(List.of("according", "called", "described", "calling", "describing"));
        return words;
    }

    public static QuoteFinder standard() {
        return new QuoteFinder();
    }

    /** The quotes of an analysed text whose speakers are among {@code entities} (found on the same text). */
    public List<Quote> find(TextAnalysis analysis, List<Entity> entities, String languageCode) {
        if (languageCode != null && !languageCode.equals("en")) {
            return List.of();
        }
        String text = analysis.text();
        Mentions mentions = new Mentions(entities);
        if (mentions.isEmpty()) {
            return List.of();
        }
        List<Quote> out = new ArrayList<>();
        List<int[]> quoted = new ArrayList<>();
        int ps = 0;
        while (ps < text.length()) {
            int pe = text.indexOf('\n', ps);
            pe = pe < 0 ? text.length() : pe;
            direct(text, ps, pe, mentions, out, quoted);
            ps = pe + 1;
        }
        int[] marks = quoteMarks(text);
        int q = 0;
        int mark = 0;
        for (Sentence s : analysis.sentences()) {
            while (q < quoted.size() && quoted.get(q)[1] <= s.start()) {
                q++;
            }
            while (mark < marks.length && marks[mark] < s.start()) {
                mark++;
            }
            if (q < quoted.size() && quoted.get(q)[0] < s.end() || mark < marks.length && marks[mark] < s.end()) {
                continue; // direct quotes were read above
            }
            Quote r = reported(text, s, mentions);
            if (r != null) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparingInt(Quote::start));
        return out;
    }

    // ------------------------------------------------------------------ direct quotes

    private void direct(String text, int ps, int pe, Mentions mentions, List<Quote> out, List<int[]> quoted) {
        Entity previous = null;
        int i = ps;
        while (i < pe) {
            char c = text.charAt(i);
            if (c != '\u201C' && c != '"' && c != '\u00AB') {
                i++;
                continue;
            }
            char close = c == '\u201C' ? '\u201D' : c == '\u00AB' ? '\u00BB' : '"';
            int j = text.indexOf(close, i + 1);
            boolean closed = j >= 0 && j < pe;
            int end = closed ? j : pe; // a quote running on past its paragraph
            quoted.add(new int[] {i, closed ? j + 1 : pe});
            int s = i + 1;
            int e = end;
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == ',')) {
                e--;
            }
            if (words(text, s, e) >= MIN_QUOTE_WORDS && e - s <= MAX_QUOTE_CHARS) {
                Entity speaker = closed ? after(text, j + 1, pe, i, mentions) : null;
                if (speaker == null) {
                    speaker = before(text, ps, i, mentions);
                }
                if (speaker == null && previous != null && opensSentence(text, ps, i) && words(text, s, e) >= 3) {
                    speaker = previous; // the paragraph's speaker goes on
                }
                if (speaker != null) {
                    out.add(new Quote(text.substring(s, e), s, e, speaker, true));
                    previous = speaker;
                }
            }
            i = closed ? j + 1 : pe;
        }
    }

    /**
     * The speaker named right after a closing quotation mark: {@code ," said Jane Doe, the
     * minister}, {@code ," Jane Doe said}, {@code ," he added}, {@code ," the company's chief,
     * Jane Doe, said}. Read word by word (a pattern with every verb costs more than the rest of
     * the finder).
     */
    private Entity after(String text, int from, int pe, int anchor, Mentions mentions) {
        int to = Math.min(pe, from + AFTER_REACH);
        int i = from;
        while (i < to && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ','
                || text.charAt(i) == '\u2014' || text.charAt(i) == '\u2013' || text.charAt(i) == '-')) {
            i++;
        }
        int[] w = nextWord(text, i, to);
        if (w == null) {
            return null;
        }
        if (isVerb(text, w[0], w[1])) {
            int end = phraseEnd(text, w[1], to);
            return resolve(text, w[1], end, anchor, mentions); // "said Jane Doe, the minister"
        }
        int start = w[0];
        int firstComma = -1;
        int words = 0;
        for (int[] x = w; x != null; x = nextWord(text, x[1], to)) {
            int stop = x == w ? NONE : stopBetween(text, x[0]);
            if (stop == STOP) {
                return null;
            }
            if (stop == COMMA) {
                if (firstComma >= 0) {
                    // "the company's chief, Jane Doe, said": the name between the commas
                    if (isVerb(text, x[0], x[1])) {
                        Entity e = mentions.within(firstComma + 1, x[0]);
                        return e != null ? e : resolve(text, start, firstComma, anchor, mentions);
                    }
                    return null;
                }
                firstComma = lastComma(text, start, x[0]);
            }
            if (isVerb(text, x[0], x[1]) && x[0] > start) {
                int end = firstComma >= 0 ? firstComma : x[0];
                Entity e = firstComma >= 0 ? mentions.within(firstComma + 1, x[0]) : null;
                return e != null ? e : resolve(text, start, end, anchor, mentions);
            }
            if (++words > 12) {
                return null;
            }
        }
        return null;
    }

    private static final int NONE = 0;
    private static final int COMMA = 1;
    private static final int STOP = 2;

    /** What stands between the previous word and the word at {@code at}: nothing, a comma, or a clause break. */
    private static int stopBetween(String text, int at) {
        int k = at - 1;
        int result = NONE;
        while (k >= 0 && !Character.isLetterOrDigit(text.charAt(k))) {
            char c = text.charAt(k);
            if (c == ';' || c == ':' || c == '!' || c == '?' || c == '\u201C' || c == '\u201D' || c == '"') {
                return STOP;
            }
            if (c == '.' && !abbreviationBefore(text, k)) {
                return STOP;
            }
            if (c == ',') {
                result = COMMA;
            }
            k--;
        }
        return result;
    }

    private static int lastComma(String text, int from, int to) {
        for (int k = to - 1; k >= from; k--) {
            if (text.charAt(k) == ',') {
                return k;
            }
        }
        return -1;
    }

    /** End of a speaker phrase after the verb: the first comma or clause break. */
    private static int phraseEnd(String text, int from, int to) {
        for (int k = from; k < to; k++) {
            char c = text.charAt(k);
            if (c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '\u201C' || c == '"'
                    || c == '.' && !abbreviationBefore(text, k)) {
                return k;
            }
        }
        return to;
    }

    /** [start, end) of the next word at or after {@code from}, or null. */
    private static int[] nextWord(String text, int from, int to) {
        int s = from;
        while (s < to && !Character.isLetterOrDigit(text.charAt(s))) {
            s++;
        }
        if (s >= to) {
            return null;
        }
        int e = s;
        while (e < to && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '\'' || text.charAt(e) == '\u2019'
                || text.charAt(e) == '-')) {
            e++;
        }
        return new int[] {s, e};
    }

    private static boolean isVerb(String text, int s, int e) {
        int len = e - s;
        return len >= 3 && len <= 12 && Character.isLowerCase(text.charAt(s)) && VERB_WORDS.contains(text.substring(s, e));
    }

    private static boolean isLeadVerb(String text, int s, int e) {
        int len = e - s;
        return len >= 3 && len <= 12 && Character.isLowerCase(text.charAt(s)) && LEAD_WORDS.contains(text.substring(s, e));
    }

    /**
     * The speaker of the sentence leading into an opening quotation mark: {@code Jane Doe said: "},
     * {@code Jane Doe told the rally, "}, {@code Jane Doe called the plan "a disaster"}, {@code
     * according to Jane Doe, "}.
     */
    private Entity before(String text, int ps, int open, Mentions mentions) {
        int s = sentenceStart(text, ps, open);
        if (open - s < 3) {
            return null;
        }
        // the last speech verb of the lead-in, no further than 60 characters from the quote
        int verb = -1;
        int verbEnd = -1;
        int k = open;
        while (k > s) {
            int e = k;
            while (e > s && !Character.isLetter(text.charAt(e - 1))) {
                e--;
            }
            int b = e;
            while (b > s && Character.isLetter(text.charAt(b - 1))) {
                b--;
            }
            if (b == e) {
                break;
            }
            if (isLeadVerb(text, b, e)) {
                verb = b;
                verbEnd = e;
                break;
            }
            if (open - b > 60 + 12) {
                return null;
            }
            k = b;
        }
        if (verb < 0 || indexOfAny(text, verbEnd, open, "\u201C\u201D\"") >= 0) {
            return null;
        }
        if (text.startsWith("according", verb)) {
            Entity after = mentions.startingIn(verbEnd + 4, Math.min(open, verbEnd + 60));
            if (after != null) {
                return after;
            }
        }
        Entity e = mentions.endingBefore(verb, s);
        if (e != null) {
            return e;
        }
        String subject = lastWords(text.substring(s, verb), 1);
        return PRONOUN.matcher(subject).matches() ? mentions.personBefore(s) : null;
    }

    // ------------------------------------------------------------------ reported speech

    private Quote reported(String text, Sentence s, Mentions mentions) {
        List<Token> t = s.tokens();
        if (!speaks(t)) {
            return null; // most sentences: no speech verb, nothing to read
        }
        // "Jane Doe said (that) ..." / "He told reporters ..."
        for (int v = 1; v < t.size() - 1 && v < 25; v++) {
            Token verb = t.get(v);
            if (!verb.word() || !REPORT_VERBS.contains(verb.text().toLowerCase(Locale.ROOT))) {
                continue;
            }
            Entity speaker = subject(t, v, s.start(), mentions);
            if (speaker == null) {
                continue;
            }
            int j = clauseStart(t, v, mentions);
            if (j >= t.size()) {
                break; // "..., Jane Doe said on Monday.": the attribution closes the sentence
            }
            int start = t.get(j).start();
            int end = trimEnd(text, start, s.end());
            if (words(text, start, end) < MIN_REPORTED_WORDS || t.get(j).text().equalsIgnoreCase("to")) {
                break;
            }
            return new Quote(text.substring(start, end), start, end, speaker, false);
        }
        String sentence = text.substring(s.start(), s.end());
        Quote closing = closingAttribution(text, s, mentions);
        if (closing != null) {
            return closing;
        }
        // "According to Jane Doe, ..." / "..., according to Jane Doe."
        int acc = indexOfIgnoreCase(sentence, "according to ");
        if (acc >= 0) {
            int from = s.start() + acc + 13;
            Entity speaker = mentions.startingIn(from, Math.min(s.end(), from + 3));
            if (speaker == null) {
                speaker = described(sentence.substring(acc + 13), s.start() + acc, mentions); // "according to the agency"
            }
            if (speaker != null) {
                int start;
                int end;
                if (acc == 0) {
                    int comma = sentence.indexOf(',', acc);
                    if (comma < 0) {
                        return null;
                    }
                    start = s.start() + comma + 1;
                    while (start < s.end() && Character.isWhitespace(text.charAt(start))) {
                        start++;
                    }
                    end = trimEnd(text, start, s.end());
                } else {
                    start = s.start();
                    end = s.start() + acc;
                    while (end > start && (Character.isWhitespace(text.charAt(end - 1)) || text.charAt(end - 1) == ',')) {
                        end--;
                    }
                }
                if (words(text, start, end) >= MIN_REPORTED_WORDS) {
                    return new Quote(text.substring(start, end), start, end, speaker, false);
                }
            }
        }
        return null;
    }

    /**
     * Who is the subject of the speech verb at {@code v}: a name right before it ("Jane Doe said"),
     * a name set off by an appositive ("Jane Doe, the minister, said", "Her coach, Jane Doe, said"),
     * a pronoun opening the sentence ("He said", "But she warned") or a description ("The company
     * said", "The minister told").
     */
    private static Entity subject(List<Token> t, int v, int sentenceStart, Mentions mentions) {
        Token before = t.get(v - 1);
        Entity speaker = mentions.endingAt(before.end());
        if (speaker != null) {
            return speaker;
        }
        if (before.text().equals(",")) {
            if (v >= 2) {
                speaker = mentions.endingAt(t.get(v - 2).end()); // "Her coach, Jane Doe, said"
                if (speaker != null) {
                    return speaker;
                }
            }
            for (int k = v - 2; k >= 1 && k >= v - 10; k--) {
                if (t.get(k).text().equals(",")) {
                    return mentions.endingAt(t.get(k - 1).end()); // "Jane Doe, the minister, said"
                }
            }
            return null;
        }
        boolean opens = true;
        for (int k = 0; k < v - 1; k++) {
            String w = t.get(k).text().toLowerCase(Locale.ROOT);
            if (!CONJUNCTIONS.contains(w) && !w.equals(",")) {
                opens = false;
            }
        }
        if (opens && PRONOUN.matcher(before.text()).matches()) {
            return mentions.personBefore(sentenceStart);
        }
        if (v >= 2 && t.get(v - 2).text().equalsIgnoreCase("the") && (v == 2 || opensAfter(t, v - 2))) {
            String noun = before.text().toLowerCase(Locale.ROOT);
            if (COMPANY_NOUNS.contains(noun) || BODY_NOUNS.contains(noun)) {
                return mentions.organisationBefore(sentenceStart, noun);
            }
            if (PERSON_NOUNS.contains(noun)) {
                return mentions.personBefore(sentenceStart);
            }
        }
        return null;
    }

    private static boolean opensAfter(List<Token> t, int k) {
        for (int i = 0; i < k; i++) {
            if (!CONJUNCTIONS.contains(t.get(i).text().toLowerCase(Locale.ROOT)) && !t.get(i).text().equals(",")) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reported speech closed by its attribution: {@code The talks failed, Jane Doe said (on
     * Monday).}, {@code ..., said Jane Doe.}, {@code ..., its director, Jane Doe, said.}, {@code
     * ..., he said.}, {@code ..., the carmaker said.}
     */
    private static Quote closingAttribution(String text, Sentence s, Mentions mentions) {
        List<Token> t = s.tokens();
        for (int v = 2; v < t.size(); v++) {
            Token verb = t.get(v);
            if (!verb.word() || !VERB_WORDS.contains(verb.text()) || !closesSentence(t, v)) {
                continue;
            }
            int comma;
            Entity speaker;
            if (t.get(v - 1).text().equals(",")) {
                // "..., said Jane Doe." or "..., Jane Doe, said."
                speaker = mentions.startingAt(v + 1 < t.size() ? t.get(v + 1).start() : -1);
                comma = v - 1;
                if (speaker == null) {
                    speaker = subject(t, v, s.start(), mentions);
                    int first = speaker == null ? -1 : subjectStart(t, v - 1, mentions);
                    comma = first < 0 ? -1 : commaBefore(t, first);
                }
            } else if (PRONOUN.matcher(t.get(v - 1).text()).matches() && t.get(v - 2).text().equals(",")) {
                speaker = mentions.personBefore(s.start()); // "..., he said."
                comma = v - 2;
            } else {
                speaker = subject(t, v, s.start(), mentions);
                int first = speaker == null ? -1 : subjectStart(t, v, mentions);
                comma = first < 0 ? -1 : commaBefore(t, first);
            }
            if (speaker == null || comma <= 0) {
                continue;
            }
            // "..., its director, Jane Doe, said": the clause ends before the appositive
            int c2 = commaBefore(t, comma);
            if (c2 > 0 && comma - c2 <= 4 && Character.isLowerCase(t.get(c2 + 1).text().charAt(0))
                    && !mentionBetween(t, c2, comma, mentions)) {
                comma = c2;
            }
            int start = s.start();
            int end = t.get(comma).start();
            if (words(text, start, end) >= MIN_CLOSING_CLAUSE_WORDS) {
                return new Quote(text.substring(start, end), start, end, speaker, false);
            }
        }
        return null;
    }

    /** Whether only a short adverbial ("on Monday", "in a statement") follows the verb at {@code v}. */
    private static boolean closesSentence(List<Token> t, int v) {
        int rest = 0;
        for (int k = v + 1; k < t.size(); k++) {
            String w = t.get(k).text();
            if (w.equals(",") && rest > 0) {
                continue;
            }
            if (t.get(k).word() && ++rest > 8) {
                return false;
            }
        }
        return true;
    }

    /** The first token of the subject ending right before the verb at {@code v}. */
    private static int subjectStart(List<Token> t, int v, Mentions mentions) {
        int end = t.get(v - 1).end();
        int start = mentions.startOfMentionEndingAt(end);
        int k = v - 1;
        if (start >= 0) {
            while (k > 0 && t.get(k).start() > start) {
                k--;
            }
            return k;
        }
        // a pronoun or "the carmaker"
        return k >= 1 && t.get(k - 1).text().equalsIgnoreCase("the") ? k - 1 : k;
    }

    /**
     * The comma right before the subject starting at token {@code first}, past a few lower-case
     * words describing it ("..., headteacher Jane Doe said", "..., the carmaker said"); -1 if none.
     */
    private static int commaBefore(List<Token> t, int first) {
        for (int k = first - 1; k >= 0 && k >= first - 4; k--) {
            String w = t.get(k).text();
            if (w.equals(",")) {
                return k;
            }
            if (!t.get(k).word() || !Character.isLowerCase(w.charAt(0))) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean mentionBetween(List<Token> t, int a, int b, Mentions mentions) {
        return mentions.within(t.get(a).end(), t.get(b).start()) != null;
    }

    /** Whether a sentence has a speech verb or "according": the cheap test before the patterns. */
    private static boolean speaks(List<Token> t) {
        for (int i = 0; i < t.size(); i++) {
            Token token = t.get(i);
            String w = token.text();
            if (token.word() && w.length() >= 4 && w.length() <= 12 && (SPEECH_WORDS.contains(w)
                    || i == 0 && SPEECH_WORDS.contains(w.toLowerCase(Locale.ROOT)))) {
                return true;
            }
        }
        return false;
    }

    /** Where the reported clause starts after the verb at {@code v}: past "that", "told reporters", "on Monday". */
    private static int clauseStart(List<Token> t, int v, Mentions mentions) {
        int j = v + 1;
        for (int k = j; k < t.size() && k <= v + 8; k++) {
            if (t.get(k).text().equals(",") || t.get(k).text().equals(";")) {
                break;
            }
            if (t.get(k).text().equalsIgnoreCase("that")) {
                return k + 1;
            }
        }
        String verb = t.get(v).text().toLowerCase(Locale.ROOT);
        if (verb.equals("told") || verb.equals("tells")) {
            Entity object = mentions.startingAt(t.get(j).start());
            if (object != null) {
                while (j < t.size() && t.get(j).start() < mentions.endOf(object, t.get(j).start())) {
                    j++;
                }
            } else if (j < t.size() && TOLD_OBJECTS.contains(t.get(j).text().toLowerCase(Locale.ROOT))) {
                j++;
            }
        }
        while (j + 1 < t.size() && (t.get(j).text().equals("on") || t.get(j).text().equals("in")
                || t.get(j).text().equals("at")) && Character.isUpperCase(t.get(j + 1).text().charAt(0))) {
            j += 2; // "said on Monday", "said in Geneva"
        }
        if (j < t.size() && t.get(j).text().equals(",")) {
            j++;
        }
        return j;
    }

    // ------------------------------------------------------------------ speakers

    /** The entity a speaker phrase names: a name in it, else a pronoun or description pointing back. */
    private static Entity resolve(String text, int s, int e, int anchor, Mentions mentions) {
        Entity named = mentions.within(s, e);
        if (named != null) {
            return named;
        }
        String phrase = text.substring(s, e).strip().toLowerCase(Locale.ROOT);
        if (PRONOUN.matcher(phrase).matches()) {
            return mentions.personBefore(anchor);
        }
        if (phrase.startsWith("the ")) {
            String head = lastWords(phrase, 1);
            if (PERSON_NOUNS.contains(head) && wordCount(phrase) <= 4) {
                return mentions.personBefore(anchor);
            }
            if ((COMPANY_NOUNS.contains(head) || BODY_NOUNS.contains(head)) && wordCount(phrase) <= 4) {
                return mentions.organisationBefore(anchor, head);
            }
        }
        return null;
    }

    /** "the agency ...", "the minister ...": the last organisation or person named before. */
    private static Entity described(String rest, int anchor, Mentions mentions) {
        String[] w = rest.toLowerCase(Locale.ROOT).split("[^\\p{L}]+");
        if (w.length < 2 || !w[0].equals("the")) {
            return null;
        }
        if (COMPANY_NOUNS.contains(w[1]) || BODY_NOUNS.contains(w[1])) {
            return mentions.organisationBefore(anchor, w[1]);
        }
        return PERSON_NOUNS.contains(w[1]) ? mentions.personBefore(anchor) : null;
    }

    /** The article's people and organisations by where they are mentioned. */
    private static final class Mentions {
        private final int[] starts;
        private final int[] ends;
        private final Entity[] owners;

        Mentions(List<Entity> entities) {
            List<Object[]> all = new ArrayList<>();
            for (Entity e : entities) {
                if (e.type() != EntityType.PERSON && e.type() != EntityType.ORGANIZATION) {
                    continue;
                }
                for (Span span : e.offsets()) {
                    all.add(new Object[] {span.start(), span.end(), e});
                }
            }
            all.sort(Comparator.comparingInt(o -> (Integer) o[0]));
            starts = new int[all.size()];
            ends = new int[all.size()];
            owners = new Entity[all.size()];
            for (int i = 0; i < all.size(); i++) {
                starts[i] = (Integer) all.get(i)[0];
                ends[i] = (Integer) all.get(i)[1];
                owners[i] = (Entity) all.get(i)[2];
            }
        }

        boolean isEmpty() {
            return starts.length == 0;
        }

        /** The first person named within [s, e), else the first organisation. */
        Entity within(int s, int e) {
            Entity org = null;
            for (int i = 0; i < starts.length && starts[i] < e; i++) {
                if (starts[i] >= s && ends[i] <= e) {
                    if (owners[i].type() == EntityType.PERSON) {
                        return owners[i];
                    }
                    if (org == null) {
                        org = owners[i];
                    }
                }
            }
            return org;
        }

        Entity endingAt(int end) {
            for (int i = 0; i < starts.length && starts[i] < end; i++) {
                if (ends[i] == end) {
                    return owners[i];
                }
            }
            return null;
        }

        int startOfMentionEndingAt(int end) {
            for (int i = 0; i < starts.length && starts[i] < end; i++) {
                if (ends[i] == end) {
                    return starts[i];
                }
            }
            return -1;
        }

        Entity startingAt(int start) {
            for (int i = 0; i < starts.length && starts[i] <= start; i++) {
                if (starts[i] == start) {
                    return owners[i];
                }
            }
            return null;
        }

        int endOf(Entity owner, int start) {
            for (int i = 0; i < starts.length; i++) {
                if (owners[i] == owner && starts[i] == start) {
                    return ends[i];
                }
            }
            return start;
        }

        Entity startingIn(int from, int to) {
            for (int i = 0; i < starts.length && starts[i] < to; i++) {
                if (starts[i] >= from) {
                    return owners[i];
                }
            }
            return null;
        }

        /** The mention ending last before {@code verb} and at or after {@code from}, when only a few words part them. */
        Entity endingBefore(int verb, int from) {
            for (int i = starts.length - 1; i >= 0; i--) {
                if (ends[i] <= verb && starts[i] >= from) {
                    return verb - ends[i] <= 40 ? owners[i] : null;
                }
            }
            return null;
        }

        Entity personBefore(int anchor) {
            return lastBefore(anchor, EntityType.PERSON);
        }

        /**
         * The organisation a description before {@code anchor} points to: for a business noun the
         * one named most before it (the first named among equals); for a body noun the last one
         * whose name holds the noun ("the ministry": "Defence Ministry").
         */
        Entity organisationBefore(int anchor, String noun) {
            if (BODY_NOUNS.contains(noun)) {
                for (int i = starts.length - 1; i >= 0; i--) {
                    if (ends[i] <= anchor && owners[i].type() == EntityType.ORGANIZATION
                            && owners[i].canonicalName().toLowerCase(Locale.ROOT).contains(noun)) {
                        return owners[i];
                    }
                }
                return null;
            }
            java.util.Map<Entity, Integer> counts = new java.util.LinkedHashMap<>();
            for (int i = 0; i < starts.length && ends[i] <= anchor; i++) {
                if (owners[i].type() == EntityType.ORGANIZATION) {
                    counts.merge(owners[i], 1, Integer::sum);
                }
            }
            Entity best = null;
            int max = 0;
            for (java.util.Map.Entry<Entity, Integer> e : counts.entrySet()) {
                if (e.getValue() > max) {
                    max = e.getValue();
                    best = e.getKey();
                }
            }
            return best;
        }

        private Entity lastBefore(int anchor, EntityType type) {
            for (int i = starts.length - 1; i >= 0; i--) {
                if (ends[i] <= anchor && owners[i].type() == type) {
                    return owners[i];
                }
            }
            return null;
        }
    }

    // ------------------------------------------------------------------ text helpers

    private static int sentenceStart(String text, int ps, int at) {
        for (int i = at - 1; i > ps; i--) {
            char c = text.charAt(i);
            if ((c == '.' || c == '!' || c == '?' || c == '\u201D') && i + 1 < at
                    && Character.isWhitespace(text.charAt(i + 1)) && !abbreviationBefore(text, i)) {
                return i + 1;
            }
        }
        return ps;
    }

    private static boolean abbreviationBefore(String text, int dot) {
        if (text.charAt(dot) != '.') {
            return false;
        }
        int w = dot;
        while (w > 0 && Character.isLetter(text.charAt(w - 1))) {
            w--;
        }
        int len = dot - w;
        return len <= 3 && len > 0 && Character.isUpperCase(text.charAt(w));
    }

    private static boolean opensSentence(String text, int ps, int open) {
        return sentenceStart(text, ps, open) >= open - 1 || text.substring(ps, open).isBlank();
    }

    /** Offsets of every quotation mark, in order. */
    private static int[] quoteMarks(String text) {
        int n = 0;
        int[] marks = new int[16];
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' || c == '\u201C' || c == '\u201D' || c == '\u00AB' || c == '\u00BB') {
                if (n == marks.length) {
                    marks = java.util.Arrays.copyOf(marks, n * 2);
                }
                marks[n++] = i;
            }
        }
        return java.util.Arrays.copyOf(marks, n);
    }

    private static int indexOfAny(String text, int from, int to, String chars) {
        for (int i = from; i < to; i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfIgnoreCase(String s, String what) {
        return s.toLowerCase(Locale.ROOT).indexOf(what);
    }

    private static int trimEnd(String text, int start, int end) {
        int e = end;
        while (e > start && (Character.isWhitespace(text.charAt(e - 1)) || text.charAt(e - 1) == '.')) {
            e--;
        }
        return e;
    }

    private static int words(String text, int s, int e) {
        int n = 0;
        boolean in = false;
        for (int i = s; i < e; i++) {
            boolean w = Character.isLetterOrDigit(text.charAt(i));
            if (w && !in) {
                n++;
            }
            in = w;
        }
        return n;
    }

    private static int wordCount(String s) {
        return words(s, 0, s.length());
    }

    private static String lastWords(String s, int n) {
        String[] parts = s.strip().split("\\s+");
        return parts.length == 0 ? "" : parts[parts.length - 1].replaceAll("[^\\p{L}]", "");
    }
}
