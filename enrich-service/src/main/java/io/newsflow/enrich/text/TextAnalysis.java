package io.newsflow.enrich.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A text split into sentences and tokens, with offsets into the text: the one segmentation every
 * enricher works on, computed once per article.
 *
 * <p>Hand-written rather than {@link java.text.BreakIterator} or a trained sentence model: the
 * JDK's iterator splits after {@code Mr.} and {@code U.S.}, and news needs a few rules a general
 * segmenter lacks (a line break always ends a sentence, because headlines, bylines and list items
 * have no full stop; initials such as {@code John F. Kennedy} don't). It is script-agnostic: words
 * are runs of letters, digits and combining marks in any script, and CJK full stops end sentences.
 */
public final class TextAnalysis {

    /** Words that end with a full stop without ending the sentence (compared lower-case, no dot). */
    private static final Set<String> ABBREVIATIONS = Set.of(
            "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "adm", "cmdr",
            "sen", "rep", "gov", "pres", "supt", "rev", "fr", "hon", "st", "ste", "mt", "ft", "jr", "sr",
            "messrs", "mme", "mlle", "no", "nos", "vs", "v", "etc", "approx", "est", "dept", "univ", "assn",
            "inc", "corp", "ltd", "co", "bros", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
            "oct", "nov", "dec", "ave", "blvd", "rd", "fig", "op", "vol", "pp", "cf", "al", "ca",
            "nr", "bzw", "dt", "hr", "hrn", "sra", "srta", "av", "art", "abs", "ggf", "usw");

    /** Capitalised words that open sentences and are never part of a name or abbreviation. */
    private static final Set<String> SENTENCE_OPENERS = Set.of("The", "A", "An", "He", "She", "It", "They", "We",
            "I", "But", "And", "This", "That", "These", "Those", "His", "Her", "Its", "Their", "Our", "There",
            "However", "Meanwhile", "In", "On", "At", "After", "Before", "When", "While", "If", "As");

    /** Month names written after an ordinal number with a full stop (German, Scandinavian, ...). */
    private static final Set<String> ORDINAL_MONTHS = Set.of("Januar", "Jänner", "Februar", "März", "April", "Mai",
            "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember", "januar", "februar",
            "marts", "mars", "april", "maj", "mai", "juni", "juli", "august", "september", "oktober", "november",
            "december", "desember");

    private final String text;
    private final List<Token> tokens;
    private final List<Sentence> sentences;

    private TextAnalysis(String text, List<Token> tokens, List<Sentence> sentences) {
        this.text = text;
        this.tokens = tokens;
        this.sentences = sentences;
    }

    /** Segments a text; never fails (an empty or null text has no sentences). */
    public static TextAnalysis of(String text) {
        String t = text == null ? "" : text;
        List<Token> tokens = tokenize(t);
        return new TextAnalysis(t, List.copyOf(tokens), split(t, tokens));
    }

    public String text() {
        return text;
    }

    /** All tokens of the text, in order. */
    public List<Token> tokens() {
        return tokens;
    }

    public List<Sentence> sentences() {
        return sentences;
    }

    /** The text between two offsets. */
    public String slice(int start, int end) {
        return text.substring(start, end);
    }

    static List<Token> tokenize(String text) {
        List<Token> out = new ArrayList<>(text.length() / 5 + 1);
        int n = text.length();
        int i = 0;
        while (i < n) {
            int cp = text.codePointAt(i);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || Character.isISOControl(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            if (!isWordChar(cp)) {
                int len = Character.charCount(cp);
                out.add(new Token(text.substring(i, i + len), i, i + len, false));
                i += len;
                continue;
            }
            int start = i;
            int end = wordEnd(text, i);
            out.add(new Token(text.substring(start, end), start, end, true));
            i = end;
        }
        return out;
    }

    /** The end of the word starting at {@code start}. */
    private static int wordEnd(String text, int start) {
        int n = text.length();
        int i = start;
        int segmentStart = start;
        boolean singleLetterDots = true; // U.S.: every join so far a dot between single letters
        while (i < n) {
            int cp = text.codePointAt(i);
            if (isWordChar(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int next = i + 1 < n ? text.codePointAt(i + 1) : -1;
            if (next < 0 || !isWordChar(next)) {
                break;
            }
            boolean joins = switch (cp) {
                case '\'', '\u2019', '-', '\u2010', '\u2011' -> true;
                // 1,000 and 3.5 but not "end.Next": digits on both sides
                case ',' -> Character.isDigit(text.codePointBefore(i)) && Character.isDigit(next);
                case '.' -> Character.isDigit(text.codePointBefore(i)) && Character.isDigit(next)
                        || i - segmentStart == 1 && Character.isLetter(next)
                                && (i + 2 >= n || !Character.isLetterOrDigit(text.charAt(i + 2)));
                default -> false;
            };
            if (!joins) {
                break;
            }
            if (cp != '.' || i - segmentStart != 1) {
                singleLetterDots = false;
            }
            i++;
            segmentStart = i;
        }
        // U.S. / e.g. : single letters joined by dots keep their final dot
        if (singleLetterDots && segmentStart > start && i - segmentStart == 1 && i < n && text.charAt(i) == '.') {
            i++;
        }
        return i;
    }

    /** Whether a code point belongs to a word: a letter or digit in any script, or a combining mark. */
    public static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }

    private static List<Sentence> split(String text, List<Token> tokens) {
        List<Sentence> out = new ArrayList<>();
        int first = 0;
        for (int k = 0; k < tokens.size(); k++) {
            Token token = tokens.get(k);
            boolean last = k + 1 == tokens.size();
            boolean end = last;
            int endOffset = token.end();
            int endIndex = k;
            if (!last) {
                Token next = tokens.get(k + 1);
                if (hasLineBreak(text, token.end(), next.start())) {
                    end = true;
                } else if (isTerminal(token, tokens, k)) {
                    // closing quotes and brackets right after the stop belong to this sentence
                    int j = k + 1;
                    while (j < tokens.size() && isCloser(tokens.get(j)) && tokens.get(j).start() == tokens.get(j - 1).end()) {
                        j++;
                    }
                    if (j == tokens.size()) {
                        k = j - 1;
                        endIndex = k;
                        endOffset = tokens.get(k).end();
                        end = true;
                    } else if (startsSentence(tokens.get(j))
                            && (tokens.get(j).start() > tokens.get(j - 1).end() || isFullWidthStop(token))) {
                        k = j - 1;
                        endIndex = k;
                        endOffset = tokens.get(k).end();
                        end = true;
                    }
                }
            }
            if (end) {
                List<Token> slice = tokens.subList(first, endIndex + 1);
                out.add(new Sentence(out.size(), slice.get(0).start(), endOffset, slice));
                first = endIndex + 1;
            }
        }
        return List.copyOf(out);
    }

    private static boolean hasLineBreak(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    private static boolean isTerminal(Token token, List<Token> tokens, int k) {
        if (token.word()) {
            // U.S. / e.g. carry their dot inside the token: they end a sentence only before a word
            // that opens sentences and nothing else ("... to the U.S. The talks ...")
            return token.text().endsWith(".") && k + 1 < tokens.size()
                    && SENTENCE_OPENERS.contains(tokens.get(k + 1).text());
        }
        String t = token.text();
        if (t.equals("!") || t.equals("?") || t.equals("\u2026") || t.equals("\u3002") || t.equals("\uFF01")
                || t.equals("\uFF1F") || t.equals("\u061F") || t.equals("\u0964")) {
            return true;
        }
        if (!t.equals(".")) {
            return false;
        }
        if (k == 0) {
            return true;
        }
        Token before = tokens.get(k - 1);
        if (!before.word() || before.end() != token.start()) {
            return true;
        }
        String w = before.text();
        if (w.codePointCount(0, w.length()) == 1 && Character.isUpperCase(w.codePointAt(0))) {
            return false; // an initial: John F. Kennedy
        }
        if (w.length() <= 2 && Character.isDigit(w.charAt(0)) && k + 1 < tokens.size()
                && ORDINAL_MONTHS.contains(tokens.get(k + 1).text())) {
            return false; // a German-style ordinal date: am 17. Januar
        }
        return !ABBREVIATIONS.contains(w.toLowerCase(Locale.ROOT));
    }

    /** CJK stops end a sentence with no space after them. */
    private static boolean isFullWidthStop(Token token) {
        char c = token.text().charAt(0);
        return c == '\u3002' || c == '\uFF01' || c == '\uFF1F';
    }

    private static boolean isCloser(Token token) {
        if (token.word()) {
            return false;
        }
        String t = token.text();
        return t.equals("\"") || t.equals("'") || t.equals("\u201D") || t.equals("\u2019") || t.equals(")")
                || t.equals("]") || t.equals("\u00BB") || t.equals("\u300D") || t.equals(".") || t.equals("!")
                || t.equals("?");
    }

    private static boolean startsSentence(Token token) {
        int cp = token.text().codePointAt(0);
        if (!token.word()) {
            return cp == '"' || cp == '\u201C' || cp == '\'' || cp == '\u2018' || cp == '(' || cp == '['
                    || cp == '\u00AB' || cp == '\u300C' || cp == '-' || cp == '\u2014';
        }
        // lower-case after a full stop is an abbreviation we don't know, not a new sentence
        return !Character.isLowerCase(cp);
    }
}
