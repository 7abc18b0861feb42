package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the article in a posted page or text. Thread-safe and stateless: build one per JVM.
 *
 * <p>This first version takes the headline from the page's metadata and the body from the
 * paragraph-like elements of the {@code <article>} (or the whole body), skipping obvious page
 * furniture. Content scoring of page blocks replaces it when extraction quality is worked on.
 */
public final class ArticleExtractor {

    private static final String FURNITURE = "nav, header, footer, aside, form, script, style, noscript, "
            + "figure, figcaption, iframe, template, [role=navigation], [aria-hidden=true]";

    public ExtractedArticle fromHtml(String html, String url) {
        Document page = Jsoup.parse(html, url == null ? "" : url);
        String title = firstNonBlank(meta(page, "meta[property=og:title]"), text(page.selectFirst("h1")), page.title());
        page.select(FURNITURE).remove();
        Element root = page.selectFirst("article");
        if (root == null) {
            root = page.body();
        }
        List<String> paragraphs = new ArrayList<>();
        for (Element block : root.select("p, h2, h3, h4, li, blockquote")) {
            if (block.parents().stream().anyMatch(parent -> parent.nameIs("li") || parent.nameIs("p"))) {
                continue;
            }
            String text = block.text().strip();
            if (!text.isEmpty() && !text.equals(title)) {
                paragraphs.add(text);
            }
        }
        String body = String.join("\n\n", paragraphs);
        return new ExtractedArticle(title, List.of(), meta(page, "meta[property=article:published_time]"),
                meta(page, "meta[property=article:modified_time]"), attr(page.selectFirst("link[rel=canonical]"), "abs:href"),
                meta(page, "meta[property=og:site_name]"), meta(page, "meta[property=article:section]"),
                firstNonBlank(meta(page, "meta[name=description]"), meta(page, "meta[property=og:description]")),
                null, attr(page.selectFirst("html"), "lang"), null, body,
                body.isEmpty() ? List.of("no-article-found") : List.of());
    }

    public ExtractedArticle fromText(String text, String url) {
        List<String> blocks = text.strip().lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
        String title = blocks.isEmpty() ? null : blocks.get(0);
        String body = String.join("\n\n", blocks.size() > 1 ? blocks.subList(1, blocks.size()) : blocks);
        return new ExtractedArticle(title, List.of(), null, null, null, null, null, null, null, null, null, body,
                body.isEmpty() ? List.of("no-article-found") : List.of());
    }

    private static String meta(Document page, String selector) {
        return attr(page.selectFirst(selector), "content");
    }

    private static String attr(Element element, String attribute) {
        if (element == null) {
            return null;
        }
        String value = element.attr(attribute).strip();
        return value.isEmpty() ? null : value;
    }

    private static String text(Element element) {
        return element == null ? null : element.text();
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return null;
    }
}
