package io.newsflow.enrich.entities;

import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * One run of the recognizer over one article: sentence-level candidate finding, then the
 * article-level merge. Not shared between threads.
 */
final class Recognition {

    /** Abbreviations whose full stop stays inside a name ("St. Louis", "John F. Kennedy Jr."). */
    private static final Set<String> NAME_ABBREVIATIONS = Set.of("st", "mt", "ft", "jr", "sr", "inc", "corp",
            "ltd", "co", "bros", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "adm", "gov",
            "sen", "rep", "prof", "rev", "cmdr", "brig", "cpl", "pvt", "messrs", "supt");
    /** Abbreviations that keep their full stop at the end of a name ("Apple Inc."). */
    private static final Set<String> FINAL_DOT = Set.of("inc", "corp", "ltd", "co", "jr", "sr", "bros");
    /** Hyphenated suffixes that are not part of the name ("London-based", "Kremlin-backed"). */
    private static final Set<String> NAME_SUFFIXES = Set.of("based", "born", "led", "backed", "owned", "run",
            "made", "controlled", "linked", "funded", "bound", "registered", "headquartered", "focused", "allied",
            "aligned", "occupied", "held", "era", "style", "themed", "inspired", "brokered", "sponsored", "wide",
            "related", "american", "americans");
    /** Organisation heads that outweigh a given name ("Jordan University" is no person). */
    private static final Set<String> STRONG_ORG_HEADS = Set.of("inc", "corp", "corporation", "ltd", "llc", "plc",
            "ag", "gmbh", "group", "party", "ministry", "department", "university", "college", "institute",
            "agency", "council", "committee", "commission", "bank", "association", "foundation", "union",
            "federation", "league", "club", "fc", "airlines", "airways", "company", "holdings", "authority");
    /** Event and law heads that outweigh a given name ("Nathan Law" is a person, "Patriot Act" not). */
    private static final Set<String> STRONG_MISC_HEADS = Set.of("war", "wars", "cup", "olympics", "games",
            "prize", "award", "awards", "festival", "championship", "championships", "act", "treaty", "accord",
            "accords", "agreement", "summit", "conference", "expo", "marathon", "bowl", "tournament", "fair",
            "finals", "final", "trophy", "open");
    private static final Set<String> CORPORATE_SUFFIXES = Set.of("group", "corp", "corporation", "inc", "co",
            "ltd", "plc", "holdings", "ag", "sa", "se", "nv", "llc", "company", "platforms", "motor", "motors");
    private static final Set<String> ROMANCE_ARTICLES = Set.of("las", "los", "la", "le", "les", "el", "il", "lo");
    private static final Pattern ROMAN = Pattern.compile("[IVXLC]+");
    private static final Set<String> OPENERS = Set.of("\"", "\u201C", "\u2018", "'", "(", "[", ":", "\u2014",
            "\u2013", "-", "\u00AB", "\u2022", "*", "|");

    private final Knowledge knowledge;
    private final Lexicon.Language lex;
    private final Predicate<String> knownPlaces;
    private final TextAnalysis analysis;
    private final String text;
    private final boolean cased;
    private final boolean english;
    private final List<Mention> mentions = new ArrayList<>();
    /** A sports story: results verbs ("won", "led", "against") then speak of teams. */
    private final boolean sports;

    // the current sentence, as parallel arrays
    private int n;
    private String[] raw;
    private String[] lower;
    private String[] key;
    private int[] start;
    private int[] end;
    private boolean[] word;
    private boolean[] cap;
    private boolean[] allCaps;
    private boolean[] closes; // possessive or "-based": the name ends with this token
    private String[] suffix; // the hyphenated suffix cut off, or null
    private boolean titleCase;

    Recognition(Knowledge knowledge, Lexicon.Language lex, Predicate<String> knownPlaces, TextAnalysis analysis,
            boolean cased, boolean english) {
        this.knowledge = knowledge;
        this.lex = lex;
        this.knownPlaces = knownPlaces;
        this.analysis = analysis;
        this.text = analysis.text();
        this.cased = cased;
        this.english = english;
        this.sports = english && isSportsStory(analysis);
    }

    private static boolean isSportsStory(TextAnalysis analysis) {
        int hits = 0;
        for (Token t : analysis.tokens()) {
            String w = t.text();
            // sport words are written in lower case in running text: no case folding per token
            if (t.word() && w.length() >= 3 && Character.isLowerCase(w.charAt(0)) && OrgCues.SPORT.contains(w)
                    && ++hits >= OrgCues.MIN_SPORT_WORDS) {
                return true;
            }
        }
        return false;
    }

    List<Entity> run() {
        for (Sentence s : analysis.sentences()) {
            load(s.tokens());
            scan();
        }
        return new Resolution(knowledge, lex, analysis, mentions).entities();
    }

    // ---------------------------------------------------------------- sentence level

    private void load(List<Token> tokens) {
        n = tokens.size();
        if (raw == null || raw.length < n) {
            int c = Math.max(n, 64);
            raw = new String[c];
            lower = new String[c];
            key = new String[c];
            start = new int[c];
            end = new int[c];
            word = new boolean[c];
            cap = new boolean[c];
            allCaps = new boolean[c];
            closes = new boolean[c];
            suffix = new String[c];
        }
        int words = 0;
        int capitalised = 0;
        for (int i = 0; i < n; i++) {
            Token t = tokens.get(i);
            String s = t.text();
            int e = t.end();
            boolean close = false;
            String cut = null;
            boolean upperStart = t.word() && !Character.isLowerCase(s.charAt(0)) && !Character.isDigit(s.charAt(0));
            if (upperStart && s.length() > 2) {
                char q = s.charAt(s.length() - 2);
                char last = s.charAt(s.length() - 1);
                if ((q == '\'' || q == '\u2019') && (last == 's' || last == 'S')) {
                    s = s.substring(0, s.length() - 2);
                    e -= 2;
                    close = true;
                } else {
                    int h = s.lastIndexOf('-');
                    if (h > 0 && h < s.length() - 1) {
                        String tail = s.substring(h + 1).toLowerCase(Locale.ROOT);
                        if (NAME_SUFFIXES.contains(tail)
                                || Character.isLowerCase(s.charAt(h + 1)) && tail.length() > 3 && lex.common(tail)) {
                            // "London-based", "Booker Prize-winner": the tail describes the name
                            cut = tail;
                            e -= s.length() - h;
                            s = s.substring(0, h);
                            close = true;
                        }
                    }
                }
            }
            raw[i] = s;
            lower[i] = lowerCase(s);
            start[i] = t.start();
            end[i] = e;
            word[i] = t.word();
            allCaps[i] = upperStart && t.allCaps();
            cap[i] = upperStart ? t.capitalized() : t.word() && s.length() > 3 && particlePrefixed(s);
            key[i] = cap[i] || upperStart ? Knowledge.fold(s) : s;
            closes[i] = close;
            suffix[i] = cut;
            if (allCaps[i] && s.length() > 3 && lex.common(lower[i]) && !knowledgeStart(i)) {
                cap[i] = false; // "FRANCE WINS": a subhead's everyday words
            }
            if (t.word() && Character.isLetter(s.codePointAt(0))) {
                words++;
                if (cap[i]) {
                    capitalised++;
                }
            }
        }
        // Headlines in Title Case and lines in capitals: every word is capitalised, so
        // capitalisation says nothing; only the knowledge file and given names are trusted there.
        titleCase = words >= 4 && (capitalised == words
                || capitalised * 10 >= words * 7 && capitalisedFunctionWord());
        if (titleCase) {
            for (int i = 0; i < n; i++) {
                if (cap[i] && (allCaps[i] && words > 3 && !knowledgeStart(i) || lex.common(lower[i])
                        && !lex.firstName(lower[i]) && !knowledgeStart(i))) {
                    cap[i] = false;
                }
            }
        }
    }

    /** Lower case with a plain apostrophe; most words are lower case already and are kept as they are. */
    private static String lowerCase(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isUpperCase(c) || c == '\u2019' || c > 0x7F && Character.isLetter(c)) {
                return s.toLowerCase(Locale.ROOT).replace('\u2019', '\'');
            }
        }
        return s;
    }

    /** A capitalised "As", "Of", "In" after the first word: the mark of a Title Case headline. */
    private boolean capitalisedFunctionWord() {
        for (int i = 1; i < n; i++) {
            if (cap[i] && !allCaps[i] && raw[i].length() <= 4 && lex.functionWord(lower[i]) && word[i - 1]) {
                return true;
            }
        }
        return false;
    }

    /** "al-Assad", "el-Sisi", "bin-Salman": a lower-case particle joined to a capitalised name. */
    private static boolean particlePrefixed(String s) {
        int h = s.charAt(2) == '-' ? 2 : s.charAt(3) == '-' ? 3 : -1;
        return h > 0 && h + 1 < s.length() && Character.isUpperCase(s.charAt(h + 1))
                && Cues.PARTICLES.contains(s.substring(0, h));
    }

    private boolean knowledgeStart(int i) {
        return knowledge.root().next.containsKey(key[i]);
    }

    private void scan() {
        int k = 0;
        while (k < n) {
            if (!cap[k] || Cues.NEVER.contains(lower[k]) && !knowledgeStart(k)) {
                k++;
                continue;
            }
            int e = k + 1;
            boolean bridged = false;
            while (e < n && !closes[e - 1]) {
                if (cap[e] && !Cues.NEVER.contains(lower[e])) {
                    if (!titleCase && raw[e].length() <= 3 && lex.functionWord(lower[e]) && !allCaps[e]
                            && !lex.firstName(lower[e]) && !knowledgeStart(e) && !Cues.ORG_HEADS.contains(lower[e])
                            && !NAME_ABBREVIATIONS.contains(lower[e])) {
                        break; // "In" or "The" inside a sentence starts something new
                    }
                    e++;
                    continue;
                }
                if (raw[e].equals(".") && start[e] == end[e - 1] && e + 1 < n && cap[e + 1]
                        && (isInitial(e - 1) || NAME_ABBREVIATIONS.contains(lower[e - 1]))) {
                    e += 2;
                    continue;
                }
                if (raw[e].equals("&") && e + 1 < n && cap[e + 1]) {
                    e += 2;
                    continue;
                }
                if (compactJoin(e)) {
                    e += 2; // "RFE/RL", "AT&T": one name written without spaces
                    continue;
                }
                if (word[e] && Cues.PARTICLES.contains(raw[e])) {
                    int m = e;
                    while (m < n && m - e < 3 && word[m] && Cues.PARTICLES.contains(raw[m])) {
                        m++;
                    }
                    if (m < n && cap[m] && !allCaps[m]) {
                        e = m + 1;
                        continue;
                    }
                }
                if ((raw[e].equals("of") || raw[e].equals("for") || raw[e].equals("on"))
                        && Cues.OF_HEADS.contains(lower[e - 1]) && !raw[e - 1].equals(".")) {
                    int m = e + 1;
                    if (m < n && raw[m].equals("the")) {
                        m++;
                    }
                    if (m < n && cap[m] && !Cues.NEVER.contains(lower[m])) {
                        e = m + 1;
                        bridged = true;
                        continue;
                    }
                }
                if (bridged && (raw[e].equals("and") || raw[e].equals("&")) && e + 1 < n && cap[e + 1]) {
                    e += 2;
                    continue;
                }
                break;
            }
            if (e < n && word[e] && !cap[e]) {
                for (int j = k; j < e; j++) {
                    int known = matchKnowledge(j, n, j == k);
                    if (known > e) {
                        e = known; // "Securities and Exchange Commission"
                    }
                }
            }
            run(k, e);
            k = e;
        }
    }

    /** A slash or ampersand glued between two capitalised parts: "RFE/RL", "AT&T", "S&P". */
    private boolean compactJoin(int e) {
        return e > 0 && e + 1 < n && (raw[e].equals("/") || raw[e].equals("&")) && start[e] == end[e - 1]
                && start[e + 1] == end[e] && word[e - 1] && word[e + 1] && Character.isUpperCase(raw[e + 1].charAt(0))
                && (allCaps[e - 1] || raw[e - 1].length() == 1) && (allCaps[e + 1] || raw[e + 1].length() == 1);
    }

    private boolean compact(int a, int b) {
        for (int i = a + 1; i < b; i++) {
            if (compactJoin(i)) {
                return true;
            }
        }
        return false;
    }

    private boolean isInitial(int i) {
        return word[i] && raw[i].length() == 1 && Character.isUpperCase(raw[i].charAt(0));
    }

    /** One capitalised run: knowledge matches, titles and the unknown stretches between them. */
    private void run(int a, int b) {
        while (a + 1 < b && lower[a].equals("the")) {
            a++; // "The U.S. Air Force": the article is no part of the name
        }
        int seg = a;
        int p = a;
        boolean personCue = false;
        while (p < b) {
            int m = matchKnowledge(p, b, p == a);
            if (m > p) {
                Knowledge.Node node = lastMatch;
                Knowledge.Entry entry = node.entry;
                boolean override = false;
                if (m - p == 1 && entry.type() != EntityType.PERSON && p == seg && m < b && cap[m]
                        && lex.strongFirstName(lower[p]) && !Cues.ORG_HEADS.contains(lower[b - 1])
                        && !knowledgeStart(m)) {
                    override = true; // "Jordan Peterson", "Israel Katz"
                }
                if (!override && p > seg && bridgedBefore(seg, p) && !hasTitle(seg, b)) {
                    // "University of Southern California", "State of Indiana": one name
                    unknown(seg, b, personCue, false);
                    return;
                }
                if (entry.type() == EntityType.ORGANIZATION) {
                    while (m < b && CORPORATE_SUFFIXES.contains(lower[m])) {
                        m++; // "SoftBank Group Corp", "Deutsche Bank AG"
                    }
                }
                if (!override && entry.type() != EntityType.PERSON && m < b && p == seg && !hasTitle(m, b - 1)
                        && (Cues.ORG_HEADS.contains(lower[b - 1]) || STRONG_MISC_HEADS.contains(lower[b - 1]))
                        && (entry.type() != EntityType.ORGANIZATION || b - m == 1)) {
                    // "Russian Defence Ministry", "New York Stock Exchange": one organisation
                    keepStart = true;
                    unknown(p, b, personCue, false);
                    keepStart = false;
                    return;
                }
                if (!override) {
                    unknown(seg, p, personCue, false);
                    personCue = false;
                    int s = start[p];
                    int e = end[m - 1];
                    if (m < n && raw[m].equals(".") && FINAL_DOT.contains(lower[m - 1]) && start[m] == e) {
                        e = end[m];
                    }
                    double score = m - p > 1 ? 0.95 : raw[p].length() <= 2 ? 0.85 : 0.9;
                    add(s, e, p, m, entry.type(), score, entry);
                    p = m;
                    seg = p;
                    continue;
                }
            }
            if (allCaps[p] && p + 1 < b && lex.strongFirstName(lower[p + 1]) && !allCaps[p + 1]) {
                unknown(seg, p, personCue, false);
                unknown(p, p + 1, false, true);
                personCue = true;
                p++;
                seg = p;
                continue;
            }
            if (word[p] && Cues.TITLES.contains(lower[p]) && p + 1 < b) {
                int q = p;
                while (q < b && (word[q] && Cues.TITLES.contains(lower[q]) || raw[q].equals(".")
                        || raw[q].equals("-"))) {
                    q++;
                }
                if (q < b && q > p && looksLikePersonStart(q, b)) {
                    unknown(seg, p, personCue, true);
                    personCue = true;
                    p = q;
                    seg = q;
                    continue;
                }
            }
            p++;
        }
        unknown(seg, b, personCue, false);
    }

    private boolean bridgedBefore(int a, int p) {
        for (int i = a + 1; i < p; i++) {
            if (raw[i].equals("of") || raw[i].equals("for")) {
                return true;
            }
        }
        return false;
    }

    private boolean hasTitle(int a, int b) {
        for (int i = a; i < b; i++) {
            if (word[i] && Cues.TITLES.contains(lower[i])) {
                return true;
            }
        }
        return false;
    }

    private boolean looksLikePersonStart(int q, int b) {
        if (!word[q] || allCaps[q]) {
            return false;
        }
        if (matchKnowledge(q, b, false) > q) {
            return lastMatch.entry.type() == EntityType.PERSON;
        }
        return lex.firstName(lower[q]) || !lex.common(lower[q]) || isInitial(q);
    }

    private Knowledge.Node lastMatch;
    /** The stretch starts with a known name, so its first word is no sentence-initial filler. */
    private boolean keepStart;

    /** End of the longest knowledge alias starting at {@code p} and ending by {@code b}, or p. */
    private int matchKnowledge(int p, int b, boolean runStart) {
        Knowledge.Node node = knowledge.root();
        int best = p;
        int i = p;
        while (i < b) {
            if (raw[i].equals(".") && i > p && start[i] == end[i - 1]) {
                i++; // "St. Petersburg" is stored without the dot's token boundary
                continue;
            }
            Knowledge.Node next = node.next.get(key[i]);
            if (next == null && allCaps[i] && raw[i].length() >= 4) {
                next = node.next.get(capsKey(i)); // "KYIV, Ukraine (Reuters)"
            }
            if (next == null) {
                break;
            }
            node = next;
            i++;
            if (node.entry != null && (!node.needsThe || p > 0 && lower[p - 1].equals("the"))) {
                best = i;
                lastMatch = node;
            }
            if (closes[i - 1]) {
                break;
            }
        }
        return best;
    }

    private String capsKey(int i) {
        String r = raw[i];
        return Knowledge.fold(r.charAt(0) + r.substring(1).toLowerCase(Locale.ROOT));
    }

    /** Classifies a stretch of a run that no knowledge entry covers. */
    private void unknown(int a, int b, boolean personCue, boolean beforeTitle) {
        // drop what is not a name: sentence-initial everyday words, days and months, punctuation
        while (a < b && (!word[a] || Cues.NEVER.contains(lower[a])
                || !keepStart && sentenceInitial(a) && startsLikeProse(a, b) && !(b - a == 2 && word[a + 1]
                        && Cues.ORG_HEADS.contains(lower[a + 1]) && !lex.functionWord(lower[a])
                        && !Cues.SENTENCE_STARTERS.contains(lower[a]))
                || lower[a].equals("the") && a + 1 < b)) {
            a++;
        }
        while (b > a && !word[b - 1]) {
            b--;
        }
        if (a >= b) {
            return;
        }
        if (b - a == 1 && (raw[a].length() == 1 || Cues.NOT_ACRONYMS.contains(raw[a]) || looksRandom(raw[a]))) {
            return; // a lone letter ("Group G"), an all-caps word that names nothing ("CEO"), a link code
        }
        if (a > 0 && (raw[a - 1].equals("@") || raw[a - 1].equals("#")) && start[a] == end[a - 1]) {
            return; // handles and hashtags are not written names
        }
        int len = b - a;
        String first = lower[a];
        String last = lower[b - 1];
        int hyphen = last.lastIndexOf('-');
        if (hyphen > 0 && hyphen < last.length() - 1 && Cues.ORG_HEADS.contains(last.substring(hyphen + 1))) {
            last = last.substring(hyphen + 1); // "Pittsburgh Post-Gazette"
        }
        boolean strongFirst = lex.strongFirstName(first) && !allCaps[a];
        boolean anyFirst = lex.firstName(first) && !allCaps[a];
        boolean allUncommon = true;
        for (int i = a; i < b; i++) {
            if (word[i] && (lex.common(lower[i]) || Cues.PARTICLES.contains(raw[i]))) {
                allUncommon = false;
            }
        }
        boolean acronym = len == 1 && allCaps[a] && !Cues.NOT_ACRONYMS.contains(raw[a]) && raw[a].length() <= 7
                && !ROMAN.matcher(raw[a]).matches();
        String prev = a > 0 && word[a - 1] ? lower[a - 1] : "";
        String prev2 = prev.equals("the") && a > 1 && word[a - 2] ? lower[a - 2] : prev;
        String next = b < n ? lower[b] : "";

        if (beforeTitle) {
            // "Foreign Minister", "Apple CEO": keep only what is a name by itself
            if (acronym || !allUncommon && !STRONG_ORG_HEADS.contains(last)) {
                if (acronym) {
                    add(a, b, EntityType.ORGANIZATION, 0.6);
                }
                return;
            }
        }
        if (!cased) {
            // no capitalisation guesswork: only strong cues
            if (personCue && len >= 1 || strongFirst && len >= 2) {
                add(a, b, EntityType.PERSON, 0.7);
            } else if (len >= 2 && STRONG_ORG_HEADS.contains(last)) {
                add(a, b, EntityType.ORGANIZATION, 0.6);
            } else if (acronym && raw[a].length() >= 3) {
                add(a, b, EntityType.ORGANIZATION, 0.5);
            }
            return;
        }
        if (compact(a, b)) {
            add(a, b, EntityType.ORGANIZATION, 0.7); // "RFE/RL", "AT&T"
            return;
        }
        String cut = suffix[b - 1];
        if (cut != null && (cut.equals("based") || cut.equals("born") || cut.equals("headquartered"))) {
            add(a, b, EntityType.LOCATION, 0.75);
            return;
        }
        if (len >= 2 && STRONG_ORG_HEADS.contains(last)) {
            add(a, b, EntityType.ORGANIZATION, 0.8);
            return;
        }
        if (len >= 3 && bridgedBefore(a, b) && Cues.OF_HEADS.contains(first)) {
            // "Institute for Fiscal Studies", "Gulf of Aden"
            boolean place = Cues.LOC_HEADS.contains(first) && !Cues.ORG_HEADS.contains(first);
            add(a, b, place ? EntityType.LOCATION : EntityType.ORGANIZATION, 0.7);
            return;
        }
        if (personCue) {
            while (b - a > 1 && lex.common(lower[a]) && !lex.firstName(lower[a])) {
                a++; // "Secretary of State Marco Rubio" leaves "State Marco Rubio"
            }
            if (b - a <= 4) {
                add(a, b, EntityType.PERSON, 0.85);
            }
            return;
        }
        if (len >= 2 && ROMANCE_ARTICLES.contains(first) && !hasParticleInside(a, b)) {
            add(a, b, EntityType.LOCATION, 0.55); // "Las Vegas", "La Paz"
            return;
        }
        if (len >= 3 && hasParticleInside(a, b) && !Cues.ORG_HEADS.contains(last) && !Cues.LOC_HEADS.contains(last)
                && (english || anyFirst)) {
            add(a, b, EntityType.PERSON, 0.65); // "Botic van de Zandschulp", "Charles de Gaulle"
            return;
        }
        if (len >= 2 && len <= 4 && strongFirst && !Cues.LOC_HEADS.contains(last)
                && !STRONG_MISC_HEADS.contains(last) && !Cues.ORG_HEADS.contains(last)) {
            add(a, b, EntityType.PERSON, 0.8);
            return;
        }
        if (len >= 2 && Cues.ORG_HEADS.contains(last)) {
            add(a, b, EntityType.ORGANIZATION, 0.7);
            return;
        }
        if (len >= 2 && (Cues.LOC_HEADS.contains(last) || Cues.LOC_STARTS.contains(first) && !anyFirst)) {
            add(a, b, EntityType.LOCATION, 0.65);
            return;
        }
        if (len >= 2 && Cues.MISC_HEADS.contains(last)) {
            add(a, b, EntityType.MISC, 0.65);
            return;
        }
        String name = text.substring(start[a], end[b - 1]);
        if (knownPlaces.test(name)) {
            add(a, b, EntityType.LOCATION, 0.7);
            return;
        }
        if (b + 1 < n && raw[b].equals(",") && isKnownPlace(b + 1)) {
            add(a, b, EntityType.LOCATION, 0.7); // "Paris, Texas"
            return;
        }
        if (len >= 2 && len <= 4 && anyFirst && allUncommonAfter(a + 1, b)) {
            add(a, b, EntityType.PERSON, 0.65);
            return;
        }
        if (len == 2 && anyFirst && !lex.common(lower[a + 1]) || len == 2 && strongFirst) {
            add(a, b, EntityType.PERSON, 0.55); // "Tom Cruise"
            return;
        }
        if (acronym) {
            add(a, b, EntityType.ORGANIZATION, 0.6);
            return;
        }
        if (len == 1 && isCamelCase(raw[a])) {
            add(a, b, EntityType.ORGANIZATION, 0.55); // "WeWork", "MarketAxess"
            return;
        }
        boolean speaks = Cues.PERSON_VERBS.contains(next) || (prev.equals("said") || prev.equals("says")) && b < n
                && (raw[b].equals(".") || raw[b].equals(","))
                || next.equals(",") && b + 1 < n && (lower[b + 1].equals("who") || isNumber(b + 1));
        if (len >= 2 && len <= 3 && allUncommon && (english || anyFirst)) {
            add(a, b, EntityType.PERSON, speaks ? 0.7 : 0.55);
            return;
        }
        if ((english ? Cues.LOC_PREPS : Cues.FOREIGN_LOC_PREPS).contains(prev2) && !speaks && allUncommon
                && !(anyFirst && (prev2.equals("from") || len > 1))) {
            add(a, b, EntityType.LOCATION, 0.5);
            return;
        }
        if (len == 1) {
            if (lex.common(first)) {
                return; // "the Government", "Parliament": a capitalised everyday word alone
            }
            if (prev.equals("the") && first.length() > 4 && first.endsWith("s") && !first.endsWith("ss")) {
                add(a, b, EntityType.ORGANIZATION, 0.45); // "the Steelers"
                return;
            }
            if (!english && !speaks) {
                return; // other languages capitalise more than names: a lone word needs a cue
            }
            // a lone unknown word opening a sentence counts only if the article uses it elsewhere
            add(a, b, speaks ? EntityType.PERSON : null, speaks ? 0.5 : sentenceInitial(a) ? 0.1 : 0.3);
            return;
        }
        if (speaks && allUncommon) {
            add(a, b, EntityType.PERSON, 0.5);
            return;
        }
        if (allCommon(a, b) && !prev.equals("the")) {
            return; // "Breaking News", "Climate Change": title-cased everyday words
        }
        if (english) {
            add(a, b, EntityType.ORGANIZATION, 0.4);
        }
    }

    /**
     * What the words around tokens [a, b) say the name is: a team in a results context, an
     * organisation in a company or agency context ({@link OrgCues}), or nothing.
     */
    private int context(int a, int b, Knowledge.Entry entry, EntityType type) {
        boolean possessive = closes[b - 1] && suffix[b - 1] == null;
        String next = b < n && word[b] ? lower[b] : "";
        String prev = a > 0 && word[a - 1] ? lower[a - 1] : "";
        String prev2 = a > 1 && word[a - 2] ? lower[a - 2] : "";
        boolean place = entry != null ? entry.type() == EntityType.LOCATION : type == EntityType.LOCATION;
        if (entry != null && !place || type == EntityType.MISC) {
            return Mention.NO_CUE;
        }
        if (scoreAfter(b) || scoreBefore(a)) {
            return Mention.SCORE_CUE; // "Belgium 3-0 Panama", "Sweden 1 – 0 Korea"
        }
        if (sports) {
            if (OrgCues.TEAM_AFTER.contains(next) || !possessive && OrgCues.TEAM_VERBS.contains(next)
                    || OrgCues.TEAM_BEFORE.contains(prev)
                    || isTeamPreposition(prev) && OrgCues.TEAM_BEFORE_PREPOSITION.contains(prev2)) {
                return Mention.TEAM_CUE;
            }
        }
        if (entry != null || place || type == EntityType.PERSON && namedPerson(a, b)) {
            return Mention.NO_CUE; // a known place or a person is not made a company by its neighbours
        }
        if (OrgCues.AFTER.contains(next) || possessive && (next.equals("chief") || next.equals("shares")
                || next.equals("board") || next.equals("ceo") || next.equals("headquarters"))) {
            return orgUnlessPlace(a, b);
        }
        if (OrgCues.BEFORE.contains(prev) && a > 0 && word[a - 1] && !cap[a - 1]) {
            return orgUnlessPlace(a, b);
        }
        if ((prev.equals("of") || prev.equals("for") || prev.equals("at") || prev.equals("in"))
                && OrgCues.BEFORE_PREPOSITION.contains(prev2)) {
            return orgUnlessPlace(a, b);
        }
        if (ticker(b)) {
            return Mention.ORG_CUE;
        }
        return Mention.NO_CUE;
    }

    /** "Jane Doe": a given name and more, a person whatever follows. */
    private boolean namedPerson(int a, int b) {
        return b - a >= 2 && lex.strongFirstName(lower[a]);
    }

    private int orgUnlessPlace(int a, int b) {
        return knownPlaces.test(text.substring(start[a], end[b - 1])) ? Mention.NO_CUE : Mention.ORG_CUE;
    }

    private static boolean isTeamPreposition(String w) {
        return w.equals("for") || w.equals("to") || w.equals("over") || w.equals("with") || w.equals("from")
                || w.equals("against");
    }

    /** "3-0" or "3 – 0" right after the name. */
    private boolean scoreAfter(int b) {
        return b < n && (isScore(b) || b + 2 < n && isNumber(b) && isDash(b + 1) && isNumber(b + 2) && raw[b].length() <= 2);
    }

    /** "3-0" or "1 – 0" right before the name. */
    private boolean scoreBefore(int a) {
        return a > 0 && (isScore(a - 1) || a > 2 && isNumber(a - 1) && isDash(a - 2) && isNumber(a - 3)
                && raw[a - 1].length() <= 2);
    }

    private boolean isScore(int i) {
        String r = raw[i];
        int dash = Math.max(r.indexOf('-'), Math.max(r.indexOf('\u2013'), r.indexOf('\u2014')));
        if (dash <= 0 || dash >= r.length() - 1 || r.length() > 7) {
            return false;
        }
        for (int k = 0; k < r.length(); k++) {
            if (k != dash && !Character.isDigit(r.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    private boolean isDash(int i) {
        return raw[i].equals("-") || raw[i].equals("\u2013") || raw[i].equals("\u2014");
    }

    /** "(NYSE: ACME)", "(Nasdaq:ACME)", "(ACME.O)" right after the name: a listed company. */
    private boolean ticker(int b) {
        if (b + 3 >= n || !raw[b].equals("(") || !word[b + 1]) {
            return false;
        }
        if (OrgCues.EXCHANGES.contains(lower[b + 1]) && raw[b + 2].equals(":")) {
            return true;
        }
        return allCaps[b + 1] && raw[b + 2].equals(".") && b + 4 < n && word[b + 3] && raw[b + 3].length() <= 2
                && raw[b + 4].equals(")");
    }

    private boolean hasParticleInside(int a, int b) {
        for (int i = a + 1; i < b - 1; i++) {
            if (word[i] && !cap[i] && Cues.PARTICLES.contains(raw[i])) {
                return true;
            }
        }
        return false;
    }

    /** Short-link and tracking codes: "XPxUJuyIAC", "FDS4xU". */
    private static boolean looksRandom(String w) {
        int switches = 0;
        boolean digit = false;
        boolean letter = false;
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            digit |= Character.isDigit(c);
            letter |= Character.isLetter(c);
            if (i > 0 && Character.isUpperCase(c) && Character.isLowerCase(w.charAt(i - 1))) {
                switches++;
            }
        }
        return switches >= 3 || digit && letter && switches >= 1;
    }

    /** "WeWork", "YouTube", but not "McDonald", "MacArthur", "DiCaprio", "LaJoie". */
    private static boolean isCamelCase(String w) {
        int inner = -1;
        for (int i = 1; i < w.length(); i++) {
            if (Character.isUpperCase(w.charAt(i)) && Character.isLowerCase(w.charAt(i - 1))) {
                inner = i;
                break;
            }
        }
        if (inner < 0) {
            return false;
        }
        String head = w.substring(0, inner);
        return !(head.equals("Mc") || head.equals("Mac") || head.equals("Di") || head.equals("De")
                || head.equals("La") || head.equals("Le") || head.equals("Du") || head.equals("Van")
                || head.equals("Von") || head.equals("O"));
    }

    private boolean allUncommonAfter(int a, int b) {
        for (int i = a; i < b; i++) {
            if (word[i] && lex.common(lower[i]) && !Cues.PARTICLES.contains(raw[i]) && !isInitial(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean allCommon(int a, int b) {
        for (int i = a; i < b; i++) {
            if (word[i] && !lex.common(lower[i]) && !Cues.PARTICLES.contains(raw[i])) {
                return false;
            }
        }
        return true;
    }

    private boolean isNumber(int i) {
        return word[i] && Character.isDigit(raw[i].charAt(0));
    }

    private boolean isKnownPlace(int i) {
        int m = matchKnowledge(i, n, false);
        return m > i && lastMatch.entry.type() == EntityType.LOCATION;
    }

    /** First word of the sentence, or right after an opening quote, bracket, colon or dash. */
    private boolean sentenceInitial(int i) {
        if (i == 0) {
            return true;
        }
        if (word[i - 1]) {
            return false;
        }
        if (OPENERS.contains(raw[i - 1])) {
            return true;
        }
        for (int j = i - 1; j >= 0; j--) {
            if (word[j]) {
                return false;
            }
        }
        return true;
    }

    /** A sentence-initial word that is an everyday word and not the start of a name. */
    private boolean startsLikeProse(int a, int b) {
        String w = lower[a];
        if (Cues.SENTENCE_STARTERS.contains(w) || lex.functionWord(w)) {
            return !lex.strongFirstName(w) || a + 1 >= b;
        }
        if (!english) {
            return false;
        }
        if (lex.common(w)) {
            // "Officials", "Police" start prose; "Will Smith" starts a name
            return !(lex.firstName(w) && a + 1 < b && !lex.common(lower[a + 1]));
        }
        return false;
    }

    private void add(int a, int b, EntityType type, double score) {
        int s = start[a];
        int e = end[b - 1];
        if (b < n && raw[b].equals(".") && FINAL_DOT.contains(lower[b - 1]) && start[b] == e) {
            e = end[b];
        }
        add(s, e, a, b, type, score, null);
    }

    private void add(int s, int e, int a, int b, EntityType type, double score, Knowledge.Entry entry) {
        StringBuilder k = new StringBuilder();
        int words = 0;
        for (int i = a; i < b; i++) {
            if (word[i]) {
                if (k.length() > 0) {
                    k.append(' ');
                }
                k.append(key[i]);
                words++;
            }
        }
        mentions.add(new Mention(s, e, k.toString(), words, type, score, entry, context(a, b, entry, type)));
    }
}
