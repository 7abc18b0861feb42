package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The scraped-text path: a whole page's visible text, one block per line, without markup. The
 * article is found as the densest run of prose lines (a justext/boilerpipe-style line classifier
 * with context smoothing); headline, byline and date are then looked for just above that run.
 */
final class PlainTextExtractor {

    /** Furniture lines tolerated inside the article run (ad labels, captions, credits). */
    private static final int MAX_GAP = 5;
    private static final int HEADLINE_LOOKBACK = 12;
    /** Bridging furniture costs about half a short paragraph, so teaser grids score low. */
    private static final double GAP_COST = 60;

    ExtractedArticle extract(String raw, String url, int maxChars) {
        List<String> flags = new ArrayList<>();
        String text = raw;
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
            flags.add(ExtractedArticle.FLAG_TRUNCATED);
        }
        List<TextLine> lines = lines(text);
        int[] run = densestRun(lines);
        List<String> paragraphs = new ArrayList<>();
        String title = null;
        List<String> authors = new ArrayList<>();
        String published = null;
        if (run != null) {
            run[1] = withoutTeaserTail(lines, run[0], run[1]);
            paragraphs = paragraphs(lines, run[0], run[1]);
            int headline = headline(lines, run[0]);
            if (headline >= 0) {
                title = lines.get(headline).text();
            }
            for (int i = Math.max(0, headline + 1); i < run[0]; i++) {
                String t = lines.get(i).text();
                if (authors.isEmpty() && BodyPolisher.startsLikeByline(t)) {
                    authors.addAll(Bylines.split(t));
                }
                if (published == null && t.length() < 120) {
                    published = Dates.fromText(t);
                }
            }
            if (!paragraphs.isEmpty() && title != null && Titles.squash(paragraphs.get(0)).equals(Titles.squash(title))) {
                paragraphs.remove(0);
            }
        }
        Prose.Body body = Prose.body(paragraphs, flags);
        return new ExtractedArticle(title, authors, published, null, url, null, null, null, null, null,
                body.dateline(), body.text(), flags);
    }

    static List<TextLine> lines(String text) {
        List<String> raw = new ArrayList<>();
        Map<String, Integer> counts = new HashMap<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == '\n') {
                String line = squashSpaces(text, start, i);
                if (!line.isEmpty()) {
                    raw.add(line);
                    counts.merge(line, 1, Integer::sum);
                }
                start = i + 1;
            }
        }
        List<TextLine> out = new ArrayList<>(raw.size());
        for (int i = 0; i < raw.size(); i++) {
            out.add(TextLine.of(raw.get(i), i, counts.get(raw.get(i))));
        }
        return out;
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

    /**
     * [first, last] of the run of lines with the most prose, as a maximum-sum segment: GOOD lines
     * add their (prose-weighted) length, sentence-like NEUTRAL lines a little, BAD lines cost
     * {@link #GAP_COST}; a segment resets when its sum turns negative or more than
     * {@link #MAX_GAP} BAD lines follow each other. Each segment then gets its lead-in bonus.
     */
    static int[] densestRun(List<TextLine> lines) {
        int[] best = null;
        double bestScore = 0;
        int start = -1;
        int bestEnd = -1;
        double sum = 0;
        double segmentBest = 0;
        int gap = 0;
        for (int j = 0; j <= lines.size(); j++) {
            TextLine l = j < lines.size() ? lines.get(j) : null;
            TextLine.Kind k = l == null ? TextLine.Kind.BAD : l.kind();
            boolean close = l == null;
            if (start >= 0 && !close) {
                if (k == TextLine.Kind.BAD) {
                    sum -= GAP_COST;
                    close = ++gap > MAX_GAP || sum < 0;
                } else {
                    gap = 0;
                    sum += k == TextLine.Kind.GOOD ? l.chars() * proseWeight(l) : l.sentenceEnd() ? l.chars() * 0.3 : 0;
                    if (sum > segmentBest && (k == TextLine.Kind.GOOD || l.sentenceEnd())) {
                        segmentBest = sum;
                        bestEnd = j;
                    }
                }
            }
            if (close && start >= 0) {
                double score = segmentBest * leadBonus(lines, start);
                if (score > bestScore) {
                    bestScore = score;
                    best = new int[] {start, bestEnd};
                }
                start = -1;
            }
            if (start < 0 && k == TextLine.Kind.GOOD) {
                start = j;
                bestEnd = j;
                sum = l.chars() * proseWeight(l);
                segmentBest = sum;
                gap = 0;
            }
        }
        return best;
    }

    /**
     * "More stories" lists read as headline, one-line blurb, headline, blurb... Two or more such
     * pairs (or glued headline+blurb lines) closing the run are cut off.
     */
    static int withoutTeaserTail(List<TextLine> lines, int first, int last) {
        int i = last;
        int teasers = 0;
        int cut = last + 1;
        while (i > first) {
            TextLine l = lines.get(i);
            if (l.kind() == TextLine.Kind.BAD) {
                i--;
                continue;
            }
            if (l.glued()) {
                teasers++;
                cut = i;
                i--;
                continue;
            }
            TextLine above = lines.get(i - 1);
            if (l.kind() == TextLine.Kind.GOOD && above.kind() != TextLine.Kind.GOOD && !above.sentenceEnd()
                    && above.words() >= 3 && i - 1 > first) {
                teasers++;
                cut = i - 1;
                i -= 2;
                continue;
            }
            break;
        }
        if (teasers < 2) {
            return last;
        }
        int end = cut - 1;
        while (end > first && lines.get(end).kind() != TextLine.Kind.GOOD) {
            end--;
        }
        return end;
    }

    /**
     * Articles open with a headline and a date or byline just above the first paragraph; teaser
     * lists and comment threads rarely do. A run with that lead-in counts double.
     */
    static double leadBonus(List<TextLine> lines, int first) {
        boolean dated = false;
        for (int i = first - 1; i >= 0 && i >= first - 6; i--) {
            TextLine l = lines.get(i);
            if (!dated && l.chars() < 120 && (Dates.fromText(l.text()) != null
                    || BodyPolisher.startsLikeByline(l.text()))) {
                dated = true;
            } else if (dated && l.headlineLike()) {
                return 2;
            }
        }
        return 1;
    }

    /**
     * Running prose capitalises few word starts; teaser blurbs glued to their Title Case headlines
     * capitalise many, so they count for less.
     */
    static double proseWeight(TextLine l) {
        if (l.cjk()) {
            return 1;
        }
        return Math.max(0.2, Math.min(1, 1.5 - 2 * l.capitalisedShare()));
    }

    private static List<String> paragraphs(List<TextLine> lines, int first, int last) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = first; i <= last; i++) {
            TextLine l = lines.get(i);
            if (l.kind() == TextLine.Kind.BAD) {
                continue;
            }
            if (l.kind() == TextLine.Kind.NEUTRAL && !l.sentenceEnd() && !isSubheading(lines, i, first, last)) {
                continue;
            }
            if (i == last && BodyPolisher.isLegalNotice(l.text())) {
                continue;
            }
            if (seen.add(l.text())) {
                out.add(l.text());
            }
        }
        return out;
    }

    /** A short phrase between two prose lines reads as a subheading. */
    private static boolean isSubheading(List<TextLine> lines, int i, int first, int last) {
        TextLine l = lines.get(i);
        if (l.words() > 12 || i == first || i == last || l.text().contains(". ") || l.text().contains(": ")) {
            return false;
        }
        return lines.get(i - 1).kind() == TextLine.Kind.GOOD && lines.get(i + 1).kind() == TextLine.Kind.GOOD;
    }

    /** The nearest headline-like line above the article run, skipping byline and date lines. */
    private static int headline(List<TextLine> lines, int runStart) {
        for (int i = runStart - 1; i >= 0 && i >= runStart - HEADLINE_LOOKBACK; i--) {
            TextLine l = lines.get(i);
            if (l.headlineLike() && !BodyPolisher.startsLikeByline(l.text()) && Dates.fromText(l.text()) == null) {
                return i;
            }
        }
        return -1;
    }
}
