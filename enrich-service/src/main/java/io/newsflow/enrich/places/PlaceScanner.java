package io.newsflow.enrich.places;

import io.newsflow.enrich.text.Sentence;
import io.newsflow.enrich.text.TextAnalysis;
import io.newsflow.enrich.text.Token;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds gazetteer names in text: longest match over the shared tokens, capitalised, and not
 * a piece of a larger capitalised name.
 *
 * <p>The rules are written for how news uses capitals. A place name starts with a capital (or is
 * in a script without case); lower-case words stop a name except connectors ("Bosnia and
 * Herzegovina", "Rio de Janeiro"). A capitalised word glued to the match on either side usually
 * means the match is part of another name ("Paris Hilton", "Michael Jordan"), so the match is
 * dropped, except for words that commonly stand beside places: directions before ("eastern",
 * "North"), titles, institutions, days and months after ("Kyiv Mayor", "Ukrainian President",
 * "Minsk Tuesday"). Headlines in Title Case and lines in capitals lose the contrast, so there the
 * neighbours are not held against a match, but the match is marked weak. Known phrases that
 * contain a place without meaning it ("New York Times", "Indian Ocean") come from the stop-phrase
 * list, and as the longest match they hide the place inside them.
 */
final class PlaceScanner {

    enum Source { TEXT, RECOGNIZER, DATELINE }

    /**
     * A name found in the text.
     *
     * @param key       the folded name
     * @param senses    what it can mean
     * @param start     offset of the first char
     * @param end       offset past the last char
     * @param title     found in the headline
     * @param weak      its capital says little: sentence start, Title Case or capitals
     * @param locative  right after a preposition of place ("in Nice", "near Bakhmut")
     * @param qualifier the country or region named right after it ("Paris, Texas"), or empty
     * @param source    where it was found
     */
    record Hit(String key, List<Gazetteer.Sense> senses, int start, int end, boolean title, boolean weak,
               boolean locative, List<Entry> qualifier, Source source) {
    }

    /**
     * What a scan found: the hits, and the one-word names that were dropped for being glued to
     * another capitalised word. Such a name is taken for a person's name in the whole article
     * ("Anthony Davis" ... "Davis scored"), unless something else vouches for the place.
     */
    record Found(List<Hit> hits, Set<String> glued) {

        Found() {
            this(new ArrayList<>(), new HashSet<>());
        }
    }

    /** Prepositions of place before a name. */
    private static final Set<String> LOCATIVES = words("in", "at", "near", "from", "outside", "around", "into",
            "across", "toward", "towards", "via", "inside", "throughout", "en", "à", "nahe", "bei", "dans");

    /** Lower-case words allowed inside a multi-word place name. */
    private static final Set<String> CONNECTORS = words("and", "of", "the", "de", "del", "della", "da", "do", "dos",
            "das", "di", "du", "des", "la", "le", "les", "el", "al", "am", "an", "im", "on", "upon", "sur", "y", "e",
            "i", "en", "og", "och", "und", "van", "von", "der", "den", "het", "au", "aux", "sul", "-", ".", "'");

    /** Capitalised words that may open a sentence right before a place ("In Paris", "The Hague"). */
    private static final Set<String> OPENERS = words("in", "at", "from", "to", "for", "on", "by", "with", "near",
            "across", "outside", "inside", "into", "over", "throughout", "and", "but", "as", "the", "a", "an", "both",
            "while", "when", "after", "before", "since", "like", "unlike", "despite", "meanwhile", "then", "if",
            "although", "though", "because", "during", "until", "under", "between", "against", "toward", "towards",
            "of", "about", "around", "beyond", "via", "where", "whereas", "so", "yet", "or", "nor", "neither",
            "either", "all", "many", "most", "some", "several", "only", "even", "also", "now", "today", "yesterday",
            "tomorrow", "still", "here", "there", "elsewhere", "including", "among", "amid", "within", "without",
            "do", "does", "did", "is", "was", "will", "would", "can", "could", "should", "has", "have", "had",
            "that", "this", "these", "those", "what", "why", "how", "who", "which", "every", "each", "no", "not",
            "en", "dans", "à", "de", "le", "la", "les", "in", "im", "aus", "nach", "el", "los", "las", "em", "na",
            "no");

    /** Directions and similar words that qualify a place before it ("Eastern Ukraine", "Greater London"). */
    private static final Set<String> BEFORE = words("north", "south", "east", "west", "northern", "southern",
            "eastern", "western", "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
            "northwestern", "southeastern", "southwestern", "greater", "downtown", "metropolitan", "metro", "occupied",
            "upper", "lower", "inner", "outer", "rural", "coastal", "mainland", "neighbouring", "neighboring",
            "war-torn", "nord", "süd", "sud", "ost");

    /** Capitalised words that commonly follow a place or nationality without forming a new name. */
    private static final Set<String> AFTER = words("President", "Presidents", "Prime", "Minister", "Ministers",
            "Ministry", "Foreign", "Defence", "Defense", "Interior", "Finance", "Economy", "Trade", "Energy", "Health",
            "Justice", "Education", "Government", "Governments", "Gov", "Governor", "Governors", "Mayor", "Police",
            "Army", "Navy", "Air", "Armed", "Forces", "Military", "Marines", "Parliament", "Senate", "Senator", "Sen",
            "Rep", "Congress", "Congressman", "Congresswoman", "Attorney", "General", "Secretary", "Department",
            "Supreme", "Court", "High", "Embassy", "Ambassador", "Consulate", "Chancellor", "King", "Queen", "Prince",
            "Princess", "Crown", "Emperor", "Premier", "Deputy", "Vice", "Chief", "Central", "National", "Federal",
            "Coast", "Guard", "Border", "Airport", "Region", "Province", "Oblast", "County", "District", "Municipality",
            "Metropolitan", "Communist", "Socialist", "Democrats", "Republicans", "Republican", "Democratic",
            "Opposition", "Labour", "Conservative", "Conservatives", "Liberal", "Catholic", "Catholics", "Orthodox",
            "Muslim", "Muslims", "Christian", "Christians", "Jewish", "Jews", "Sunni", "Shia", "Officials",
            "Authorities",
            "Intelligence", "Security", "Service", "Services", "Council", "Cabinet", "Emergency", "Red", "Monday",
            "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January", "February", "March",
            "April", "May", "June", "July", "August", "September", "October", "November", "December", "Mr", "Mrs",
            "Ms", "Dr", "Gen", "Lt", "Col", "Maj", "Capt", "Cabinet", "Speaker", "Lawmakers", "Troops", "Soldiers",
            "Officers", "Citizens", "Nationals", "State", "Office", "Agency", "Bureau", "Commission", "Commissioner",
            "Envoy", "Delegation", "Presidency", "Chairman", "Chairwoman", "Leader", "Leaders", "Mission", "I", "It",
            "He", "She", "They", "We", "But", "And", "On", "In", "At", "For", "After", "As", "While", "Since",
            // sentence openers after an abbreviation's dot, which does not end the sentence ("to the U.S. The")
            "The", "A", "An", "This", "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "My", "Your",
            "There", "Here", "When", "Where", "What", "Who", "Why", "How", "If", "So", "Yet", "Or", "Then", "Now",
            "Today", "Yesterday", "Tomorrow", "Meanwhile", "However", "Although", "Though", "Because", "Until",
            "During", "Before", "Under", "From", "To", "By", "With", "Of", "Is", "Was", "Are", "Were", "Has", "Had",
            "Have", "Will", "Would", "Can", "Could", "Should", "Not", "All", "Both", "Each", "Some", "Many", "One",
            "Two", "Three", "Several", "According", "Also");

    private final Gazetteer gazetteer;

    private static Set<String> words(String... words) {
        return Set.copyOf(List.of(words));
    }

    PlaceScanner(Gazetteer gazetteer) {
        this.gazetteer = gazetteer;
    }

    /** All hits in a text, in order. */
    void scan(TextAnalysis text, boolean title, Found out) {
        for (Sentence sentence : text.sentences()) {
            scan(sentence.tokens(), title, out);
        }
    }

    private void scan(List<Token> tokens, boolean title, Found out) {
        int n = tokens.size();
        int titleCase = title ? 1 : -1; // -1: not yet known
        String[] folded = new String[n];
        int max = gazetteer.maxTokens();
        StringBuilder key = new StringBuilder(48);
        for (int i = 0; i < n; i++) {
            Token first = tokens.get(i);
            if (!first.word() || !startsName(first)) {
                continue;
            }
            key.setLength(0);
            Gazetteer.Names best = null;
            int bestEnd = -1;
            String bestKey = null;
            for (int j = i; j < n && j < i + max; j++) {
                Token t = tokens.get(j);
                if (j > i) {
                    if (t.word() && !startsName(t) && !CONNECTORS.contains(t.text())) {
                        break;
                    }
                    if (!t.word() && !CONNECTORS.contains(t.text())) {
                        break;
                    }
                    key.append(' ');
                }
                key.append(folded(tokens, folded, j));
                String k = key.toString();
                if (!gazetteer.isPrefix(k)) {
                    break;
                }
                if (!t.word()) {
                    continue;
                }
                Gazetteer.Names names = gazetteer.lookup(k);
                if (names != null) {
                    best = names;
                    bestEnd = j;
                    bestKey = k;
                }
            }
            if (best == null) {
                if (first.text().indexOf('-') > 0) {
                    hyphenParts(first, title, out.hits());
                }
                continue;
            }
            int start = i;
            int next = bestEnd + 1;
            i = bestEnd;
            if (best.stop()) {
                continue;
            }
            boolean before = gluedBefore(tokens, start);
            boolean glued = before || gluedAfter(tokens, next);
            if (glued || start == 0) {
                if (titleCase < 0) {
                    titleCase = isTitleCase(tokens) ? 1 : 0;
                }
                if (glued && titleCase == 0) {
                    // a surname ("Anthony Davis") or a first name ("Charlotte Edwards"), not an
                    // organisation ("Cleveland Browns", "Milan Design Week")
                    if (bestEnd == start && (before || isFirstName(best.senses()))) {
                        out.glued().add(bestKey);
                    }
                    continue;
                }
            }
            boolean weak = titleCase == 1 || start == 0 || isOpeningQuote(tokens, start - 1);
            boolean locative = start > 0 && LOCATIVES.contains(tokens.get(start - 1).text());
            out.hits().add(new Hit(bestKey, best.senses(), first.start(), tokens.get(bestEnd).end(), title, weak,
                    locative, qualifier(tokens, folded, next), Source.TEXT));
        }
    }

    /** A town named like a person that is not big enough to be meant on its own ("Charlotte", not "Milan"). */
    private static boolean isFirstName(List<Gazetteer.Sense> senses) {
        for (Gazetteer.Sense s : senses) {
            if (s.entry().has(Entry.FIRST_NAME) && s.entry().needsContext()) {
                return true;
            }
        }
        return false;
    }

    /** "Moscow-based", "Russia-Ukraine", "pro-Russian": the capitalised parts of a hyphenated word. */
    private void hyphenParts(Token token, boolean title, List<Hit> out) {
        String text = token.text();
        int from = 0;
        while (from < text.length()) {
            int dash = text.indexOf('-', from);
            int to = dash < 0 ? text.length() : dash;
            if (to - from >= 3 && Character.isUpperCase(text.charAt(from))) {
                Token part = new Token(text.substring(from, to), token.start() + from, token.start() + to, true);
                String key = Gazetteer.fold(part);
                Gazetteer.Names names = gazetteer.lookup(key);
                List<Gazetteer.Sense> senses = names == null || names.stop() ? List.of() : unambiguous(names.senses());
                if (!senses.isEmpty()) {
                    out.add(new Hit(key, senses, part.start(), part.end(), title, false, false, List.of(),
                            Source.TEXT));
                }
            }
            from = to + 1;
        }
    }

    /** Parts of compounds are short of context ("Wright-Patterson"): only places that need none. */
    private static List<Gazetteer.Sense> unambiguous(List<Gazetteer.Sense> senses) {
        List<Gazetteer.Sense> out = new ArrayList<>(senses.size());
        for (Gazetteer.Sense s : senses) {
            if (!s.entry().needsContext()) {
                out.add(s);
            }
        }
        return out;
    }

    /** A "City, Country" or "City, ST" qualifier right after a match. */
    private List<Entry> qualifier(List<Token> tokens, String[] folded, int next) {
        if (next + 1 >= tokens.size() || !tokens.get(next).text().equals(",")) {
            return List.of();
        }
        StringBuilder key = new StringBuilder();
        List<Entry> found = List.of();
        int n = tokens.size();
        for (int j = next + 1; j < n && j < next + 1 + 4; j++) {
            Token t = tokens.get(j);
            if (j == next + 1 && (!t.word() || !startsName(t))) {
                return List.of();
            }
            if (j > next + 1) {
                key.append(' ');
            }
            key.append(folded(tokens, folded, j));
            List<Entry> q = gazetteer.qualifier(key.toString());
            if (q != null) {
                found = q;
            }
        }
        return found;
    }

    private static String folded(List<Token> tokens, String[] folded, int j) {
        String f = folded[j];
        if (f == null) {
            f = Gazetteer.fold(tokens.get(j));
            folded[j] = f;
        }
        return f;
    }

    private static boolean gluedBefore(List<Token> tokens, int start) {
        int p = start - 1;
        if (p < 0) {
            return false;
        }
        Token prev = tokens.get(p);
        if (!prev.word() || !prev.capitalized()) {
            return false;
        }
        String lower = prev.lower();
        if (BEFORE.contains(lower)) {
            return false;
        }
        return p != 0 || !OPENERS.contains(lower);
    }

    private static boolean gluedAfter(List<Token> tokens, int next) {
        if (next >= tokens.size()) {
            return false;
        }
        Token t = tokens.get(next);
        if (!t.word() || !t.capitalized()) {
            return false;
        }
        String w = t.text();
        int dot = w.indexOf('.');
        return !AFTER.contains(dot > 0 ? w.substring(0, dot) : w);
    }

    private static boolean isOpeningQuote(List<Token> tokens, int p) {
        if (p < 0) {
            return false;
        }
        Token t = tokens.get(p);
        if (t.word()) {
            return false;
        }
        char c = t.text().charAt(0);
        return c == '"' || c == '\u201C' || c == '\'' || c == '\u2018' || c == '(' || c == '\u00AB' || c == '-'
                || c == '\u2014' || c == '\u2013' || c == ':';
    }

    /** A name starts with a capital, or is written in a script without case. */
    static boolean startsName(Token t) {
        int cp = t.text().codePointAt(0);
        if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
            return true;
        }
        return Character.isLetter(cp) && !Character.isLowerCase(cp);
    }

    /** Headlines and lines in capitals: most longer words start with a capital. */
    static boolean isTitleCase(List<Token> tokens) {
        int words = 0;
        int caps = 0;
        for (Token t : tokens) {
            if (t.word() && t.text().length() >= 4 && Character.isLetter(t.text().codePointAt(0))) {
                words++;
                if (t.capitalized()) {
                    caps++;
                }
            }
        }
        return words >= 3 && caps * 10 >= words * 7;
    }
}
