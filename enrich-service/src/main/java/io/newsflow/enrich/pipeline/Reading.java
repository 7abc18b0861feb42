package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.extraction.ExtractedArticle;
import java.time.Instant;
import java.util.List;

/**
 * The article as read: what the publisher posted, completed by what extraction found in the page.
 * What the publisher gave explicitly (title, authors, section, publication time) wins over the
 * page's own metadata. Immutable: the first part every enricher builds on.
 *
 * @param receivedAt       when the ingest service accepted it (dates resolve against it when the
 *                         publication time is unknown)
 * @param declaredLanguage the language the publisher declared, if any
 * @param page             the extraction's outcome, or null when there was none (text taken as
 *                         posted, or extraction failed)
 */
record Reading(String title, List<String> authors, String section, String canonicalUrl, Instant publishedAt,
        Instant modifiedAt, Instant receivedAt, String declaredLanguage, String body, ExtractedArticle page,
        List<String> flags) {

    Reading {
        authors = authors == null ? List.of() : List.copyOf(authors);
        body = body == null ? "" : body;
        flags = flags == null ? List.of() : List.copyOf(flags);
    }

    /** The article as posted, before (or without) extraction: no body but posted text taken as is. */
    static Reading asPosted(ArticleReceived received, String body) {
        return new Reading(received.title(), received.authors(), received.section(), received.canonicalUrl(),
                received.publishedAt(), null, received.receivedAt(), received.language(), body, null, List.of());
    }

    /** The place named by the body's dateline ({@code KYIV, Ukraine (AP) —}), or null. */
    String datelinePlace() {
        return page == null || page.dateline() == null ? null : page.dateline().place();
    }
}
