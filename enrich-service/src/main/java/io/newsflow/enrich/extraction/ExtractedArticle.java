package io.newsflow.enrich.extraction;

import java.util.List;

/**
 * The clean article found in a posted page or text.
 *
 * @param title        the headline
 * @param authors      bylines, in page order
 * @param publishedAt  publication time as ISO-8601, when the page says
 * @param modifiedAt   last modification time as ISO-8601, when the page says
 * @param canonicalUrl the page's own canonical link
 * @param siteName     the publication's name
 * @param section      the section the page files it under
 * @param description  the lead / meta description
 * @param mainImage    the lead image
 * @param htmlLang     the page's declared language
 * @param dateline     the dateline the body started with, removed from the body
 * @param body         article text only, paragraphs separated by a blank line; empty when none
 * @param flags        why the body is empty or partial, e.g. {@code no-article-found}
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

    public ExtractedArticle {
        authors = authors == null ? List.of() : List.copyOf(authors);
        flags = flags == null ? List.of() : List.copyOf(flags);
        body = body == null ? "" : body;
    }

    /** An image and its caption. */
    public record Image(String url, String caption) {
    }

    /** A dateline such as {@code LONDON (Reuters) -}: the text as written and the place. */
    public record Dateline(String text, String place) {
    }
}
