package io.newsflow.publish.indexing;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Source;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The shape of an article in Elasticsearch: the enriched record flattened for search and
 * dashboards, plus {@link #indexedAt}. Mapped by {@code elasticsearch/news-articles-mappings.json}.
 *
 * <p>Entities are kept whole in {@code entities} (not indexed: offsets and aliases would bloat
 * the index) and their canonical names are repeated per type in {@code people},
 * {@code organizations}, {@code locations} and {@code misc}, so "top people this week" is one
 * terms aggregation on a keyword field. Quotes are nested documents, so "what did this person
 * say" matches a quote's text and its speaker together, never one quote's words with another's
 * speaker.
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
        String lead,
        String body,
        String summary,
        Instant publishedAt,
        Instant modifiedAt,
        Instant receivedAt,
        Instant indexedAt,
        int wordCount,
        int readingTimeMinutes,
        ArticleEnriched.Language language,
        List<ArticleEnriched.Entity> entities,
        List<ArticleEnriched.Quote> quotes,
        Set<String> people,
        Set<String> organizations,
        Set<String> locations,
        Set<String> misc,
        Set<String> entityIds,
        List<ArticleEnriched.Place> places,
        List<String> countries,
        String primaryCountry,
        ArticleEnriched.GeoPoint location,
        List<ArticleEnriched.DateMention> dates,
        List<ArticleEnriched.Topic> topics,
        List<ArticleEnriched.Keyword> keywords,
        ArticleEnriched.Sentiment sentiment,
        ArticleEnriched.Fingerprints fingerprints,
        ArticleEnriched.DuplicateOf duplicateOf,
        ArticleEnriched.StoryRef story,
        Enrichment enrichment) {

    record Enrichment(String version, Instant enrichedAt, long tookMs, List<String> errors, List<String> flags) {
    }

    static ArticleDocument of(ArticleEnriched article, Instant indexedAt) {
        var enrichment = article.enrichment();
        List<ArticleEnriched.Entity> entities = article.entities();
        Set<String> ids = new LinkedHashSet<>();
        entities.stream().filter(entity -> entity.id() != null).forEach(entity -> ids.add(entity.id()));
        return new ArticleDocument(article.id(), article.revision(), article.url(), article.canonicalUrl(),
                article.source(), article.title(), article.siteName(), article.description(), article.dateline(),
                article.mainImage(), article.authors(), article.section(), article.metadata(), article.lead(),
                article.body(), article.summary(), article.publishedAt(), article.modifiedAt(), article.receivedAt(),
                indexedAt, article.wordCount(), article.readingTimeMinutes(), article.language(), entities,
                article.quotes(), names(entities, "PERSON"), names(entities, "ORGANIZATION"), names(entities, "LOCATION"),
                names(entities, "MISC"), ids, article.places(), article.countries(), article.primaryCountry(),
                article.location(), article.dates(), article.topics(), article.keywords(), article.sentiment(),
                article.fingerprints(), article.duplicateOf(), article.story(), enrichment == null ? null
                        : new Enrichment(enrichment.version(), enrichment.enrichedAt(), enrichment.tookMs(),
                                enrichment.errors(), enrichment.flags()));
    }

    private static Set<String> names(List<ArticleEnriched.Entity> entities, String type) {
        Set<String> names = new LinkedHashSet<>();
        for (ArticleEnriched.Entity entity : entities) {
            if (type.equals(entity.type()) && entity.canonicalName() != null) {
                names.add(entity.canonicalName());
            }
        }
        return names;
    }
}
