package io.newsflow.enrich.extraction;

import io.newsflow.pages.PageCharsets;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.select.NodeTraversor;

/**
 * Turns a news page (HTML, or the visible text a scraper captured) into a clean article.
 *
 * <p>Hand-written on top of jsoup because no maintained, Apache-licensed Java extractor meets the
 * pipeline's bar: boilerpipe is unmaintained and far behind on quality, readability4j trails
 * Readability.js and is slower, and the best extractors (trafilatura) are Python. Owning the code
 * also lets extraction run as a few linear passes over flat arrays, which is what makes the speed
 * budget (hundreds of pages per second per core) reachable.
 *
 * <p>Instances hold no mutable state: construct once and share across threads.
 */
public final class ArticleExtractor {

    /** Large enough for any real article page; beyond it the tail is cut and flagged. */
    public static final int DEFAULT_MAX_INPUT_CHARS = 8_000_000;

    private static final System.Logger LOG = System.getLogger(ArticleExtractor.class.getName());
    private static final int MAX_DATE_SCAN_BLOCKS = 400;

    private final int maxInputChars;
    private final PlainTextExtractor plainText = new PlainTextExtractor();

    public ArticleExtractor() {
        this(DEFAULT_MAX_INPUT_CHARS);
    }

    public ArticleExtractor(int maxInputChars) {
        if (maxInputChars < 1024) {
            throw new IllegalArgumentException("maxInputChars too small: " + maxInputChars);
        }
        this.maxInputChars = maxInputChars;
    }

    /**
     * Decodes a page's raw bytes as a browser would: BOM, then the {@code <meta charset>} or
     * http-equiv declaration, then UTF-8, then windows-1252. For callers that hold bytes, such as
     * the offline command and raw page uploads.
     */
    public static String decodeHtml(byte[] bytes) {
        return PageCharsets.decode(bytes);
    }

    /** Decodes raw bytes (BOM, then meta charset / http-equiv, then UTF-8, then windows-1252) and extracts. */
    public ExtractedArticle fromHtmlBytes(byte[] bytes, String url) {
        String html;
        try {
            html = PageCharsets.decode(bytes);
        } catch (RuntimeException e) {
            return failure(url, ExtractedArticle.FLAG_ERROR);
        }
        return fromHtml(html, url);
    }

    public ExtractedArticle fromHtml(String html, String url) {
        if (html == null || html.isBlank()) {
            return failure(url, ExtractedArticle.FLAG_EMPTY_INPUT);
        }
        try {
            if (!looksLikeHtml(html)) {
                ExtractedArticle a = plainText.extract(html, url, maxInputChars);
                List<String> flags = new ArrayList<>(a.flags());
                flags.add(0, ExtractedArticle.FLAG_NOT_HTML);
                return withFlags(a, flags);
            }
            return extractHtml(html, url);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.DEBUG, "extraction failed for " + url, e);
            return failure(url, ExtractedArticle.FLAG_ERROR);
        }
    }

    public ExtractedArticle fromText(String text, String url) {
        if (text == null || text.isBlank()) {
            return failure(url, ExtractedArticle.FLAG_EMPTY_INPUT);
        }
        try {
            return plainText.extract(text, url, maxInputChars);
        } catch (RuntimeException | StackOverflowError e) {
            LOG.log(System.Logger.Level.DEBUG, "text extraction failed for " + url, e);
            return failure(url, ExtractedArticle.FLAG_ERROR);
        }
    }

    private ExtractedArticle extractHtml(String html, String url) {
        Set<String> flags = new LinkedHashSet<>();
        String input = html;
        if (input.length() > maxInputChars) {
            input = input.substring(0, maxInputChars);
            flags.add(ExtractedArticle.FLAG_TRUNCATED);
        }
        Document doc = Jsoup.parse(input, url == null ? "" : url);
        MetadataReader.Collector collector = new MetadataReader.Collector();
        NodeTraversor.filter(collector, doc.head());
        PageModel model = PageModel.build(doc.body(), collector::visit);
        PageMetadata meta = collector.finish(doc);
        String host = host(url);
        String title = Titles.choose(meta, host);

        ContentLocator.Selection sel = ContentLocator.locate(model);
        BodyAssembler.Assembly assembly = BodyAssembler.assemble(model, sel);
        List<String> paragraphs = BodyPolisher.polish(assembly.blocks(), title);
        if (assembly.looksLikeListing()) {
            paragraphs.clear();
            flags.add(ExtractedArticle.FLAG_LISTING);
        }
        paragraphs = JsonLdBody.reconcile(paragraphs, meta.jsonLdArticleBody(), flags);
        if (!flags.contains(ExtractedArticle.FLAG_LISTING) && !Prose.isArticle(paragraphs, String.join("\n\n", paragraphs))) {
            // The DOM heuristics found nothing: read the page's visible lines as a scraper would.
            ExtractedArticle fromLines = plainText.extract(VisibleText.of(model), url, maxInputChars);
            if (fromLines.hasArticle()) {
                paragraphs = new ArrayList<>(List.of(fromLines.fullText().split("\n\n")));
                flags.add(ExtractedArticle.FLAG_TEXT_FALLBACK);
            }
        }

        Prose.Body body = Prose.body(paragraphs, flags);
        String published = firstDate(meta.jsonLdPublished(), meta.metaPublished(), meta.timePublished());
        if (published == null) {
            published = visibleDate(model, paragraphs.isEmpty() ? null : paragraphs.get(0));
        }
        String modified = firstDate(meta.jsonLdModified(), meta.metaModified());
        List<String> authors = Bylines.authors(meta);
        String canonical = meta.canonicalUrl() != null ? meta.canonicalUrl() : url;
        ExtractedArticle.Image image = meta.imageUrl() == null ? null
                : new ExtractedArticle.Image(meta.imageUrl(), meta.imageCaption());
        return new ExtractedArticle(title, authors, published, modified, canonical,
                meta.siteName(), meta.section(), meta.description(), image, meta.lang(), body.dateline(), body.text(),
                new ArrayList<>(flags));
    }


    /** Last resort: a short date line ("Published 7:07 PM EST Nov 19, 2019") above the first paragraph. */
    private static String visibleDate(PageModel model, String firstParagraph) {
        int limit = Math.min(model.blocks.size(), MAX_DATE_SCAN_BLOCKS);
        for (int i = 0; i < limit; i++) {
            PageModel.Block b = model.blocks.get(i);
            if (firstParagraph != null && b.text().endsWith(firstParagraph)) {
                break;
            }
            if (b.chars() <= 80) {
                String d = Dates.fromText(b.text());
                if (d != null) {
                    return d;
                }
            }
        }
        return null;
    }

    private static String firstDate(String... raw) {
        for (String r : raw) {
            String d = Dates.normalize(r);
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    static String host(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            String h = URI.create(url.strip().replace(" ", "%20")).getHost();
            if (h == null) {
                return null;
            }
            h = h.toLowerCase(Locale.ROOT);
            return h.startsWith("www.") ? h.substring(4) : h;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean looksLikeHtml(String s) {
        int limit = Math.min(s.length(), 4096);
        for (int i = 0; i < limit; i++) {
            char c = s.charAt(i);
            if (c == '<' && i + 1 < s.length()) {
                char n = s.charAt(i + 1);
                if (Character.isLetter(n) || n == '!' || n == '/' || n == '?') {
                    return true;
                }
            }
        }
        return false;
    }

    private static ExtractedArticle failure(String url, String reason) {
        List<String> flags = new ArrayList<>();
        flags.add(reason);
        if (!reason.equals(ExtractedArticle.FLAG_NO_ARTICLE)) {
            flags.add(ExtractedArticle.FLAG_NO_ARTICLE);
        }
        return new ExtractedArticle(null, List.of(), null, null, url, null, null, null, null, null, null, "", flags);
    }

    private static ExtractedArticle withFlags(ExtractedArticle a, List<String> flags) {
        return new ExtractedArticle(a.title(), a.authors(), a.publishedAt(), a.modifiedAt(), a.canonicalUrl(),
                a.siteName(), a.section(), a.description(), a.mainImage(), a.htmlLang(), a.dateline(), a.body(),
                flags);
    }
}
