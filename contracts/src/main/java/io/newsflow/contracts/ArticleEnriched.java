package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An article after extraction and enrichment: the value of a {@value Topics#ENRICHED} record,
 * keyed by {@link #id}. Downstream consumers (the publish service, analysts' own consumers)
 * subscribe to it. JSON Schema: {@code schemas/article-enriched.v1.schema.json}.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the article id assigned at ingest
 * @param revision      the revision of the post this was made from (see {@link Revisions}): a
 *                      larger revision is a later post
 * @param url           the URL as posted
 * @param canonicalUrl  canonical URL (posted URL canonicalised, or the page's own canonical link)
 * @param source        who published it
 * @param receivedAt    when the ingest service accepted it
 * @param publishedAt   publication time: the publisher's, else the page's own metadata
 * @param modifiedAt    last modification time, from the page's metadata
 * @param siteName      the publication's name, from the page
 * @param description   the lead or meta description, from the page
 * @param dateline      the dateline the body started with ({@code LONDON (Reuters) -}), removed
 *                      from the body
 * @param mainImage     the lead image and its caption
 * @param title         the headline
 * @param authors       bylines: the publisher's, else the page's
 * @param section       the section: the publisher's, else the page's
 * @param metadata      the publisher's free-form metadata, passed through
 * @param lead          the body's first paragraph
 * @param body          the article text, paragraphs separated by a blank line
 * @param wordCount     words in {@link #body}
 * @param readingTimeMinutes minutes an adult reads {@link #body} in (230 words a minute, at least 1
 *                      for a non-empty body)
 * @param language      the body's language
 * @param entities      people, organisations, locations and other names, one per entity however
 *                      often and however spelled it was mentioned, most mentioned first
 * @param quotes        what was said and by whom: direct quotes and reported speech whose speaker
 *                      is one of {@link #entities}, in body order (optional: absent when none was
 *                      found, and in records written before it existed)
 * @param places        countries, regions and cities the article mentions, with coordinates
 * @param countries     ISO 3166-1 alpha-2 codes of the countries the article is about, most
 *                      weighty first
 * @param primaryCountry the country the article is mainly about: its dateline's, else the most
 *                      weighty
 * @param location      a point for maps: the most specific confident place in the primary country
 * @param dates         dates the body mentions, resolved against the publication time
 * @param topics        IPTC Media Topics (top level) with scores, best first
 * @param keywords      key phrases, best first
 * @param sentiment     the document's tone
 * @param summary       one to three sentences of the body
 * @param fingerprints  hashes for finding duplicates
 * @param duplicateOf   the earliest earlier article this one is a near-copy of (a syndicated or
 *                      re-published copy); absent for an original or when duplicates are not
 *                      looked for (offline enrichment)
 * @param story         the story (the event) this article is about, shared by the articles about
 *                      it: see {@value Topics#STORIES}; absent when stories are not made (offline)
 * @param enrichment    how and when this record was made
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ArticleEnriched(
        int schemaVersion,
        String id,
        long revision,
        String url,
        String canonicalUrl,
        Source source,
        Instant receivedAt,
        Instant publishedAt,
        Instant modifiedAt,
        String siteName,
        String description,
        Dateline dateline,
        Image mainImage,
        String title,
        List<String> authors,
        String section,
        Map<String, String> metadata,
        String lead,
        @JsonInclude(JsonInclude.Include.ALWAYS) String body,
        int wordCount,
        int readingTimeMinutes,
        Language language,
        List<Entity> entities,
        List<Quote> quotes,
        List<Place> places,
        List<String> countries,
        String primaryCountry,
        GeoPoint location,
        List<DateMention> dates,
        List<Topic> topics,
        List<Keyword> keywords,
        Sentiment sentiment,
        String summary,
        Fingerprints fingerprints,
        DuplicateOf duplicateOf,
        StoryRef story,
        Enrichment enrichment) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * What in this record, read from a {@value Topics#ENRICHED} record keyed {@code key}, breaks
     * the topic's contract (the schema's required fields); empty when it keeps it.
     */
    public List<String> contractViolations(String key) {
        List<String> violations = new ArrayList<>();
        if (schemaVersion != SCHEMA_VERSION) {
            violations.add("schemaVersion " + schemaVersion + " is not one this consumer reads (" + SCHEMA_VERSION + ")");
        }
        Contracts.checkId(id, key, violations);
        if (revision <= 0) {
            violations.add("revision is missing");
        }
        Contracts.checkSource(source, violations);
        if (receivedAt == null) {
            violations.add("receivedAt is missing");
        }
        if (enrichment == null) {
            violations.add("enrichment is missing");
        }
        return violations;
    }

    public ArticleEnriched {
        authors = authors == null ? List.of() : List.copyOf(authors);
        metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
        body = body == null ? "" : body;
        entities = entities == null ? List.of() : List.copyOf(entities);
        quotes = quotes == null ? List.of() : List.copyOf(quotes);
        places = places == null ? List.of() : List.copyOf(places);
        countries = countries == null ? List.of() : List.copyOf(countries);
        dates = dates == null ? List.of() : List.copyOf(dates);
        topics = topics == null ? List.of() : List.copyOf(topics);
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
    }

    /**
     * The record without {@code quotes}, as it was before they were found: kept so that code
     * written against that shape (fixtures, tools) still builds.
     */
    public ArticleEnriched(int schemaVersion, String id, long revision, String url, String canonicalUrl,
            Source source, Instant receivedAt, Instant publishedAt, Instant modifiedAt, String siteName,
            String description, Dateline dateline, Image mainImage, String title, List<String> authors,
            String section, Map<String, String> metadata, String lead, String body, int wordCount,
            int readingTimeMinutes, Language language, List<Entity> entities, List<Place> places,
            List<String> countries, String primaryCountry, GeoPoint location, List<DateMention> dates,
            List<Topic> topics, List<Keyword> keywords, Sentiment sentiment, String summary,
            Fingerprints fingerprints, DuplicateOf duplicateOf, StoryRef story, Enrichment enrichment) {
        this(schemaVersion, id, revision, url, canonicalUrl, source, receivedAt, publishedAt, modifiedAt, siteName,
                description, dateline, mainImage, title, authors, section, metadata, lead, body, wordCount,
                readingTimeMinutes, language, entities, null, places, countries, primaryCountry, location, dates,
                topics, keywords, sentiment, summary, fingerprints, duplicateOf, story, enrichment);
    }

    /**
     * A dateline: the text as written, the place it names (null for agency-only datelines such
     * as {@code (Reuters) -}) and that place's country (ISO 3166-1 alpha-2) when known.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Dateline(String text, String place, String countryCode) {
    }

    /**
     * A language.
     *
     * @param code       ISO 639-1 code, e.g. {@code en}
     * @param confidence 0 to 1
     */
    public record Language(String code, double confidence) {
    }

    /**
     * A span of {@link #body}: character offsets (UTF-16 units, as Java, JavaScript and
     * Elasticsearch count them), {@code end} exclusive.
     */
    public record Span(int start, int end) {
    }

    /**
     * A named entity.
     *
     * @param type          {@code PERSON}, {@code ORGANIZATION}, {@code LOCATION} or {@code MISC}
     *                      (nationalities, events, products, works), as in CoNLL
     * @param text          its fullest form as written in the article
     * @param canonicalName its name in the knowledge base, else the fullest form
     * @param aliases       other names it is known by (knowledge base) or was written as here
     * @param id            stable knowledge-base id such as {@code person/volodymyr-zelenskyy}; absent
     *                      for names not in the knowledge base
     * @param mentions      how many times it is mentioned
     * @param offsets       where, in {@link #body}
     * @param confidence    0 to 1
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Entity(String type, String text, String canonicalName, List<String> aliases, String id,
            int mentions, List<Span> offsets, double confidence) {
        public Entity {
            aliases = aliases == null ? List.of() : List.copyOf(aliases);
            offsets = offsets == null ? List.of() : List.copyOf(offsets);
        }
    }

    /**
     * A quote: what someone said, directly ({@code "...," Putin said}) or reported ({@code Putin
     * said the talks had failed}), and who said it.
     *
     * @param text    the words quoted (inside the quotation marks), or the reported clause
     * @param speaker who said it
     * @param offsets where {@link #text} is, in {@link #body}
     */
    public record Quote(String text, Speaker speaker, Span offsets) {
    }

    /**
     * Who said a quote: one of the article's {@link #entities}.
     *
     * @param name     the entity's canonical name
     * @param entityId the entity's knowledge-base id; absent for names not in the knowledge base
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Speaker(String name, String entityId) {
    }

    /**
     * A place the article mentions.
     *
     * @param name        its usual English name
     * @param countryCode ISO 3166-1 alpha-2 code of its country
     * @param kind        {@code country}, {@code region} or {@code city}
     * @param lat         latitude, WGS84
     * @param lon         longitude, WGS84
     * @param mentions    how many times it is mentioned (title included)
     */
    public record Place(String name, String countryCode, String kind, double lat, double lon, int mentions) {
    }

    /** A point on the map, WGS84. */
    public record GeoPoint(double lat, double lon) {
    }

    /**
     * A date the body mentions.
     *
     * @param text        as written, e.g. {@code last Tuesday}
     * @param value       ISO 8601 at its granularity: {@code 2024-01-16}, {@code 2024-01}, {@code 2024}
     * @param granularity {@code day}, {@code month} or {@code year}
     * @param offsets     where, in {@link #body}
     */
    public record DateMention(String text, String value, String granularity, Span offsets) {
    }

    /**
     * An IPTC Media Topic.
     *
     * @param code  e.g. {@code medtop:11000000}
     * @param label e.g. {@code politics}
     * @param score 0 to 1
     */
    public record Topic(String code, String label, double score) {
    }

    /** A key phrase, with a score from 0 to 1 (higher is more characteristic). */
    public record Keyword(String text, double score) {
    }

    /**
     * The document's tone.
     *
     * @param score -1 (most negative) to 1 (most positive)
     * @param label {@code negative}, {@code neutral} or {@code positive}
     */
    public record Sentiment(double score, String label) {
    }

    /**
     * Duplicate detection.
     *
     * @param contentHash hash of the normalised body: equal for the same text however formatted
     * @param simhash     64-bit SimHash of the body as 16 hex digits: near-duplicates differ in
     *                    few bits (Hamming distance)
     */
    public record Fingerprints(String contentHash, String simhash) {
    }

    /**
     * The original this article is a copy of.
     *
     * @param id         the original's article id: the earliest copy seen, by publication time,
     *                   else by reception time
     * @param similarity estimated Jaccard similarity of the two bodies' word 3-grams, 0 to 1
     */
    public record DuplicateOf(String id, double similarity) {
    }

    /** This article, marked as a copy of {@code original} (or as no copy, with null). */
    public ArticleEnriched withDuplicateOf(DuplicateOf original) {
        return new ArticleEnriched(schemaVersion, id, revision, url, canonicalUrl, source, receivedAt, publishedAt,
                modifiedAt, siteName, description, dateline, mainImage, title, authors, section, metadata, lead, body,
                wordCount, readingTimeMinutes, language, entities, quotes, places, countries, primaryCountry, location,
                dates, topics, keywords, sentiment, summary, fingerprints, original, story, enrichment);
    }

    /** This article, in {@code story}. */
    public ArticleEnriched withStory(StoryRef story) {
        return new ArticleEnriched(schemaVersion, id, revision, url, canonicalUrl, source, receivedAt, publishedAt,
                modifiedAt, siteName, description, dateline, mainImage, title, authors, section, metadata, lead, body,
                wordCount, readingTimeMinutes, language, entities, quotes, places, countries, primaryCountry, location,
                dates, topics, keywords, sentiment, summary, fingerprints, duplicateOf, story, enrichment);
    }

    /**
     * The story an article belongs to.
     *
     * @param id    the story's id, which never changes; when two stories merge, the one that goes
     *              names the one that stays ({@code mergedInto} on {@value Topics#STORIES})
     * @param label the story's label when the article joined it: its most representative headline
     */
    public record StoryRef(String id, String label) {
    }

    /** An image: its absolute URL and caption. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String url, String caption) {
    }

    /**
     * Provenance of an enriched record.
     *
     * @param version    version of the enrichment pipeline that made it
     * @param enrichedAt when it was made
     * @param tookMs     how long the pipeline took for this article
     * @param errors     steps that failed for this article (the rest still ran)
     * @param flags      what the steps noticed about the input, e.g. {@code no-article-found},
     *                   {@code listing-page}, {@code truncated-input}, {@code body-from-json-ld}
     */
    public record Enrichment(String version, Instant enrichedAt, long tookMs, List<String> errors,
            List<String> flags) {
        public Enrichment {
            errors = errors == null ? List.of() : List.copyOf(errors);
            flags = flags == null ? List.of() : List.copyOf(flags);
        }
    }
}
