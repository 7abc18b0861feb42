package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.List;

/**
 * Picks the DOM subtree(s) holding the article. The scoring follows the idea that made Readability
 * robust across a decade of layouts (credit paragraph-like blocks to their parent and, decaying, to
 * further ancestors; discount by link density; nudge by class names; then gather qualifying
 * siblings), re-implemented over {@link PageModel}'s arrays so a page costs a few linear passes.
 */
final class ContentLocator {

    /** Chosen subtrees in document order, plus the winning score (0 when nothing qualified). */
    record Selection(List<Integer> roots, int top, double score) {
        static final Selection NONE = new Selection(List.of(), -1, 0);
    }

    private static final int MIN_BLOCK_CHARS = 25;
    private static final int ANCESTOR_LEVELS = 5;
    /** A section headed "Related"/"Most read" keeps a fifth of its score, whatever its prose. */
    private static final double LABELLED_FURNITURE = 0.2;

    private ContentLocator() {
    }

    static Selection locate(PageModel m) {
        int n = m.size;
        if (n == 0) {
            return Selection.NONE;
        }
        double[] score = new double[n];
        boolean[] cand = new boolean[n];
        for (PageModel.Block b : m.blocks) {
            if (b.chars() < MIN_BLOCK_CHARS || b.kind() == PageModel.K_HEADING || b.linkDensity() > 0.5) {
                continue;
            }
            double s = 1 + b.commas() + Math.min(weightedLength(b) / 100.0, 3);
            int start = m.blockChildren[b.owner()] > 0 ? b.owner() : m.parent[b.owner()];
            int level = 0;
            for (int a = start; a >= 0 && level < ANCESTOR_LEVELS; a = m.parent[a], level++) {
                if (!cand[a]) {
                    cand[a] = true;
                    score[a] = initialScore(m, a);
                }
                double div = level == 0 ? 1 : level == 1 ? 2 : level * 3;
                score[a] += s / div;
            }
        }
        int top = -1;
        for (int i = 0; i < n; i++) {
            if (cand[i]) {
                score[i] *= (1 - m.linkDensity(i)) * (m.labelledAsFurniture(i) ? LABELLED_FURNITURE : 1);
                if (top < 0 || score[i] > score[top]) {
                    top = i;
                }
            }
        }
        if (top < 0) {
            return Selection.NONE;
        }
        top = preferSharedAncestor(m, score, cand, top);
        top = climbWhileParentScoresHigher(m, score, cand, top);
        while (m.parent[top] >= 0 && m.kind[m.parent[top]] != PageModel.K_BODY && m.children[m.parent[top]] == 1) {
            top = m.parent[top];
        }
        List<Integer> roots = withSiblings(m, score, cand, top);
        addSameClassCousins(m, top, roots);
        return new Selection(roots, top, score[top]);
    }

    /** CJK scripts pack a word into one or two characters; count them as longer so scoring is fair. */
    static double weightedLength(PageModel.Block b) {
        String t = b.text();
        int probe = Math.min(t.length(), 40);
        int cjk = 0;
        for (int i = 0; i < probe; i++) {
            char c = t.charAt(i);
            if (c >= '\u2E80' && c <= '\uD7AF' || c >= '\uF900' && c <= '\uFAFF' || c >= '\uFF00' && c <= '\uFFEF') {
                cjk++;
            }
        }
        return cjk * 2 > probe ? b.chars() * 3.0 : b.chars();
    }

    private static double initialScore(PageModel m, int i) {
        double s;
        switch (m.kind[i]) {
            case PageModel.K_DIV:
                s = 5;
                break;
            case PageModel.K_PRE:
            case PageModel.K_CELL:
            case PageModel.K_QUOTE:
                s = 3;
                break;
            case PageModel.K_LIST:
            case PageModel.K_LI:
            case PageModel.K_FORM:
            case PageModel.K_JUNK:
                s = -3;
                break;
            case PageModel.K_HEADING:
                s = -5;
                break;
            default:
                s = 0;
        }
        int h = m.hints[i];
        if ((h & ClassHints.POSITIVE) != 0) {
            s += 25;
        }
        if ((h & ClassHints.BODY) != 0) {
            s += 25;
        }
        if ((h & ClassHints.STRONG_NEGATIVE) != 0 || (h & ClassHints.WEAK_NEGATIVE) != 0 && (h & ClassHints.POSITIVE) == 0) {
            s -= 25;
        }
        return s;
    }

    /** When several strong candidates sit under one ancestor, the article is probably split among them. */
    private static int preferSharedAncestor(PageModel m, double[] score, boolean[] cand, int top) {
        int[] alts = new int[5];
        int count = 0;
        double bar = score[top] * 0.75;
        for (int i = 0; i < m.size; i++) {
            if (i != top && cand[i] && score[i] >= bar) {
                if (count < alts.length) {
                    alts[count++] = i;
                } else {
                    int weakest = 0;
                    for (int j = 1; j < alts.length; j++) {
                        if (score[alts[j]] < score[alts[weakest]]) {
                            weakest = j;
                        }
                    }
                    if (score[i] > score[alts[weakest]]) {
                        alts[weakest] = i;
                    }
                }
            }
        }
        if (count < 3) {
            return top;
        }
        for (int a = m.parent[top]; a >= 0 && m.kind[a] != PageModel.K_BODY; a = m.parent[a]) {
            int inside = 0;
            for (int j = 0; j < count; j++) {
                if (m.contains(a, alts[j])) {
                    inside++;
                }
            }
            if (inside >= 3) {
                return a;
            }
        }
        return top;
    }

    private static int climbWhileParentScoresHigher(PageModel m, double[] score, boolean[] cand, int top) {
        double last = score[top];
        double threshold = last / 3;
        for (int p = m.parent[top]; p >= 0 && m.kind[p] != PageModel.K_BODY; p = m.parent[p]) {
            if (!cand[p]) {
                continue;
            }
            if (score[p] < threshold) {
                break;
            }
            if (score[p] > last) {
                return p;
            }
            last = score[p];
        }
        return top;
    }

    /**
     * Long articles are often cut into chunks that share one class but sit in separate wrappers
     * (between ad rails, paywall markers or "chunk" grids), so they are not siblings. Chunks that
     * repeat the winner's tag and class close by are added.
     */
    private static void addSameClassCousins(PageModel m, int top, List<Integer> roots) {
        String cls = m.el[top].className();
        if (cls.isEmpty()) {
            return;
        }
        String tag = m.el[top].normalName();
        int anc = top;
        for (int k = 0; k < 3 && m.parent[anc] >= 0 && m.kind[m.parent[anc]] != PageModel.K_BODY; k++) {
            anc = m.parent[anc];
        }
        if (anc == top) {
            return;
        }
        List<Integer> extra = new ArrayList<>();
        for (int i = anc + 1; i <= m.end[anc]; i++) {
            if (i == top) {
                i = m.end[top];
                continue;
            }
            if (m.paragraphs[i] > 0 && m.linkDensity(i) < 0.5 && tag.equals(m.el[i].normalName())
                    && cls.equals(m.el[i].className())) {
                extra.add(i);
                i = m.end[i];
            }
        }
        if (extra.isEmpty()) {
            return;
        }
        for (int e : extra) {
            boolean covered = false;
            for (int r : roots) {
                covered |= m.contains(r, e);
            }
            if (!covered) {
                roots.removeIf(r -> m.contains(e, r));
                roots.add(e);
            }
        }
        roots.sort(null);
    }

    private static List<Integer> withSiblings(PageModel m, double[] score, boolean[] cand, int top) {
        List<Integer> roots = new ArrayList<>();
        int p = m.parent[top];
        if (p < 0) {
            roots.add(top);
            return roots;
        }
        double threshold = Math.max(10, score[top] * 0.2);
        String topClass = m.el[top].className();
        for (int s = p + 1; s <= m.end[p]; s = m.end[s] + 1) {
            if (s == top) {
                roots.add(s);
                continue;
            }
            double bonus = !topClass.isEmpty() && topClass.equals(m.el[s].className()) ? score[top] * 0.2 : 0;
            if (cand[s] && score[s] + bonus >= threshold) {
                roots.add(s);
            } else if (m.kind[s] == PageModel.K_P && m.firstBlock[s] >= 0) {
                PageModel.Block b = m.blocks.get(m.firstBlock[s]);
                double ld = m.linkDensity(s);
                if (m.chars[s] > 80 && ld < 0.25 || m.chars[s] > 0 && ld == 0 && b.endsLikeSentence()) {
                    roots.add(s);
                }
            }
        }
        return roots;
    }
}
