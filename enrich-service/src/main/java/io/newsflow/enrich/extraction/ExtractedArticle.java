package io.newsflow.enrich.extraction;

import java.util.List;

/**
 * The outcome of one extraction. Kept as a flat, immutable record so it can be serialised or handed
 * between threads without copying; every field except {@code authors}, {@code body} and {@code flags}
 * may be {@code null} when the page does not say.
 *
 * @param publishedAt ISO-8601 (date or date-time, offset kept when the page gives one) or null
 * @param body        article text, paragraphs separated by a blank line; empty (never null) when
 *                    no article was found, in which case {@code flags} says why
 * @param flags       machine-readable notes such as {@code no-article-found}, {@code not-html},
 *                    {@code truncated-input}, {@code listing-page}, {@code body-from-json-ld}
 */
public record ExtractedArticle(
        String title,
        List<String> authors,
        String publishedAt,
        String modifiedAt,
        String canonicalUrl,
        String siteName,
        String section,
        String description,
        Image mainImage,
        String htmlLang,
        Dateline dateline,
        String body,
        List<String> flags) {

    public static final String FLAG_NO_ARTICLE = "no-article-found";
    public static final String FLAG_NOT_HTML = "not-html";
    public static final String FLAG_TRUNCATED = "truncated-input";
    public static final String FLAG_EMPTY_INPUT = "empty-input";
    public static final String FLAG_BODY_FROM_JSON_LD = "body-from-json-ld";
    /** The DOM analysis found no article; the body comes from the page's visible lines. */
    public static final String FLAG_TEXT_FALLBACK = "text-fallback";
    /** The page lists other articles (section front, search results); the body is left empty. */
    public static final String FLAG_LISTING = "listing-page";
    public static final String FLAG_ERROR = "extraction-error";

    public ExtractedArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
        flags = flags == null ? List.of() : List.copyOf(flags);
        body = body == null ? "" : body;
    }

    /** The lead image and its caption (caption may be null). */
    public record Image(String url, String caption) {
    }

    /**
     * A dateline split off the first paragraph, e.g. text {@code "KYIV, Ukraine (AP) —"} and place
     * {@code "KYIV, Ukraine"}; place is null for agency-only datelines such as {@code "(Reuters) -"}.
     */
    public record Dateline(String text, String place) {
    }

    /**
     * The article as a reader sees it: the dateline put back in front of the body. Useful for
     * comparisons against texts that keep the dateline (most gold standards do).
     */
    public String fullText() {
        if (dateline == null || body.isEmpty()) {
            return body;
        }
        return dateline.text() + " " + body;
    }

    public boolean hasArticle() {
        return !body.isEmpty();
    }
}
