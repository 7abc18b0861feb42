package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Position-based clean-up of the assembled blocks. Bylines, timestamps, kickers and "5 min read"
 * lines cluster just before the first real paragraph, and tag lists, credits and prompts just after
 * the last; inside the article the same short lines are usually legitimate subheadings.
 */
final class BodyPolisher {

    private static final int SHORT = 60;

    private BodyPolisher() {
    }

    static List<String> polish(List<PageModel.Block> blocks, String title) {
        String titleKey = title == null ? "" : Titles.squash(title);
        List<PageModel.Block> kept = new ArrayList<>(blocks.size());
        String previous = null;
        for (PageModel.Block b : blocks) {
            String key = Titles.squash(b.text());
            if (key.isEmpty() || key.equals(previous) && b.row() < 0) {
                continue;
            }
            if (!titleKey.isEmpty() && key.equals(titleKey) && kept.size() < 3) {
                kept.clear(); // everything above the headline is page furniture
                previous = key;
                continue;
            }
            kept.add(b);
            previous = key;
        }
        int first = 0;
        while (first < kept.size() && first < 8 && isLeadingFurniture(kept.get(first))) {
            first++;
        }
        if (first == kept.size()) {
            first = 0;
        }
        int last = kept.size() - 1;
        while (last > first && isTrailingFurniture(kept.get(last))) {
            last--;
        }
        List<String> out = new ArrayList<>(Math.max(0, last - first + 1));
        for (int i = first; i <= last; i++) {
            PageModel.Block b = kept.get(i);
            int j = i;
            if (b.row() >= 0) {
                while (j + 1 <= last && kept.get(j + 1).row() == b.row()) {
                    j++;
                }
            }
            out.add(j == i || !shortCells(kept, i, j) ? b.text() : joinRow(kept, i, j));
            if (j > i && !shortCells(kept, i, j)) {
                for (int x = i + 1; x <= j; x++) {
                    out.add(kept.get(x).text());
                }
            }
            i = j;
        }
        return out;
    }

    /** A data-table row reads as one line; a layout table's long cells stay paragraphs. */
    private static boolean shortCells(List<PageModel.Block> blocks, int from, int to) {
        for (int i = from; i <= to; i++) {
            if (blocks.get(i).chars() > 100) {
                return false;
            }
        }
        return true;
    }

    private static String joinRow(List<PageModel.Block> blocks, int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i <= to; i++) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(blocks.get(i).text().replace('\n', ' '));
        }
        return sb.toString();
    }

    private static boolean isLeadingFurniture(PageModel.Block b) {
        if (b.kind() == PageModel.K_HEADING) {
            return b.headingLevel() <= 1 || b.chars() < SHORT && !b.endsLikeSentence();
        }
        return b.chars() < SHORT && !b.endsLikeSentence() || startsLikeByline(b.text())
                || b.chars() < 150 && !b.endsLikeSentence() && Dates.mentionsDate(b.text());
    }

    private static boolean isTrailingFurniture(PageModel.Block b) {
        if (b.kind() == PageModel.K_HEADING) {
            return true;
        }
        if (isLegalNotice(b.text())) {
            return true;
        }
        // list items and table rows closing an article (ingredients, standings) are content
        return b.kind() != PageModel.K_LI && b.row() < 0 && b.chars() < 40
                && !b.endsLikeSentence() && b.commas() == 0;
    }

    /** Copyright lines close wire copy and page footers alike; they are not the story. */
    static boolean isLegalNotice(String t) {
        if (t.length() > 250) {
            return false;
        }
        String s = t.stripLeading();
        if (s.startsWith("©") || s.regionMatches(true, 0, "(c) ", 0, 4)) {
            return true;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.contains("copyright") || lower.contains("all rights reserved");
    }

    static boolean startsLikeByline(String t) {
        if (t.length() > 120) {
            return false;
        }
        String s = t.stripLeading();
        return s.regionMatches(true, 0, "by ", 0, 3) || s.regionMatches(true, 0, "von ", 0, 4)
                || s.regionMatches(true, 0, "por ", 0, 4) || s.regionMatches(true, 0, "par ", 0, 4);
    }
}
