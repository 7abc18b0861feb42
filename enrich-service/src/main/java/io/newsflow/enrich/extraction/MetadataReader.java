package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jsoup.nodes.DataNode;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.parser.Parser;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Collects declared metadata (JSON-LD, OpenGraph/article meta, Dublin Core, microdata, time and
 * byline elements) in a single iterative pass over the document.
 */
final class MetadataReader {

    private static final int MAX_BYLINE_CANDIDATES = 6;

    private MetadataReader() {
    }

    /** Reads a whole document in its own pass (the extractor instead shares its body pass). */
    static PageMetadata read(Document doc) {
        Collector c = new Collector();
        NodeTraversor.filter(c, doc);
        return c.finish(doc);
    }

    static boolean looksLikeUrl(String s) {
        return s.startsWith("http://") || s.startsWith("https://") || s.startsWith("www.") || s.startsWith("/");
    }

    static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    static String clean(String s) {
        if (s == null) {
            return null;
        }
        String t = s;
        if (t.indexOf('&') >= 0 && t.indexOf(';') > 0) {
            t = Parser.unescapeEntities(t, false); // double-escaped meta content ("&amp;#8217;")
        }
        t = t.replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
        return t.isEmpty() ? null : t;
    }

    /** One pass: meta, link, ld+json, time, title, first h1 and byline-looking elements. */
    /**
     * Gathers metadata-bearing elements. Used as a NodeFilter for the head, and fed body elements by
     * {@link PageModel}'s pass so the body is walked once.
     */
    static final class Collector implements NodeFilter {
        final List<String> jsonLd = new ArrayList<>();
        final Map<String, String> metas = new HashMap<>();
        final Set<String> bylineSet = new LinkedHashSet<>();
        final List<String> bylines = new ArrayList<>();
        String canonical;
        String canonicalAbs;
        String title;
        String h1;
        String time;
        boolean timeIsPubdate;
        int bylineAttempts;

        String meta(String key) {
            return metas.get(key);
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (!(node instanceof Element e)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            return visit(e) ? FilterResult.CONTINUE : FilterResult.SKIP_ENTIRELY;
        }

        PageMetadata finish(Document doc) {
            Map<String, Object> ld = JsonLd.findArticle(jsonLd);
            String ldHeadline = ld == null ? null : JsonLd.string(ld.get("headline"));
            if (ld != null && ldHeadline == null && JsonLd.isArticleType(ld)) {
                ldHeadline = JsonLd.string(ld.get("name"));
            }
            List<String> ldAuthors = ld == null ? List.of() : JsonLd.names(ld.get("author"));
            String ldPublished = ld == null ? null : JsonLd.string(ld.get("datePublished"));
            String ldModified = ld == null ? null : JsonLd.string(ld.get("dateModified"));
            String ldSection = ld == null ? null : JsonLd.string(ld.get("articleSection"));
            String ldDescription = ld == null ? null : JsonLd.string(ld.get("description"));
            String[] ldImage = ld == null ? null : JsonLd.image(ld.get("image"));
            String ldPublisher = ld == null ? null : JsonLd.firstName(ld.get("publisher"));
            String ldUrl = ld == null ? null : JsonLd.url(ld.get("mainEntityOfPage"));
            if (ld != null && ldUrl == null) {
                ldUrl = JsonLd.string(ld.get("url"));
            }
            String ldBody = ld == null ? null : JsonLd.string(ld.get("articleBody"));
            String ldLang = ld == null ? null : JsonLd.string(ld.get("inLanguage"));

            String canonicalUrl = first(canonical, meta("og:url"), ldUrl);
            if (canonicalUrl != null && canonicalUrl.equals(canonical) && canonicalAbs != null
                    && !canonicalAbs.isEmpty()) {
                canonicalUrl = canonicalAbs;
            }
            String image = first(meta("og:image"), meta("og:image:url"), ldImage == null ? null : ldImage[0],
                    meta("twitter:image"), meta("twitter:image:src"));
            String caption = ldImage != null && image != null && image.equals(ldImage[0]) ? ldImage[1] : null;
            if (caption == null && ldImage != null && ldImage[1] != null) {
                caption = ldImage[1];
            }
            String lang = first(doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang"),
                    meta("content-language"), ldLang, meta("og:locale"));
            String metaPublished = first(meta("article:published_time"), meta("og:article:published_time"),
                    meta("article:published"), meta("datepublished"), meta("pubdate"), meta("publishdate"),
                    meta("publish-date"), meta("publish_date"), meta("parsely-pub-date"), meta("sailthru.date"),
                    meta("dc.date.issued"), meta("dcterms.created"), meta("dc.date"), meta("date"),
                    meta("article.published"), meta("original-publish-date"), meta("og:published_time"));
            String metaModified = first(meta("article:modified_time"), meta("og:updated_time"),
                    meta("datemodified"), meta("last-modified"), meta("dcterms.modified"),
                    meta("article:modified"));
            List<String> metaAuthors = new ArrayList<>();
            for (String a : new String[] {meta("author"), meta("article:author"), meta("parsely-author"),
                    meta("sailthru.author"), meta("dc.creator")}) {
                if (a != null && !a.isBlank() && !looksLikeUrl(a)) {
                    metaAuthors.add(a);
                }
                if (!metaAuthors.isEmpty()) {
                    break;
                }
            }
            return new PageMetadata(
                    clean(ldHeadline), clean(meta("og:title")), clean(meta("twitter:title")), clean(title),
                    clean(h1), ldAuthors, metaAuthors, bylines, ldPublished, metaPublished, time, ldModified,
                    metaModified, canonicalUrl, clean(first(meta("og:site_name"), ldPublisher, meta("application-name"))),
                    clean(first(ldSection, meta("article:section"), meta("section"), meta("category"))),
                    clean(first(meta("og:description"), meta("description"), ldDescription,
                            meta("twitter:description"))),
                    image, clean(caption), clean(lang), ldBody, ld != null && JsonLd.isArticleType(ld)
                            || "article".equalsIgnoreCase(meta("og:type")));
            }

        /** Looks at one element; false when its children cannot hold metadata. */
        boolean visit(Element e) {
            switch (e.normalName()) {
                case "meta" -> {
                    String key = e.attr("property");
                    if (key.isEmpty()) {
                        key = e.attr("name");
                    }
                    if (key.isEmpty()) {
                        key = e.attr("itemprop");
                    }
                    if (key.isEmpty()) {
                        key = e.attr("http-equiv");
                    }
                    if (!key.isEmpty()) {
                        metas.putIfAbsent(key.toLowerCase(Locale.ROOT), e.attr("content"));
                    }
                    return false;
                }
                case "link" -> {
                    if (canonical == null && "canonical".equalsIgnoreCase(e.attr("rel"))) {
                        canonical = e.attr("href");
                        canonicalAbs = e.absUrl("href");
                    }
                    return false;
                }
                case "script" -> {
                    if (e.attr("type").toLowerCase(Locale.ROOT).contains("ld+json")) {
                        for (Node child : e.childNodes()) {
                            if (child instanceof DataNode d) {
                                jsonLd.add(d.getWholeData());
                            }
                        }
                    }
                    return false;
                }
                case "style", "noscript", "template", "svg" -> {
                    return false;
                }
                case "title" -> {
                    if (title == null) {
                        title = e.text();
                    }
                    return false;
                }
                case "h1" -> {
                    if (h1 == null) {
                        h1 = e.text();
                    }
                    return false;
                }
                case "time" -> {
                    boolean pub = e.hasAttr("pubdate") || e.attr("itemprop").equalsIgnoreCase("datePublished");
                    String v = e.hasAttr("datetime") ? e.attr("datetime") : null;
                    if (v != null && !v.isBlank() && (time == null || pub && !timeIsPubdate)) {
                        time = v;
                        timeIsPubdate = pub;
                    }
                    return true;
                }
                default -> {
                    if (e.attributesSize() > 0 && bylineAttempts < MAX_BYLINE_CANDIDATES * 2
                            && bylines.size() < MAX_BYLINE_CANDIDATES) {
                        collectByline(e);
                    }
                    return true;
                }
            }
        }

        private void collectByline(Element e) {
            String itemprop = e.attr("itemprop");
            String cls = e.className();
            boolean named = itemprop.equalsIgnoreCase("author") || e.attr("rel").equalsIgnoreCase("author")
                    || (cls.contains("uthor") || cls.contains("yline") || cls.contains("YLINE") || cls.contains("UTHOR"))
                    && (ClassHints.of(cls, "", "") & ClassHints.BYLINE) != 0;
            if (!named) {
                if (itemprop.equalsIgnoreCase("datePublished") && time == null) {
                    String v = e.hasAttr("datetime") ? e.attr("datetime") : e.attr("content");
                    if (!v.isBlank()) {
                        time = v;
                    }
                }
                return;
            }
            bylineAttempts++;
            if (e.childNodeSize() > 12) {
                return; // an author box or a whole article, not a byline
            }
            Element nameEl = e.selectFirst("[itemprop=name]");
            String t = nameEl != null ? nameEl.text() : e.text();
            if (t.length() > 2 && t.length() <= 120 && bylineSet.add(t)) {
                bylines.add(t);
            }
        }
    }
}
