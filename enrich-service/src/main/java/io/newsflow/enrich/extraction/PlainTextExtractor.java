package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The scraped-text path: a whole page's visible text without markup, one block per line or blocks
 * separated by blank lines (see {@link ScrapedLines}). The article is found as the densest run of
 * prose lines (a justext/boilerpipe-style line classifier with context smoothing); tables and lists
 * between its paragraphs, flattened one cell or item per line, are bridged and kept ({@link
 * Figures}); its tail is cut where the page's closing furniture starts (prompts, notices, bios,
 * teasers, a label heading the page's own lists: {@link Furniture}), and widened over a list its
 * last sentence announces or the score lines a results table ends with; captions, player residue
 * and boxes of links are dropped from inside it, and headline, byline and date are looked for just
 * above it.
 */
final class PlainTextExtractor {

    /** Furniture lines tolerated inside the article run (ad labels, captions, credits). */
    private static final int MAX_GAP = 5;
    private static final int HEADLINE_LOOKBACK = 15;
    /** Below this share of words shared with the lead, the nearest headline-like line is taken. */
    private static final double MIN_HEADLINE_OVERLAP = 0.15;
    /** A headline candidate this long may be the standfirst under the headline. */
    private static final int STANDFIRST_WORDS = 16;
    /** Bridging furniture costs about half a short paragraph, so teaser grids score low. */
    private static final double GAP_COST = 60;
    /** Prose that may follow a footer notice and still be page furniture (the footer's other notices). */
    private static final int MAX_PROSE_AFTER_FOOTER = 700;
    /** A prompt that may sit inside an article too ("click here", "read more") closes it only at the very end. */
    private static final int MAX_PROSE_AFTER_PROMPT = 200;
    private static final int MENU_REACH = 3;
    private static final int INSET_HEADING_WORDS = 6;
    private static final int FOOTER_CLUSTER_REACH = 8;
    private static final int MIN_TEASERS_AMONG_PHRASES = 3;

    ExtractedArticle extract(String raw, String url, int maxChars) {
        List<String> flags = new ArrayList<>();
        String text = raw;
        if (text.length() > maxChars) {
            text = text.substring(0, maxChars);
            flags.add(ExtractedArticle.FLAG_TRUNCATED);
        }
        List<TextLine> lines = ScrapedLines.of(text);
        boolean[] figures = Figures.betweenProse(lines);
        int[] run = densestRun(lines, figures);
        List<String> paragraphs = new ArrayList<>();
        String title = null;
        List<String> authors = new ArrayList<>();
        String published = null;
        if (run != null) {
            run[1] = withoutTeaserTail(lines, figures, run[0], run[1]);
            run[1] = withoutClosingFurniture(lines, figures, run[0], run[1]);
            run[1] = withoutClosingLabel(lines, run[0], run[1]);
            withFiguresAtTheEdges(lines, figures, run);
            paragraphs = paragraphs(lines, figures, run[0], run[1]);
            int headline = headline(lines, run[0]);
            if (headline >= 0) {
                title = lines.get(headline).text();
            }
            for (int i = Math.max(0, headline + 1); i < run[0]; i++) {
                String t = lines.get(i).text();
                if (authors.isEmpty() && BodyPolisher.startsLikeByline(t)) {
                    authors.addAll(Bylines.split(t));
                }
                if (published == null && t.length() < 120 && !isCaption(lines, i)) {
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

    /**
     * Widens the run over the figures at its edges, which the prose-driven run leaves out: the list
     * its last line announces with a colon ({@link Figures#announcedListEnd}), or else, when the
     * article carries a table, the score lines it opens or closes with ({@link Figures#dataEdge}).
     * The lines taken are marked as figures, to be kept whatever their shape.
     */
    private static void withFiguresAtTheEdges(List<TextLine> lines, boolean[] figures, int[] run) {
        int end = Figures.announcedListEnd(lines, run[1]);
        if (end == run[1] && Figures.carriesTable(lines, figures, run[0], run[1])) {
            end = Figures.dataEdge(lines, run[1], 1);
            int start = Figures.dataEdge(lines, run[0], -1);
            Arrays.fill(figures, start, run[0], true);
            run[0] = start;
        }
        Arrays.fill(figures, run[1] + 1, end + 1, true);
        run[1] = end;
    }

    /**
     * [first, last] of the run of lines with the most prose, as a maximum-sum segment: GOOD lines
     * add their (prose-weighted) length, sentence-like NEUTRAL lines a little, BAD lines cost
     * {@link #GAP_COST}; a segment resets when its sum turns negative or more than
     * {@link #MAX_GAP} BAD lines follow each other. Each segment then gets its lead-in bonus.
     * A table or list between paragraphs ({@link Figures}) costs nothing; captions, credits,
     * player residue and repeated lines (a gallery's) cost but do not count towards the gap, as
     * articles carry them between paragraphs.
     */
    static int[] densestRun(List<TextLine> lines, boolean[] figures) {
        int[] best = null;
        double bestScore = 0;
        int start = -1;
        int bestEnd = -1;
        double sum = 0;
        double segmentBest = 0;
        int gap = 0; // BAD lines in a row; inset furniture is told apart from line `unsorted` on only when it matters
        int unsorted = -1;
        for (int j = 0; j <= lines.size(); j++) {
            TextLine l = j < lines.size() ? lines.get(j) : null;
            TextLine.Kind k = l == null ? TextLine.Kind.BAD : l.kind();
            boolean close = l == null;
            if (start >= 0 && !close) {
                if (k == TextLine.Kind.BAD && figures[j]) {
                    continue;
                } else if (k == TextLine.Kind.BAD) {
                    sum -= GAP_COST;
                    unsorted = unsorted < 0 ? j : unsorted;
                    if (++gap > MAX_GAP) {
                        gap -= insets(lines, figures, unsorted, j);
                        unsorted = -1;
                    }
                    close = gap > MAX_GAP || sum < 0;
                } else {
                    gap = 0;
                    unsorted = -1;
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
                unsorted = -1;
            }
        }
        return best;
    }

    /** The inset furniture among the BAD lines from {@code from} to {@code to}, figures aside. */
    private static int insets(List<TextLine> lines, boolean[] figures, int from, int to) {
        int n = 0;
        for (int i = from; i <= to; i++) {
            if (lines.get(i).kind() == TextLine.Kind.BAD && !figures[i] && insetFurniture(lines, i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * Furniture that sits inside articles: captions, credits, player residue, a gallery's repeated
     * captions and headline (a menu's or tag list's repeated entries are shorter).
     */
    private static boolean insetFurniture(List<TextLine> lines, int i) {
        TextLine l = lines.get(i);
        return l.repeats() > 1 && l.words() >= 6 || isCaption(lines, i) || Furniture.isBareCredit(l.text())
                || Furniture.isWidget(l.text());
    }

    /**
     * "More stories" lists read as headline, one-line blurb, headline, blurb... Two or more such
     * pairs (or glued headline+blurb lines) closing the run are cut off. Sidebars mix in other
     * short lines ("Click the picture above", a slogan); walking over them, it takes
     * {@link #MIN_TEASERS_AMONG_PHRASES} pairs, as a how-to's last steps can read like two pairs.
     * A title that is a table row or list item is the article's, not a teaser's.
     */
    static int withoutTeaserTail(List<TextLine> lines, boolean[] figures, int first, int last) {
        int i = last;
        int teasers = 0;
        int cut = last + 1;
        boolean skippedPhrases = false;
        while (i > first) {
            TextLine l = lines.get(i);
            if (l.kind() == TextLine.Kind.BAD) {
                i--;
                continue;
            }
            if (l.kind() == TextLine.Kind.NEUTRAL && !l.glued()) {
                skippedPhrases = true;
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
                    && above.words() >= 3 && !figures[i - 1] && i - 1 > first) {
                teasers++;
                cut = i - 1;
                i -= 2;
                continue;
            }
            break;
        }
        if (teasers < (skippedPhrases ? MIN_TEASERS_AMONG_PHRASES : 2)) {
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

    private static List<String> paragraphs(List<TextLine> lines, boolean[] figures, int first, int last) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean inset = false;
        for (int i = first; i <= last; i++) {
            TextLine l = lines.get(i);
            if (l.kind() == TextLine.Kind.GOOD) {
                inset = false;
            } else if (isInsetHeading(l)) {
                inset = true;
            }
            if (inset) {
                continue;
            }
            if (figures[i]) {
                if (!isCaption(lines, i) && !Furniture.isBareCredit(l.text())) {
                    out.add(l.text()); // a table's cells repeat
                }
                continue;
            }
            if (l.kind() == TextLine.Kind.BAD) {
                continue;
            }
            if (l.kind() == TextLine.Kind.NEUTRAL && !l.sentenceEnd() && !isSubheading(lines, i, first, last)
                    && !isListItem(l)) {
                continue;
            }
            if (i == last && BodyPolisher.isLegalNotice(l.text()) || isCaption(lines, i) || Furniture.isWidget(l.text())) {
                continue;
            }
            if (seen.add(l.text())) {
                out.add(l.text());
            }
        }
        return out;
    }

    /**
     * A box of links set into the article ("Most read", "Related articles", "Don't miss") opens
     * with a short heading of closing-furniture words; its entries, short lines of any shape,
     * last until the article's prose resumes.
     */
    private static boolean isInsetHeading(TextLine l) {
        return l.words() <= INSET_HEADING_WORDS && (!l.sentenceEnd() || Figures.introduces(l))
                && (Furniture.isClosing(l.text()) || Furniture.isLabel(l.text()));
    }

    /**
     * A label of a word or three with a colon ("Sources:", "Topics:", "About this statement:")
     * heads one of the page's lists, not the story's, when little of the story follows it: the
     * run ends before it. (The story's own lists are announced by a sentence, and a short label
     * inside a story, "Ingredients:", has its prose after it.) Only sentences count as prose
     * here: the lines of a list of sources are long but end with a date.
     */
    static int withoutClosingLabel(List<TextLine> lines, int first, int last) {
        int label = first + 1;
        while (label <= last && (!Figures.introduces(lines.get(label)) || Figures.announces(lines.get(label)))) {
            label++;
        }
        if (label > last) {
            return last; // the common case: no label, no need to weigh the prose
        }
        int[] after = new int[last - first + 2]; // sentence chars from line first+k to the end
        for (int i = last; i >= first; i--) {
            TextLine l = lines.get(i);
            boolean prose = l.kind() == TextLine.Kind.GOOD && l.sentenceEnd() && !closing(l);
            after[i - first] = after[i - first + 1] + (prose ? l.chars() : 0);
        }
        for (int i = label; i <= last; i++) {
            TextLine l = lines.get(i);
            if (!Figures.introduces(l) || Figures.announces(l)) {
                continue;
            }
            int before = after[0] - after[i - first];
            if (before >= Prose.MIN_ARTICLE_CHARS && after[i - first + 1] <= Math.min(MAX_PROSE_AFTER_FOOTER, before / 4)) {
                int end = i - 1;
                while (end > first && lines.get(end).kind() != TextLine.Kind.GOOD && !lines.get(end).sentenceEnd()) {
                    end--;
                }
                return end;
            }
        }
        return last;
    }

    /**
     * The page's closing furniture starts at the first prompt, notice, author bio or publisher
     * blurb after which little prose follows (the rest of a page footer: "© 2024 ...", "The
     * material on this site may not be reproduced..."). Returns the new last line of the run.
     */
    static int withoutClosingFurniture(List<TextLine> lines, boolean[] figures, int first, int last) {
        int[] after = new int[last - first + 2]; // prose chars from line first+k to the end, furniture excluded
        for (int i = last; i >= first; i--) {
            TextLine l = lines.get(i);
            boolean prose = l.kind() == TextLine.Kind.GOOD && !isCaption(lines, i) && !closing(l);
            after[i - first] = after[i - first + 1] + (prose ? l.chars() : 0);
        }
        int total = after[0];
        for (int i = first + 1; i <= last; i++) {
            TextLine l = lines.get(i);
            if (isCaption(lines, i) || !closing(l)) {
                continue;
            }
            int before = total - after[i - first];
            int rest = after[i - first + 1];
            boolean footer = footer(l);
            int allowed = footer ? Math.min(MAX_PROSE_AFTER_FOOTER, before / 4) : Math.min(MAX_PROSE_AFTER_PROMPT, before / 8);
            if (footer && footerCluster(lines, i, last)) {
                allowed = before;
            }
            if (before >= Prose.MIN_ARTICLE_CHARS && rest <= allowed) {
                int end = i - 1;
                while (end > first && !figures[end] && (lines.get(end).kind() != TextLine.Kind.GOOD
                        && !lines.get(end).sentenceEnd() || isCaption(lines, end))) {
                    end--;
                }
                return end;
            }
        }
        return last;
    }

    /**
     * A footer's notices come in clusters (an author bio, "Related content", "Leave a reply",
     * "community standards"): two more within the next {@link #FOOTER_CLUSTER_REACH} lines mean
     * the footer has started, even when a comment form's or newsletter box's sentences follow.
     */
    private static boolean footerCluster(List<TextLine> lines, int i, int last) {
        int more = 0;
        for (int j = i + 1; j <= Math.min(last, i + FOOTER_CLUSTER_REACH); j++) {
            if (footer(lines.get(j)) && ++more >= 2) {
                return true;
            }
        }
        return false;
    }

    private static boolean closing(TextLine l) {
        return Furniture.isClosing(l.text()) || Furniture.isBioOrBlurb(l.text()) || Furniture.isTruncatedTeaser(l.text());
    }

    private static boolean footer(TextLine l) {
        return Furniture.isFooter(l.text()) || Furniture.isBioOrBlurb(l.text());
    }

    /** A caption: it carries a photo credit, or a bare credit line follows it. */
    static boolean isCaption(List<TextLine> lines, int i) {
        TextLine l = lines.get(i);
        if (Furniture.isCaption(l.text())) {
            return true;
        }
        return i + 1 < lines.size() && l.chars() < 300 && Furniture.isBareCredit(lines.get(i + 1).text());
    }

    /**
     * Inside the article, a phrase in sentence case that no furniture cue marks is a list item or a
     * table row of the story (standings, ingredients, key points); title-cased phrases are teasers.
     */
    private static boolean isListItem(TextLine l) {
        return l.capitalisedShare() <= 0.5 && !l.glued() && !Furniture.isClosing(l.text())
                && !Furniture.isCaption(l.text()) && !Furniture.isTruncatedTeaser(l.text());
    }

    /** A short phrase between two prose lines reads as a subheading. */
    private static boolean isSubheading(List<TextLine> lines, int i, int first, int last) {
        TextLine l = lines.get(i);
        if (l.words() > 12 || i == first || i == last || l.text().contains(". ") || l.text().contains(": ")) {
            return false;
        }
        return lines.get(i - 1).kind() == TextLine.Kind.GOOD && lines.get(i + 1).kind() == TextLine.Kind.GOOD;
    }

    /**
     * The headline above the article run: of the headline-like lines just above it (not a byline,
     * date, caption, label, player residue, share button or menu entry), the one that shares the
     * most words with the article's first paragraphs, the nearest among equals. A headline names
     * what the lead tells; a teaser of another story, a section label or a photo caption rarely
     * does. A long standfirst just under a shorter headline gives way to it.
     */
    static int headline(List<TextLine> lines, int runStart) {
        Set<String> lead = leadStems(lines, runStart);
        int best = -1;
        double bestScore = -1;
        int nearest = -1;
        for (int i = runStart - 1; i >= 0 && i >= runStart - HEADLINE_LOOKBACK; i--) {
            if (!headlineCandidate(lines, i)) {
                continue;
            }
            if (nearest < 0) {
                nearest = i;
            }
            double score = overlap(lines.get(i).text(), lead) - 0.01 * (runStart - i);
            if (score > bestScore + 0.05) {
                bestScore = score;
                best = i;
            }
        }
        int chosen = bestScore >= MIN_HEADLINE_OVERLAP ? best : nearest;
        if (chosen > 0 && lines.get(chosen).words() >= STANDFIRST_WORDS) {
            for (int i = chosen - 1; i >= Math.max(0, chosen - 3); i--) {
                if (headlineCandidate(lines, i) && lines.get(i).words() < lines.get(chosen).words()
                        && overlap(lines.get(i).text(), lead) > 0) {
                    return i;
                }
            }
        }
        return chosen;
    }

    private static boolean headlineCandidate(List<TextLine> lines, int i) {
        TextLine l = lines.get(i);
        String t = l.text();
        return l.headlineLike() && !BodyPolisher.startsLikeByline(t) && Dates.fromText(t) == null
                && !Furniture.isMetaLine(t) && !isCaption(lines, i) && !Furniture.isLabel(t) && !Furniture.isWidget(t)
                && !Furniture.isClosing(t) && !inMenu(lines, i);
    }

    /** Word stems (first four letters of words of four or more) of the run's first three prose lines. */
    private static Set<String> leadStems(List<TextLine> lines, int runStart) {
        Set<String> stems = new HashSet<>();
        int taken = 0;
        for (int i = runStart; i < lines.size() && taken < 3; i++) {
            if (lines.get(i).kind() == TextLine.Kind.GOOD) {
                addStems(lines.get(i).text(), stems);
                taken++;
            }
        }
        return stems;
    }

    /** The share of a line's content words whose stem occurs in the lead. */
    static double overlap(String line, Set<String> lead) {
        Set<String> own = new HashSet<>();
        addStems(line, own);
        if (own.isEmpty()) {
            return 0;
        }
        int hits = 0;
        for (String s : own) {
            if (lead.contains(s)) {
                hits++;
            }
        }
        return (double) hits / own.size();
    }

    private static void addStems(String text, Set<String> out) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isLetter(text.charAt(i))) {
                i++;
            }
            int j = i;
            while (j < n && Character.isLetter(text.charAt(j))) {
                j++;
            }
            if (j - i >= 4) {
                String stem = text.substring(i, i + 4).toLowerCase(Locale.ROOT);
                if (!COMMON_STEMS.contains(stem)) {
                    out.add(stem);
                }
            }
            i = j;
        }
    }

    /** Stems of words too common to tie a headline to its lead. */
    private static final Set<String> COMMON_STEMS = Set.of("that", "with", "from", "have", "this", "will", "abou",
            "afte", "been", "were", "they", "their", "thei", "what", "when", "whic", "said", "says", "more", "also",
            "than", "into", "over", "some", "only", "year", "news");

    /** Menu entries come in runs: the line and three on each side are all short phrases. */
    static boolean inMenu(List<TextLine> lines, int i) {
        int from = Math.max(0, i - MENU_REACH);
        int to = Math.min(lines.size() - 1, i + MENU_REACH);
        if (to - from < 2 * MENU_REACH) {
            return false;
        }
        for (int j = from; j <= to; j++) {
            TextLine l = lines.get(j);
            if (l.words() > 6 || l.sentenceEnd() && l.text().endsWith(".")) {
                return false;
            }
        }
        return true;
    }
}
