package io.newsflow.enrich.extraction;

import java.util.List;

/**
 * Everything the page declares about itself, before any decision about which source wins. Each
 * field keeps its source so {@link ArticleExtractor} can apply the documented order of trust.
 */
record PageMetadata(
        String jsonLdHeadline,
        String ogTitle,
        String twitterTitle,
        String documentTitle,
        String firstH1,
        List<String> jsonLdAuthors,
        List<String> metaAuthors,
        List<String> bylineAuthors,
        String jsonLdPublished,
        String metaPublished,
        String timePublished,
        String jsonLdModified,
        String metaModified,
        String canonicalUrl,
        String siteName,
        String section,
        String description,
        String imageUrl,
        String imageCaption,
        String lang,
        String jsonLdArticleBody,
        boolean declaredArticle) {
}
