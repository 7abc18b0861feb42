package io.newsflow.enrich.extraction;

import java.util.List;

/**
 * Tables and lists that an article carries: results, standings, calendars, key points, the items
 * a sentence announces with a colon. Flattened to text they come one cell or item per line, short
 * lines in the shape of a menu, so the line classifier alone would end the article at them or drop
 * them from it, while a reader (and a gold body) keeps them. What tells them from page furniture
 * is where they sit and what they are made of, never their words: a run of short lines between two
 * paragraphs of the story is part of it when it is dense in numbers (a table), when its lines carry
 * list markers, or when the line before it ends with a colon. Menus, teaser lists and share bars
 * have neither, and sit at the edges of the story, not inside it; runs with closing furniture or
 * player residue in them are never taken. At the edges of the story the evidence must be
 * stronger: a list its last sentence announces, or more score lines when it already carries a
 * table.
 */
final class Figures {

    /** At least one word in this many is a number in a table flattened one cell per line. */
    private static final int NUMERAL_SHARE = 4;
    private static final int MIN_NUMERALS = 3;
    /**
     * "Topics:", "Sources:", "Categories:" head the page's lists; a sentence ends with a colon to
     * announce the story's.
     */
    private static final int MIN_INTRO_WORDS = 4;
    /** A list announced at the end of an article is read for at most this many lines. */
    private static final int MAX_ITEMS = 300;

    private Figures() {
    }

    /**
     * Marks the lines of every table or list that runs between two lines of prose (sentences the
     * classifier takes for article text, not teasers): the gap is taken whole or not at all. A
     * table whose cells are long enough to read as prose ("3 tackles, 1 assist (4 combined). 1
     * sack.") splits into gaps that are each too small to judge, so the stretch between the real
     * paragraphs around it, made of such gaps and such cells, is judged as a whole too.
     */
    static boolean[] betweenProse(List<TextLine> lines) {
        boolean[] out = new boolean[lines.size()];
        int previousSentence = -1;
        int previousProse = -1;
        boolean cellsBetween = false;
        for (int i = 0; i < lines.size(); i++) {
            TextLine l = lines.get(i);
            if (l.kind() != TextLine.Kind.GOOD) {
                continue;
            }
            if (!isSentence(l)) {
                previousSentence = -1;
                cellsBetween = true;
                continue;
            }
            if (previousSentence >= 0 && i - previousSentence > 1 && isFigure(lines, previousSentence, i)) {
                mark(lines, out, previousSentence, i);
            }
            previousSentence = i;
            if (isDataRow(l)) {
                cellsBetween = true;
                continue;
            }
            if (previousProse >= 0 && cellsBetween && isFigure(lines, previousProse, i)) {
                mark(lines, out, previousProse, i);
            }
            previousProse = i;
            cellsBetween = false;
        }
        return out;
    }

    /** A line the classifier takes for prose that ends a sentence and is no truncated teaser ("... more..."). */
    private static boolean isSentence(TextLine l) {
        return l.sentenceEnd() && !l.glued() && !Furniture.isTruncatedTeaser(l.text());
    }

    private static void mark(List<TextLine> lines, boolean[] out, int above, int below) {
        for (int j = above + 1; j < below; j++) {
            out[j] = lines.get(j).kind() != TextLine.Kind.GOOD;
        }
    }

    /** A line made mostly of numbers: a table row or a long cell ("7 tackles, 3 assists (10 combined)."). */
    static boolean isDataRow(TextLine l) {
        return l.numerals() >= 2 && l.numerals() * NUMERAL_SHARE >= l.words();
    }

    /**
     * Whether the lines strictly between {@code above} and {@code below} are a table or list: no
     * closing furniture, widget or repeated caption among them, and a colon introducing them, a list
     * marker on half of them, a number on half of them, each line its own (results: "Heritage d.
     * Titusville 53-9"), or one word in {@link #NUMERAL_SHARE} a number (a table's cells).
     */
    static boolean isFigure(List<TextLine> lines, int above, int below) {
        int words = 0;
        int numerals = 0;
        int numbered = 0;
        int marked = 0;
        boolean introduced = announces(lines.get(above));
        for (int j = above + 1; j < below; j++) {
            TextLine l = lines.get(j);
            if (l.repeats() > 1 && l.words() >= 6) {
                return false; // a gallery repeats its captions
            }
            if (j < below - 1 && announces(l)) {
                introduced = true;
            }
            words += l.words();
            if (l.numerals() > 0 && !isDateOrMeta(l)) {
                numerals += l.numerals();
                numbered += l.repeats() == 1 ? 1 : 0; // not a teaser list's "Section 0" comment counts
            }
            if (l.listMarked()) {
                marked++;
            }
        }
        int n = below - above - 1;
        boolean figure = introduced || marked >= 2 && marked * 2 >= n || numbered >= 2 && numbered * 2 >= n
                || numerals >= MIN_NUMERALS && numerals * NUMERAL_SHARE >= words;
        for (int j = above + 1; figure && j < below; j++) {
            String t = lines.get(j).text();
            figure = !Furniture.isClosing(t) && !Furniture.isWidget(t);
        }
        return figure;
    }

    /**
     * Whether the lines from {@code first} to {@code last} carry a table: two or more of the
     * figure lines among them have numbers.
     */
    static boolean carriesTable(List<TextLine> lines, boolean[] figures, int first, int last) {
        int numbered = 0;
        for (int i = first; i <= last && numbered < 2; i++) {
            if (figures[i] && lines.get(i).numerals() > 0) {
                numbered++;
            }
        }
        return numbered >= 2;
    }

    /**
     * How far an article that carries a table goes on with it past its last prose line ({@code
     * step} 1) or before its first ({@code step} -1): a results page opens and closes with score
     * lines, not sentences. Lines with numbers are taken, and a section heading between them
     * ("GIRLS SOCCER"), until two lines in a row have none or a piece of furniture (notice, label,
     * caption, date or byline line, repeated line) or prose comes; two numbered lines at least.
     * Returns the new edge, {@code edge} itself if nothing is taken.
     */
    static int dataEdge(List<TextLine> lines, int edge, int step) {
        int taken = edge;
        int numbered = 0;
        int without = 0;
        for (int i = edge + step; i >= 0 && i < lines.size() && Math.abs(i - edge) <= MAX_ITEMS; i += step) {
            TextLine l = lines.get(i);
            String t = l.text();
            if (l.kind() == TextLine.Kind.GOOD && !isDataRow(l) || l.repeats() > 1 || isDateOrMeta(l)
                    || Furniture.isClosing(t) || Furniture.isWidget(t) || Furniture.isLabel(t) || Furniture.isCaption(t)
                    || Furniture.isBareCredit(t) || Furniture.isMetaLine(t)) {
                break;
            }
            if (l.numerals() == 0) {
                if (++without > 1) {
                    break;
                }
                continue;
            }
            without = 0;
            numbered++;
            taken = i;
        }
        return numbered >= 2 ? taken : edge;
    }

    /**
     * A byline, dateline or timestamp ("Associated Press November 19, 2019, 9:02 AM"): numbers, but
     * the article's own furniture, not a table.
     */
    private static boolean isDateOrMeta(TextLine l) {
        return l.numerals() > 0 && l.words() <= 16 && (Dates.mentionsDate(l.text()) || Furniture.isMetaLine(l.text()));
    }

    /**
     * The last line of the list that the article's last line announces with a colon ("The
     * offers not to miss:", "What the game brings:"), or {@code last} when it announces none. The
     * items are the lines that follow while they read as items: marked, numeric, a link, or a
     * phrase of three words or more that the classifier does not take for prose; a notice,
     * label, widget, teaser or repeated line ends the list, and so does a second-level page
     * block (a one- or two-word line: a tag, a section name). At least two items, at most
     * {@link #MAX_ITEMS}.
     */
    static int announcedListEnd(List<TextLine> lines, int last) {
        if (!announces(lines.get(last))) {
            return last;
        }
        int end = last;
        while (end + 1 < lines.size() && end - last < MAX_ITEMS && isItem(lines.get(end + 1))) {
            end++;
        }
        return end - last >= 2 ? end : last;
    }

    private static boolean isItem(TextLine l) {
        String t = l.text();
        if (l.repeats() > 1 || l.glued() || Furniture.isClosing(t) || Furniture.isWidget(t) || Furniture.isMetaLine(t)
                || Furniture.isLabel(t) || Furniture.isTruncatedTeaser(t)) {
            return false;
        }
        if (l.listMarked() || isLink(t) || l.numerals() > 0 && l.numerals() * NUMERAL_SHARE >= l.words()) {
            return true;
        }
        return l.words() >= 3 && l.kind() != TextLine.Kind.GOOD;
    }

    /** A bare web address, as lists of offers or sources print under each item. */
    private static boolean isLink(String t) {
        return t.indexOf(' ') < 0 && (t.startsWith("http://") || t.startsWith("https://") || t.startsWith("www."));
    }

    /** A sentence that announces what follows: it ends with a colon and is no one- to three-word label ("Topics:"). */
    static boolean announces(TextLine l) {
        return l.words() >= MIN_INTRO_WORDS && introduces(l);
    }

    /** A line that ends with a colon. */
    static boolean introduces(TextLine l) {
        String t = l.text();
        int i = t.length() - 1;
        while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
            i--;
        }
        return i >= 0 && (t.charAt(i) == ':' || t.charAt(i) == '：');
    }
}
