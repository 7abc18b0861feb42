package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * A flat, array-based view of the DOM built in one iterative pass: every element gets a pre-order
 * index with its parent, subtree end and aggregated text statistics, and the visible text is cut
 * into {@link Block}s at block-level boundaries. Everything downstream works on these arrays, so
 * no step ever calls {@code Element.text()} (quadratic on deep pages) or recurses (stack overflow on
 * 10,000-level nesting).
 */
final class PageModel {

    static final byte K_INLINE = 0;
    static final byte K_P = 1;
    static final byte K_HEADING = 2;
    static final byte K_LI = 3;
    static final byte K_QUOTE = 4;
    static final byte K_PRE = 5;
    static final byte K_CELL = 6;
    static final byte K_DIV = 7;
    static final byte K_LIST = 8;
    static final byte K_TABLE = 9;
    static final byte K_JUNK = 10;
    static final byte K_BODY = 11;
    static final byte K_A = 12;
    static final byte K_FORM = 13;
    static final byte K_HEADER = 14;

    /** A run of text between block boundaries; the unit the body is assembled from. */
    record Block(int owner, String text, int chars, int linkChars, int commas, int junkChars,
                 byte kind, int headingLevel, int row) {

        double linkDensity() {
            return chars == 0 ? 0 : (double) linkChars / chars;
        }

        boolean endsLikeSentence() {
            int i = text.length() - 1;
            while (i >= 0 && isClosing(text.charAt(i))) {
                i--;
            }
            if (i < 0) {
                return false;
            }
            char c = text.charAt(i);
            return c == '.' || c == '!' || c == '?' || c == '。' || c == '！' || c == '？' || c == ':' || c == '…'
                    || c == ';';
        }

        private static boolean isClosing(char c) {
            return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == '»' || c == ']' || c == ' ';
        }
    }

    int size;
    Element[] el = new Element[256];
    int[] parent = new int[256];
    int[] end = new int[256];
    byte[] kind = new byte[256];
    int[] hints = new int[256];
    boolean[] hidden = new boolean[256];
    int[] chars = new int[256];
    int[] linkChars = new int[256];
    int[] links = new int[256];
    int[] blockChildren = new int[256];
    int[] children = new int[256];
    int[] firstBlock = new int[256];
    /** Index of the first block anywhere in the element's subtree, -1 if none. */
    int[] firstBlockWithin = new int[256];
    int[] paragraphs = new int[256];
    final List<Block> blocks = new ArrayList<>();

    private PageModel() {
    }

    static PageModel build(Element root) {
        return build(root, null);
    }

    /** Builds the model; {@code sink}, when given, also sees every element (skipped ones included). */
    static PageModel build(Element root, Consumer<Element> sink) {
        PageModel m = new PageModel();
        Builder b = new Builder(m, sink);
        NodeTraversor.filter(b, root);
        b.flush();
        m.aggregate();
        return m;
    }

    boolean contains(int ancestor, int node) {
        return node >= ancestor && node <= end[ancestor];
    }

    double linkDensity(int i) {
        return chars[i] == 0 ? 0 : (double) linkChars[i] / chars[i];
    }

    /**
     * A section whose own first line is a furniture heading ("Related posts", "Most read") is
     * furniture as a whole, whatever its class says.
     */
    boolean labelledAsFurniture(int i) {
        int f = firstBlockWithin[i];
        if (f < 0) {
            return false;
        }
        Block b = blocks.get(f);
        return b.kind() == K_HEADING && b.owner() != i && (hints[b.owner()] & ClassHints.STRONG_NEGATIVE) != 0;
    }

    private void aggregate() {
        for (int bi = 0; bi < blocks.size(); bi++) {
            for (int a = blocks.get(bi).owner(); a >= 0 && firstBlockWithin[a] < 0; a = parent[a]) {
                firstBlockWithin[a] = bi;
            }
        }
        for (Block b : blocks) {
            if (b.kind == K_P || b.kind == K_PRE || b.kind == K_QUOTE) {
                paragraphs[b.owner]++;
            }
        }
        for (int i = size - 1; i > 0; i--) {
            int p = parent[i];
            chars[p] += chars[i];
            linkChars[p] += linkChars[i];
            links[p] += links[i];
            paragraphs[p] += paragraphs[i];
        }
    }

    private int add(Element e, int parentIndex, byte k, int h, boolean isHidden) {
        if (size == el.length) {
            int n = size * 2;
            el = Arrays.copyOf(el, n);
            parent = Arrays.copyOf(parent, n);
            end = Arrays.copyOf(end, n);
            kind = Arrays.copyOf(kind, n);
            hints = Arrays.copyOf(hints, n);
            hidden = Arrays.copyOf(hidden, n);
            chars = Arrays.copyOf(chars, n);
            linkChars = Arrays.copyOf(linkChars, n);
            links = Arrays.copyOf(links, n);
            blockChildren = Arrays.copyOf(blockChildren, n);
            children = Arrays.copyOf(children, n);
            firstBlock = Arrays.copyOf(firstBlock, n);
            firstBlockWithin = Arrays.copyOf(firstBlockWithin, n);
            paragraphs = Arrays.copyOf(paragraphs, n);
        }
        int i = size++;
        el[i] = e;
        parent[i] = parentIndex;
        end[i] = i;
        kind[i] = k;
        hints[i] = h;
        hidden[i] = isHidden;
        firstBlock[i] = -1;
        firstBlockWithin[i] = -1;
        if (parentIndex >= 0) {
            children[parentIndex]++;
        }
        return i;
    }

    static byte kindOf(String tag) {
        switch (tag) {
            case "p":
                return K_P;
            case "h1": case "h2": case "h3": case "h4": case "h5": case "h6":
                return K_HEADING;
            case "li": case "dt": case "dd":
                return K_LI;
            case "blockquote":
                return K_QUOTE;
            case "pre":
                return K_PRE;
            case "td": case "th":
                return K_CELL;
            case "div": case "section": case "article": case "main": case "center": case "details":
            case "summary": case "hgroup": case "fieldset": case "legend": case "caption": case "dialog":
                return K_DIV;
            case "ul": case "ol": case "dl": case "dir":
                return K_LIST;
            case "table": case "tbody": case "thead": case "tfoot": case "tr":
                return K_TABLE;
            case "nav": case "aside": case "footer": case "figure": case "figcaption": case "menu":
            case "address": case "hr":
                return K_JUNK;
            case "header":
                return K_HEADER;
            case "form":
                return K_FORM;
            case "body":
                return K_BODY;
            case "a":
                return K_A;
            default:
                return K_INLINE;
        }
    }

    static boolean skipped(String tag) {
        switch (tag) {
            case "script": case "style": case "noscript": case "template": case "svg": case "math":
            case "iframe": case "object": case "embed": case "canvas": case "select": case "option":
            case "button": case "input": case "textarea": case "head": case "title": case "meta":
            case "link": case "video": case "audio": case "source": case "track": case "map":
            case "picture": case "img": case "label": case "datalist": case "output": case "progress":
            case "meter": case "base": case "param": case "frameset": case "frame": case "applet":
                return true;
            default:
                return false;
        }
    }

    private static boolean isHidden(Element e) {
        if (e.attributesSize() == 0) {
            return false;
        }
        if (e.hasAttr("hidden") || "true".equals(e.attr("aria-hidden"))) {
            return true;
        }
        String style = e.attr("style");
        if (style.isEmpty()) {
            return false;
        }
        String s = style.toLowerCase(Locale.ROOT).replace(" ", "");
        return s.contains("display:none") || s.contains("visibility:hidden");
    }

    /** Running-block state saved when an inline element opens. */
    private static final class Mark {
        int textLength;
        int chars;
        int linkChars;
        int commas;
        int junkChars;
        int links;
        int images;
        int blocks;
        int pending;
    }

    /** The single pass. Kept as a NodeFilter so jsoup's iterative traversal does the walking. */
    private static final class Builder implements NodeFilter {
        private final PageModel m;
        private int[] stack = new int[64];
        private int top = -1;
        private int[] ownerStack = new int[64];
        private int ownerTop = -1;
        private final StringBuilder text = new StringBuilder(256);
        private int pending; // 0 none, 1 space, 2 line break
        private int blockChars;
        private int blockLinkChars;
        private int blockCommas;
        private int blockJunkChars;
        private int linkDepth;
        private int inlineJunkDepth;
        private int linkCounter;
        private int brRun;
        private int[] rows = new int[16];
        private int rowTop = -1;
        private int imageCounter;
        /** Per open element (indexed like {@code stack}): block state when it opened, for excision. */
        private Mark[] marks = new Mark[64];

        private final Consumer<Element> sink;

        Builder(PageModel m, Consumer<Element> sink) {
            this.m = m;
            this.sink = sink;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node instanceof TextNode t) {
                appendText(t.getWholeText());
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element e)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            if (sink != null) {
                sink.accept(e);
            }
            String tag = e.normalName();
            if (tag.equals("br")) {
                if (text.length() > 0) {
                    pending = 2;
                    if (++brRun >= 2) {
                        flush(); // a blank line made of <br><br> separates paragraphs
                    }
                }
                return FilterResult.SKIP_ENTIRELY;
            }
            if (tag.equals("img") || tag.equals("picture")) {
                imageCounter++;
            }
            if (skipped(tag) || (tag.indexOf(':') > 0)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            byte k = kindOf(tag);
            int h = e.attributesSize() == 0 ? 0 : ClassHints.of(e.className(), e.id(), e.attr("itemprop"));
            boolean hid = isHidden(e);
            int p = top >= 0 ? stack[top] : -1;
            int i = m.add(e, p, k, h, hid);
            push(i);
            if (k == K_A) {
                linkDepth++;
                linkCounter++;
                m.links[i]++;
            }
            boolean block = isBlock(k);
            if (k == K_INLINE) {
                mark();
            } else if (tag.equals("tr")) {
                pushRow(i);
            }
            if (block) {
                flush();
                if (p >= 0) {
                    m.blockChildren[p]++;
                }
                pushOwner(i);
            } else if ((h & ClassHints.STRONG_NEGATIVE) != 0 || hid) {
                inlineJunkDepth++;
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element)) {
                return FilterResult.CONTINUE;
            }
            int i = stack[top--];
            m.end[i] = m.size - 1;
            byte k = m.kind[i];
            if (k == K_A) {
                linkDepth--;
            }
            if (k == K_INLINE) {
                exciseLinkCluster(i);
            }
            if (isBlock(k)) {
                flush();
                ownerTop--;
            }
            if (rowTop >= 0 && rows[rowTop] == i) {
                rowTop--;
            } else if ((m.hints[i] & ClassHints.STRONG_NEGATIVE) != 0 || m.hidden[i]) {
                inlineJunkDepth--;
            }
            return FilterResult.CONTINUE;
        }

        private void mark() {
            if (top >= marks.length) {
                marks = Arrays.copyOf(marks, marks.length * 2);
            }
            Mark mk = marks[top];
            if (mk == null) {
                mk = new Mark();
                marks[top] = mk;
            }
            mk.textLength = text.length();
            mk.chars = blockChars;
            mk.linkChars = blockLinkChars;
            mk.commas = blockCommas;
            mk.junkChars = blockJunkChars;
            mk.links = linkCounter;
            mk.images = imageCounter;
            mk.blocks = m.blocks.size();
            mk.pending = pending;
        }

        /**
         * Hover cards and "related" link runs are often inline elements inside a paragraph. When an
         * inline element that follows prose holds nothing but several links (or links and an image),
         * its text is cut out of the running block and its elements' statistics cleared.
         */
        private void exciseLinkCluster(int i) {
            Mark mk = marks[top + 1];
            int inside = blockChars - mk.chars;
            int linkInside = blockLinkChars - mk.linkChars;
            int links = linkCounter - mk.links;
            int images = imageCounter - mk.images;
            if (mk.chars == 0 || m.blocks.size() != mk.blocks || inside == 0 || links < 2
                    || linkInside < inside * 0.9 || links < 3 && images == 0) {
                return;
            }
            text.setLength(mk.textLength);
            blockChars = mk.chars;
            blockLinkChars = mk.linkChars;
            blockCommas = mk.commas;
            blockJunkChars = mk.junkChars;
            pending = mk.pending == 0 ? 1 : mk.pending;
            linkCounter = mk.links;
            imageCounter = mk.images;
            for (int j = i; j < m.size; j++) {
                m.chars[j] = 0;
                m.linkChars[j] = 0;
                m.links[j] = 0;
            }
        }

        private static boolean isBlock(byte k) {
            return k != K_INLINE && k != K_A;
        }

        private void appendText(String s) {
            int owner = top >= 0 ? stack[top] : -1;
            int added = 0;
            int commas = 0;
            for (int j = 0, n = s.length(); j < n; j++) {
                char c = s.charAt(j);
                if (c <= ' ' || c == '\u00A0' || c == '\u2009' || c == '\u202F' || c == '\u3000' || c == '\u2002'
                        || c == '\u2003') {
                    if (text.length() > 0 && pending == 0) {
                        pending = 1;
                    }
                    continue;
                }
                if (c == '\u200B' || c == '\u200C' || c == '\u200D' || c == '\uFEFF' || c == '\u00AD') {
                    continue;
                }
                if (pending != 0) {
                    text.append(pending == 2 ? '\n' : ' ');
                    pending = 0;
                }
                text.append(c);
                added++;
                if (c == ',' || c == '，' || c == '、' || c == '،') {
                    commas++;
                }
            }
            if (added == 0) {
                return;
            }
            brRun = 0;
            blockChars += added;
            blockCommas += commas;
            if (linkDepth > 0) {
                blockLinkChars += added;
            }
            if (inlineJunkDepth > 0) {
                blockJunkChars += added;
            }
            if (owner >= 0) {
                m.chars[owner] += added;
                if (linkDepth > 0) {
                    m.linkChars[owner] += added;
                }
            }
        }

        void flush() {
            if (blockChars > 0 && ownerTop >= 0) {
                int owner = ownerStack[ownerTop];
                byte k = m.kind[owner];
                int level = 0;
                if (k == K_HEADING) {
                    level = m.el[owner].normalName().charAt(1) - '0';
                }
                if (m.firstBlock[owner] < 0) {
                    m.firstBlock[owner] = m.blocks.size();
                }
                int row = k == K_CELL && rowTop >= 0 ? rows[rowTop] : -1;
                m.blocks.add(new Block(owner, text.toString(), blockChars, blockLinkChars, blockCommas, blockJunkChars,
                        k, level, row));
            }
            text.setLength(0);
            pending = 0;
            blockChars = 0;
            blockLinkChars = 0;
            blockCommas = 0;
            blockJunkChars = 0;
            brRun = 0;
        }

        private void pushRow(int i) {
            if (++rowTop == rows.length) {
                rows = Arrays.copyOf(rows, rows.length * 2);
            }
            rows[rowTop] = i;
        }

        private void push(int i) {
            if (++top == stack.length) {
                stack = Arrays.copyOf(stack, stack.length * 2);
            }
            stack[top] = i;
        }

        private void pushOwner(int i) {
            if (++ownerTop == ownerStack.length) {
                ownerStack = Arrays.copyOf(ownerStack, ownerStack.length * 2);
            }
            ownerStack[ownerTop] = i;
        }
    }
}
