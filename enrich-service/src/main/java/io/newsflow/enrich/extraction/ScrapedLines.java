package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns posted text into logical lines, one block (paragraph, heading, menu entry) each, whatever
 * way it was copied: one block per line (most scrapers), blocks separated by blank lines (a
 * browser's copy, html-to-text), lines hard-wrapped at a fixed width inside blocks (text-mode
 * browsers, html2text's defaults), or a break at every text node ({@code get_text("\n")}, which
 * splits a sentence at each link). The line classifier downstream reads whole blocks, so wrapped
 * and broken lines are joined back first; blank lines never join.
 */
final class ScrapedLines {

    /** Hard wrapping is assumed only at widths scrapers use. */
    private static final int MIN_WRAP = 60;
    private static final int MAX_WRAP = 140;

    private ScrapedLines() {
    }

    static List<TextLine> of(String text) {
        List<String> raw = new ArrayList<>();
        List<Boolean> afterBlank = new ArrayList<>();
        int start = 0;
        int n = text.length();
        boolean blank = false;
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                String line = squashSpaces(text, start, i);
                if (line.isEmpty()) {
                    blank = true;
                } else {
                    raw.add(line);
                    afterBlank.add(blank);
                    blank = false;
                }
                start = i + 1;
            }
        }
        int width = wrapWidth(raw);
        List<String> joined = new ArrayList<>(raw.size());
        StringBuilder cur = null;
        for (int i = 0; i < raw.size(); i++) {
            String line = raw.get(i);
            String next = i + 1 < raw.size() && !afterBlank.get(i + 1) ? raw.get(i + 1) : null;
            if (cur != null && !afterBlank.get(i) && quoted(raw.get(i - 1)) && quoted(line)
                    && continues(raw.get(i - 1), line.substring(2), width)) {
                cur.append(' ').append(line, 2, line.length()); // a quotation marked line by line, "> "
                continue;
            }
            if (cur != null && !afterBlank.get(i) && (continues(raw.get(i - 1), line, width)
                    || width == 0 && linkFragment(raw.get(i - 1), line, next))) {
                if (!startsWithClosingMark(line)) {
                    cur.append(' ');
                }
                cur.append(line);
                continue;
            }
            if (cur != null) {
                joined.add(cur.toString());
            }
            cur = new StringBuilder(line);
        }
        if (cur != null) {
            joined.add(cur.toString());
        }
        Map<String, Integer> counts = new HashMap<>();
        for (String l : joined) {
            counts.merge(l, 1, Integer::sum);
        }
        List<TextLine> out = new ArrayList<>(joined.size());
        for (int i = 0; i < joined.size(); i++) {
            out.add(TextLine.of(joined.get(i), i, counts.get(joined.get(i))));
        }
        return out;
    }

    /**
     * Whether {@code next} goes on the block {@code previous} began: the previous line was cut at the
     * wrap width (the next word would not have fitted), or it stopped mid-sentence and the next
     * starts in lower case or with closing punctuation (a text node split at a link).
     */
    static boolean continues(String previous, String next, int width) {
        if (width > 0 && wrapped(previous, next, width)) {
            return !startsLikeNewBlock(next);
        }
        if (TextLine.endsLikeSentence(previous)) {
            return false;
        }
        if (startsWithClosingMark(next)) {
            return true;
        }
        // a sentence going on in lower case; not a byline ("by Jane Doe") or a lone tag under a title
        return Character.isLowerCase(next.charAt(0)) && !BodyPolisher.startsLikeByline(next)
                && words(previous) >= 3 && (words(next) >= 3 || TextLine.endsLikeSentence(next));
    }

    private static int words(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == ' ') {
                n++;
            }
        }
        return n;
    }

    /** A link's text alone on its line inside a sentence split at every text node: "... met" / "Jane Doe" / "on Monday". */
    private static boolean linkFragment(String previous, String line, String next) {
        return next != null && line.length() <= 40 && !TextLine.endsLikeSentence(previous)
                && !TextLine.endsLikeSentence(line) && Character.isLowerCase(previous.charAt(previous.length() - 1))
                && previous.indexOf(' ') > 0 && (Character.isLowerCase(next.charAt(0)) || startsWithClosingMark(next));
    }

    private static boolean wrapped(String previous, String next, int width) {
        if (previous.length() < width - 30 || previous.length() > width) {
            return false;
        }
        int firstWord = next.indexOf(' ');
        firstWord = firstWord < 0 ? next.length() : firstWord;
        return previous.length() + 1 + firstWord > width - 2;
    }

    /**
     * Text renderers mark a quotation ({@code <blockquote>}) with "> " on every line, as e-mail
     * does, so a hard-wrapped quotation is joined inside the marks.
     */
    private static boolean quoted(String line) {
        return line.length() > 2 && line.charAt(0) == '>' && line.charAt(1) == ' ';
    }

    /** List bullets and numbered items start blocks of their own. */
    private static boolean startsLikeNewBlock(String line) {
        char c = line.charAt(0);
        if (c == '*' || c == '•' || c == '-' || c == '–' || c == '—' || c == '#' || c == '>') {
            return line.length() > 1 && line.charAt(1) == ' ';
        }
        return false;
    }

    /**
     * The width the text was hard-wrapped at, or 0 when it was not: many lines end within a few
     * characters of one common maximum, and none but a few (long URLs) go past it.
     */
    static int wrapWidth(List<String> lines) {
        if (lines.size() < 8) {
            return 0;
        }
        int[] lengths = new int[lines.size()];
        for (int i = 0; i < lengths.length; i++) {
            lengths[i] = lines.get(i).length();
        }
        int[] sorted = lengths.clone();
        Arrays.sort(sorted);
        int max = sorted[(int) Math.floor(sorted.length * 0.98) - 1];
        if (max < MIN_WRAP || max > MAX_WRAP) {
            return 0;
        }
        int longer = 0;
        int nearMax = 0;
        int over = 0;
        for (int len : lengths) {
            if (len >= 40) {
                longer++;
            }
            if (len >= max - 12 && len <= max) {
                nearMax++;
            }
            if (len > max + 20) {
                over++;
            }
        }
        return longer >= 8 && nearMax * 10 >= longer * 3 && over * 50 <= lengths.length ? max : 0;
    }

    private static boolean startsWithClosingMark(String s) {
        if (s.isEmpty()) {
            return false;
        }
        char c = s.charAt(0);
        return c == ',' || c == '.' || c == ';' || c == ':' || c == ')' || c == ']' || c == '%' || c == '!'
                || c == '?' || (c == '’' || c == '\'') && s.length() > 1 && s.charAt(1) == 's';
    }

    private static String squashSpaces(String s, int from, int to) {
        StringBuilder b = new StringBuilder(to - from);
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c) || c == '\u00A0') {
                space = b.length() > 0;
            } else {
                if (space) {
                    b.append(' ');
                    space = false;
                }
                b.append(c);
            }
        }
        return b.toString();
    }
}
