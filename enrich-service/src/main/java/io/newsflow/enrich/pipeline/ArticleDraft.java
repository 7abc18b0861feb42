package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.extraction.ExtractedArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The article while it passes through the pipeline: what was received, plus what the steps
 * have found so far. Mutable on purpose and confined to one thread: each step fills its own
 * fields, and a step that fails leaves them empty without touching the others.
 */
public final class ArticleDraft {

    private final ArticleReceived received;
    ExtractedArticle extracted;
    String title;
    List<String> authors;
    String section;
    String body = "";
    String canonicalUrl;
    Instant publishedAt;
    Instant modifiedAt;
    int wordCount;
    final List<String> flags = new ArrayList<>();

    ArticleDraft(ArticleReceived received) {
        this.received = received;
        this.title = received.title();
        this.authors = received.authors();
        this.section = received.section();
        this.canonicalUrl = received.canonicalUrl();
        this.publishedAt = received.publishedAt();
    }

    public ArticleReceived received() {
        return received;
    }

    public String body() {
        return body;
    }

    public String title() {
        return title;
    }
}
