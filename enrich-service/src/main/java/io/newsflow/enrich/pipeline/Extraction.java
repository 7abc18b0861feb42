package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Reads the article: finds the clean article in the posted page or text. What the publisher
 * posted explicitly (title, authors, section, canonical URL, publication time) wins over what the
 * page's metadata says.
 */
final class Extraction {

    private final ArticleExtractor extractor;

    Extraction(ArticleExtractor extractor) {
        this.extractor = extractor;
    }

    /** @param textAsIs take posted text as the body verbatim (no extraction; ignored for pages) */
    Reading read(ArticleReceived received, boolean textAsIs) {
        if (textAsIs && !received.hasHtml()) {
            return Reading.asPosted(received, received.text() == null ? "" : received.text());
        }
        ExtractedArticle page = received.hasHtml()
                ? extractor.fromHtml(received.html(), received.url())
                : extractor.fromText(received.text(), received.url());
        return new Reading(
                received.title() != null ? received.title() : page.title(),
                received.authors().isEmpty() ? page.authors() : received.authors(),
                received.section() != null ? received.section() : page.section(),
                received.canonicalUrl() != null ? received.canonicalUrl() : page.canonicalUrl(),
                received.publishedAt() != null ? received.publishedAt() : parseInstant(page.publishedAt()),
                parseInstant(page.modifiedAt()), received.receivedAt(), received.language(), page.body(), page,
                page.flags());
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
