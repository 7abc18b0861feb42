package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns the selected subtrees into article paragraphs. Selection is coarse on purpose; this is
 * where furniture that lives inside the article container (share bars, captions, inline promos,
 * bylines, "read more" links) is dropped, using element-level evidence (tag, class intent, link
 * density) before block-level evidence (length, punctuation, position).
 */
final class BodyAssembler {

    private static final byte UNKNOWN = 0;
    private static final byte KEEP = 1;
    private static final byte DROP = 2;

    private BodyAssembler() {
    }

    /**
     * The kept blocks, plus how many of them directly follow a link-only block: a listing page
     * (section front, search results) is a chain of linked headline + blurb pairs.
     */
    record Assembly(List<PageModel.Block> blocks, int teaserPairs) {

        boolean looksLikeListing() {
            return teaserPairs >= 3 && teaserPairs * 10 >= blocks.size() * 6;
        }
    }

    static Assembly assemble(PageModel m, ContentLocator.Selection sel) {
        List<PageModel.Block> out = new ArrayList<>();
        if (sel.roots().isEmpty()) {
            return new Assembly(out, 0);
        }
        int teaserPairs = 0;
        boolean afterLinkOnly = false;
        byte[] state = new byte[m.size];
        List<Integer> roots = sel.roots();
        int r = 0;
        for (PageModel.Block b : m.blocks) {
            int owner = b.owner();
            while (r < roots.size() && m.end[roots.get(r)] < owner) {
                r++;
            }
            if (r >= roots.size()) {
                break;
            }
            int root = roots.get(r);
            if (owner < root) {
                continue;
            }
            if (dropped(m, state, owner, root)) {
                continue;
            }
            if (!blockAcceptable(b)) {
                afterLinkOnly = b.linkDensity() > 0.8;
                continue;
            }
            if (afterLinkOnly) {
                teaserPairs++;
            }
            afterLinkOnly = false;
            out.add(b);
        }
        return new Assembly(out, teaserPairs);
    }

    /** Slideshow residue such as "Image 3 of 12" or "2/9". */
    private static final Pattern COUNTER = Pattern.compile("^\\D{0,20}\\d{1,3} ?(?:of|/) ?\\d{1,3}$");

    private static boolean blockAcceptable(PageModel.Block b) {
        if (b.junkChars() * 2 > b.chars()) {
            return false;
        }
        if (b.chars() <= 30 && COUNTER.matcher(b.text()).matches()) {
            return false;
        }
        double ld = b.linkDensity();
        // Prose sentences can be mostly link text; link lists rarely end like sentences.
        if (ld > 0.5 && !(b.endsLikeSentence() && (b.chars() > 200 || b.chars() >= 60 && ld < 0.8))) {
            return false;
        }
        return true;
    }

    /** Memoised walk from the block's element up to the chosen root. */
    private static boolean dropped(PageModel m, byte[] state, int node, int root) {
        int a = node;
        int depth = 0;
        boolean result = false;
        while (a != root && a >= 0) {
            if (state[a] != UNKNOWN) {
                result = state[a] == DROP;
                break;
            }
            if (isFurniture(m, a)) {
                result = true;
                break;
            }
            a = m.parent[a];
            depth++;
        }
        byte mark = result ? DROP : KEEP;
        for (int x = node; x != a && x >= 0; x = m.parent[x]) {
            state[x] = mark;
        }
        if (a >= 0 && a != root) {
            state[a] = mark;
        }
        return result;
    }

    static boolean isFurniture(PageModel m, int i) {
        if (m.hidden[i]) {
            return true;
        }
        int h = m.hints[i];
        byte k = m.kind[i];
        boolean body = (h & ClassHints.BODY) != 0;
        switch (k) {
            case PageModel.K_JUNK:
                return true;
            case PageModel.K_HEADER:
                return m.paragraphs[i] <= 1 && m.chars[i] < 400;
            case PageModel.K_FORM:
                return m.paragraphs[i] < 3;
            default:
                break;
        }
        if (!body && m.labelledAsFurniture(i)) {
            return true;
        }
        if (!body && (h & ClassHints.STRONG_NEGATIVE) != 0) {
            // "content-with-sidebar": a wrapper that names both, and holds real prose, is kept
            return !((h & ClassHints.POSITIVE) != 0 && m.paragraphs[i] >= 5 && m.linkDensity(i) < 0.3);
        }
        if (!body && (h & ClassHints.WEAK_NEGATIVE) != 0 && (h & ClassHints.POSITIVE) == 0
                && !(m.paragraphs[i] >= 3 && m.linkDensity(i) < 0.3)) {
            return true;
        }
        if (k == PageModel.K_DIV || k == PageModel.K_LIST || k == PageModel.K_TABLE || k == PageModel.K_LI
                || k == PageModel.K_INLINE) {
            double ld = m.linkDensity(i);
            if (ld > 0.5 && m.links[i] >= 1) {
                return true;
            }
            if (k == PageModel.K_LIST && ld > 0.3 && m.links[i] >= 3) {
                return true;
            }
        }
        return false;
    }
}
