package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Finds the clean article in the posted page or text. What the publisher posted explicitly
 * (title, publication time) wins over what the page's metadata says.
 */
final class ExtractionStep implements EnrichmentStep {

    private final ArticleExtractor extractor;

    ExtractionStep(ArticleExtractor extractor) {
        this.extractor = extractor;
    }

    @Override
    public String name() {
        return "extraction";
    }

    @Override
    public void apply(ArticleDraft draft) {
        var received = draft.received();
        if (draft.textAsIs) {
            draft.body = received.text() == null ? "" : received.text();
            return;
        }
        ExtractedArticle article = received.hasHtml()
                ? extractor.fromHtml(received.html(), received.url())
                : extractor.fromText(received.text(), received.url());
        draft.extracted = article;
        draft.body = article.body();
        if (draft.title == null) {
            draft.title = article.title();
        }
        if (draft.authors.isEmpty()) {
            draft.authors = article.authors();
        }
        if (draft.section == null) {
            draft.section = article.section();
        }
        if (draft.canonicalUrl == null) {
            draft.canonicalUrl = article.canonicalUrl();
        }
        if (draft.publishedAt == null) {
            draft.publishedAt = parseInstant(article.publishedAt());
        }
        draft.modifiedAt = parseInstant(article.modifiedAt());
        draft.flags.addAll(article.flags());
    }

    private static Instant parseInstant(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
