package io.newsflow.enrich.extraction;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Renders a page the way scrapers post it to {@link ArticleExtractor#fromText}: all visible text,
 * one block per line. Used by the tools to exercise the text path on HTML test data, and by the
 * extractor as a fallback when DOM analysis finds nothing.
 */
public final class VisibleText {

    private VisibleText() {
    }

    public static String of(String html) {
        Document doc = Jsoup.parse(html);
        return of(PageModel.build(doc.body()));
    }

    static String of(PageModel m) {
        StringBuilder sb = new StringBuilder();
        for (PageModel.Block b : m.blocks) {
            if (m.hidden[b.owner()]) {
                continue;
            }
            for (String line : b.text().split("\n")) {
                if (!line.isBlank()) {
                    sb.append(line.strip()).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
