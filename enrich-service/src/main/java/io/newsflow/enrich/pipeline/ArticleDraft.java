package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.extraction.ExtractedArticle;
import io.newsflow.enrich.text.TextAnalysis;
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
    /** Posted text is the body as it is (no extraction). */
    boolean textAsIs;
    Instant publishedAt;
    Instant modifiedAt;
    int wordCount;
    int readingTimeMinutes;
    String lead;
    /** The body segmented once for every enricher; empty until the statistics step ran. */
    TextAnalysis analysis = TextAnalysis.of("");
    ArticleEnriched.Language language;
    List<ArticleEnriched.Entity> entities;
    /** Locations the entity recogniser found, for the places step. */
    List<ArticleEnriched.Entity> locationEntities = List.of();
    List<ArticleEnriched.Place> places;
    List<String> countries;
    String primaryCountry;
    String datelineCountryCode;
    ArticleEnriched.GeoPoint location;
    List<ArticleEnriched.DateMention> dates;
    List<ArticleEnriched.Topic> topics;
    List<ArticleEnriched.Keyword> keywords;
    ArticleEnriched.Sentiment sentiment;
    String summary;
    ArticleEnriched.Fingerprints fingerprints;
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
