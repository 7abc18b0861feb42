package io.newsflow.enrich.extraction;

/**
 * Shape features of one line of scraped page text. Only evidence that generalises across sites
 * and languages is used: length, word count, sentence punctuation, capitalisation, separators,
 * numerals (words that open with a digit: scores, counts, ranks, percentages) and repetition; no
 * phrase lists.
 */
record TextLine(String text, int index, int chars, int words, boolean sentenceEnd, boolean startsLower,
                int commas, double capitalisedShare, int separators, boolean cjk, int repeats, boolean glued,
                int numerals) {

    enum Kind { GOOD, NEUTRAL, BAD }

    static TextLine of(String text, int index, int repeats) {
        int chars = 0;
        int words = 0;
        int capitalised = 0;
        int commas = 0;
        int separators = 0;
        int cjkChars = 0;
        int numerals = 0;
        boolean inWord = false;
        boolean wordOpened = false; // the word's first letter or digit was seen
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                inWord = false;
                continue;
            }
            chars++;
            if (!inWord) {
                words++;
                if (Character.isUpperCase(c) || Character.isDigit(c)) {
                    capitalised++;
                }
                inWord = true;
                wordOpened = false;
            }
            if (!wordOpened && Character.isLetterOrDigit(c)) {
                wordOpened = true;
                if (Character.isDigit(c)) {
                    numerals++;
                }
            }
            if (c == ',' || c == '，' || c == '、' || c == ';') {
                commas++;
            } else if (c == '|' || c == '•' || c == '›' || c == '»' || c == '·' || c == '/') {
                separators++;
            }
            if (c >= '\u2E80' && c <= '\uD7AF' || c >= '\uF900' && c <= '\uFAFF' || c >= '\uFF00' && c <= '\uFFEF') {
                cjkChars++;
            }
        }
        boolean cjk = cjkChars * 2 > chars;
        if (cjk) {
            words = Math.max(words, cjkChars / 2); // roughly two characters per word
        }
        int first = 0;
        while (first < text.length() && !Character.isLetterOrDigit(text.charAt(first))) {
            first++;
        }
        boolean lower = first < text.length() && Character.isLowerCase(text.charAt(first));
        return new TextLine(text, index, chars, words, endsLikeSentence(text), lower, commas,
                words == 0 ? 0 : (double) capitalised / words, separators, cjk, repeats, gluedHeadline(text), numerals);
    }

    /**
     * Scrapers often lose the break between a teaser's Title Case headline and its blurb
     * ("...Strong WR OptionsThe 49ers and..."). Detects such a seam within the first 200 chars:
     * a lowercase run or sentence mark directly followed by a capital, after 3+ capitalised words.
     */
    static boolean gluedHeadline(String t) {
        int limit = Math.min(t.length() - 1, 200);
        int words = 0;
        int capitalised = 0;
        int lowerRun = 0;
        boolean inWord = false;
        for (int i = 0; i < limit; i++) {
            char c = t.charAt(i);
            if (Character.isWhitespace(c)) {
                inWord = false;
                lowerRun = 0;
                continue;
            }
            if (!inWord) {
                inWord = true;
                words++;
                if (Character.isUpperCase(c) || Character.isDigit(c)) {
                    capitalised++;
                }
            }
            char next = t.charAt(i + 1);
            boolean seam = Character.isUpperCase(next) && (lowerRun >= 3 && Character.isLowerCase(c)
                    || c == '?' || c == '!');
            if (seam && words >= 3 && capitalised * 10 >= words * 6) {
                return true;
            }
            lowerRun = Character.isLowerCase(c) ? lowerRun + 1 : 0;
        }
        return false;
    }

    static boolean endsLikeSentence(String t) {
        int i = t.length() - 1;
        while (i >= 0 && "\"'”’)»] ".indexOf(t.charAt(i)) >= 0) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        char c = t.charAt(i);
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？' || c == '…' || c == ':';
    }

    /** Prose reads as sentences; furniture is short, title-cased, separated or repeated. */
    Kind kind() {
        if (repeats > 1) {
            return chars < 200 ? Kind.BAD : Kind.NEUTRAL; // duplicated blocks are chrome or captions
        }
        if (separators >= 2 && !sentenceEnd) {
            return Kind.BAD;
        }
        if (glued) {
            return Kind.NEUTRAL;
        }
        if (cjk) {
            if (chars >= 60 || chars >= 25 && sentenceEnd) {
                return Kind.GOOD;
            }
            return chars < 12 ? Kind.BAD : Kind.NEUTRAL;
        }
        if (words >= 18 && (sentenceEnd || commas > 0) || words >= 10 && sentenceEnd && capitalisedShare < 0.6) {
            return Kind.GOOD;
        }
        if (words <= 3 && !sentenceEnd) {
            return Kind.BAD;
        }
        if (!sentenceEnd && capitalisedShare > 0.7 && words <= 12) {
            return Kind.BAD; // menu entries, teaser headlines
        }
        return Kind.NEUTRAL;
    }

    /**
     * The line opens like a list item: a bullet ("• ", "* ", "- ") or an enumerator ("1) ", "2. ",
     * "(3) ", "a) "). Scrapers keep the marker when the page typed it, and some pages type it
     * themselves.
     */
    boolean listMarked() {
        String t = text;
        if (t.length() < 3) {
            return false;
        }
        char c = t.charAt(0);
        if (c == '•' || c == '*' || c == '·' || c == '▪' || c == '■' || c == '●' || c == '►' || c == '◦') {
            return true;
        }
        if (c == '-' || c == '–' || c == '—') {
            return t.charAt(1) == ' ';
        }
        int i = c == '(' ? 1 : 0;
        int digits = 0;
        while (i < t.length() && Character.isDigit(t.charAt(i)) && digits < 3) {
            i++;
            digits++;
        }
        if (digits == 0 && i < t.length() && Character.isLowerCase(t.charAt(i)) && c != '(') {
            i++; // "a) "
            digits = t.length() > i && t.charAt(i) == ')' ? 1 : 0;
        }
        return digits > 0 && i + 1 < t.length() && (t.charAt(i) == ')' || t.charAt(i) == '.' && c != '(')
                && t.charAt(i + 1) == ' ';
    }

    /** A line that could be a headline: a phrase, not a sentence, not furniture-short. */
    boolean headlineLike() {
        if (repeats > 2 || separators >= 2) {
            return false;
        }
        if (cjk) {
            return chars >= 8 && chars <= 80;
        }
        return words >= 4 && words <= 30 && chars <= 220 && !(sentenceEnd && text.endsWith("."));
    }
}
