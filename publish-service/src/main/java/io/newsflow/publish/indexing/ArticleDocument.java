package io.newsflow.publish.indexing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Source;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The shape of an article in Elasticsearch: the enriched record flattened for search and
 * dashboards, plus {@link #indexedAt}. Mapped by {@code elasticsearch/news-articles-mappings.json}.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ArticleDocument(
        String id,
        long revision,
        String url,
        String canonicalUrl,
        Source source,
        String title,
        String siteName,
        String description,
        ArticleEnriched.Dateline dateline,
        ArticleEnriched.Image mainImage,
        List<String> authors,
        String section,
        Map<String, String> metadata,
        String body,
        Instant publishedAt,
        Instant modifiedAt,
        Instant receivedAt,
        Instant indexedAt,
        int wordCount,
        Enrichment enrichment) {

    record Enrichment(String version, Instant enrichedAt, long tookMs, List<String> errors, List<String> flags) {
    }

    static ArticleDocument of(ArticleEnriched article, Instant indexedAt) {
        var enrichment = article.enrichment();
        return new ArticleDocument(article.id(), article.revision(), article.url(), article.canonicalUrl(),
                article.source(), article.title(), article.siteName(), article.description(), article.dateline(),
                article.mainImage(), article.authors(), article.section(), article.metadata(),
                article.body(), article.publishedAt(), article.modifiedAt(), article.receivedAt(),
                indexedAt, article.wordCount(), enrichment == null ? null
                        : new Enrichment(enrichment.version(), enrichment.enrichedAt(), enrichment.tookMs(),
                                enrichment.errors(), enrichment.flags()));
    }
}
