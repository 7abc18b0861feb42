package io.newsflow.newsroom.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.SortOptions;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregation;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch._types.query_dsl.SimpleQueryStringFlag;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.search.Hit;
import io.newsflow.contracts.SearchSyntax;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * The newsroom's reads of the article index, through its alias, read-only: a page of hits, every
 * facet, the timeline and the map counts come from one search (after a small one that sizes the
 * timeline's bars, see {@link TimelineInterval});
 * an article is one get plus a "more like this" search.
 *
 * <p>The words are matched with {@code simple_query_string}, which understands quotes, AND/OR,
 * {@code -} and grouping and never fails on a reader's syntax (never {@code query_string}, whose
 * syntax errors and regexes a reader could provoke). Matched words come back between U+0002 and
 * U+0003 so the page can mark them without ever treating article text as HTML.
 */
public final class ArticleSearch {

    /** Marks a matched word's start in a snippet. */
    public static final String MATCH_START = "\u0002";
    /** Marks a matched word's end in a snippet. */
    public static final String MATCH_END = "\u0003";
    private static final String TIMELINE = "timeline";
    private static final String SPOTS = "spots";
    /** Map tiles of zoom 5 (about 1,250 km at the equator): fine enough for a world map, few buckets. */
    private static final int SPOT_PRECISION = 5;
    private static final int MAX_SPOTS = 300;
    private static final List<String> TEXT_FIELDS = List.of("title^3", "lead^2", "summary^2", "body");
    private static final String LABEL = "label";
    private static final List<String> HIT_FIELDS = List.of("id", "title", "source.name", "url", "publishedAt",
            "language.code", "countries", "sentiment.label", "lead");

    private final ElasticsearchClient client;
    private final String alias;

    public ArticleSearch(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** One page of what the query finds, with its facets and timeline. */
    public Results.Page search(NewsQuery query) throws IOException {
        List<Object> after = query.after() == null ? null : Cursor.decode(query.after());
        Instant asOf = Instant.now();
        Query filter = query(query, null);
        Map<String, Aggregation> aggregations = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            aggregations.put(facet.key(), Aggregation.of(a -> {
                var terms = a.terms(t -> t.field(facet.field()).size(facet.shown()));
                if (facet.labelField() != null) { // the label its latest article gives it
                    terms.aggregations(LABEL, Aggregation.of(l -> l.topHits(h -> h.size(1)
                            .sort(o -> o.field(f -> f.field("publishedAt").order(SortOrder.Desc)))
                            .source(src -> src.filter(f -> f.includes(facet.labelField()))))));
                }
                return terms;
            }));
        }
        aggregations.put(SPOTS, Aggregation.of(a -> a.geotileGrid(g -> g.field("location").precision(SPOT_PRECISION)
                        .size(MAX_SPOTS))
                .aggregations("centre", Aggregation.of(c -> c.geoCentroid(g -> g.field("location"))))));
        TimelineInterval interval = span(filter).map(s -> TimelineInterval.forSpan(s[0], s[1])).orElse(null);
        if (interval != null) {
            aggregations.put(TIMELINE, Aggregation.of(a -> a.dateHistogram(h -> h.field("publishedAt")
                            .fixedInterval(t -> t.time(interval.name())).minDocCount(0))
                    .aggregations("tone", Aggregation.of(t -> t.avg(v -> v.field("sentiment.score"))))));
        }
        SearchResponse<JsonNode> response;
        try {
            response = client.search(s -> {
                s.index(alias).size(query.size()).query(filter).trackTotalHits(t -> t.enabled(true))
                        .sort(sort(query.sort())).source(src -> src.filter(f -> f.includes(HIT_FIELDS)))
                        .aggregations(aggregations)
                        .highlight(h -> h.preTags(MATCH_START).postTags(MATCH_END).fragmentSize(180)
                                .numberOfFragments(2).requireFieldMatch(false)
                                .fields("body", f -> f).fields("lead", f -> f).fields("summary", f -> f));
                if (after != null) {
                    s.searchAfter(after.stream().map(ArticleSearch::fieldValue).toList());
                }
                return s;
            }, JsonNode.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return new Results.Page(0, List.of(), null, Map.of(), new Results.Timeline(null, List.of()), List.of(),
                        asOf);
            }
            throw e;
        }
        List<Results.Hit> hits = new ArrayList<>();
        for (Hit<JsonNode> hit : response.hits().hits()) {
            hits.add(hit(hit));
        }
        String next = null;
        List<Hit<JsonNode>> page = response.hits().hits();
        if (page.size() == query.size()) {
            next = Cursor.encode(page.get(page.size() - 1).sort().stream().map(ArticleSearch::plain).toList());
        }
        Map<String, List<Results.Bucket>> facets = new LinkedHashMap<>();
        for (Facet facet : Facet.values()) {
            List<Results.Bucket> buckets = new ArrayList<>();
            response.aggregations().get(facet.key()).sterms().buckets().array()
                    .forEach(b -> buckets.add(new Results.Bucket(b.key().stringValue(), b.docCount(),
                            facet.labelField() == null ? null : label(b.aggregations().get(LABEL), facet.labelField()))));
            facets.put(facet.key(), buckets);
        }
        List<Results.Point> points = new ArrayList<>();
        Aggregate timeline = response.aggregations().get(TIMELINE);
        if (timeline != null) {
            timeline.dateHistogram().buckets().array().forEach(b -> {
                Aggregate tone = b.aggregations().get("tone");
                // an empty bar has no tone (the client reads the missing average as 0)
                double value = tone == null || b.docCount() == 0 ? Double.NaN : tone.avg().value();
                Double average = Double.isNaN(value) || Double.isInfinite(value) ? null
                        : Math.round(value * 1000) / 1000.0;
                points.add(new Results.Point(Instant.ofEpochMilli(b.key()), b.docCount(), average));
            });
        }
        List<Results.Spot> spots = new ArrayList<>();
        response.aggregations().get(SPOTS).geotileGrid().buckets().array().forEach(b -> {
            var centre = b.aggregations().get("centre").geoCentroid().location();
            if (centre != null && centre.isLatlon()) {
                spots.add(new Results.Spot(Math.round(centre.latlon().lat() * 1000) / 1000.0,
                        Math.round(centre.latlon().lon() * 1000) / 1000.0, b.docCount()));
            }
        });
        long total = response.hits().total() == null ? hits.size() : response.hits().total().value();
        return new Results.Page(total, hits, next, facets,
                new Results.Timeline(interval == null ? null : interval.name(), points), spots, asOf);
    }

    /** The first and last publication time among the query's articles, to size the timeline's bars. */
    private Optional<Instant[]> span(Query filter) throws IOException {
        SearchResponse<Void> response;
        try {
            response = client.search(s -> s.index(alias).size(0).query(filter)
                    .aggregations("first", a -> a.min(m -> m.field("publishedAt")))
                    .aggregations("last", a -> a.max(m -> m.field("publishedAt"))), Void.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        double first = response.aggregations().get("first").min().value();
        double last = response.aggregations().get("last").max().value();
        if (Double.isNaN(first) || Double.isInfinite(first) || Double.isNaN(last) || Double.isInfinite(last)) {
            return Optional.empty();
        }
        return Optional.of(new Instant[] {Instant.ofEpochMilli((long) first), Instant.ofEpochMilli((long) last)});
    }

    /** How many articles matching the query were indexed after {@code since} (the page's "N new"). */
    public long countIndexedSince(NewsQuery query, Instant since) throws IOException {
        try {
            return client.count(c -> c.index(alias).query(query(query, since))).count();
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return 0;
            }
            throw e;
        }
    }

    /** The value at {@code field} (a dotted path) of the one hit of a top-hits aggregation, or null. */
    private static String label(Aggregate topHits, String field) {
        if (topHits == null || topHits.topHits().hits().hits().isEmpty()
                || topHits.topHits().hits().hits().get(0).source() == null) {
            return null;
        }
        JsonNode node = topHits.topHits().hits().hits().get(0).source().to(JsonNode.class);
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        return node.isString() ? node.asString() : null;
    }

    /** An article to read, with related ones; empty when no article has this id. */
    public Optional<Results.Article> article(String id) throws IOException {
        GetResponse<JsonNode> response;
        try {
            response = client.get(g -> g.index(alias).id(id), JsonNode.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (!response.found() || response.source() == null) {
            return Optional.empty();
        }
        JsonNode doc = response.source();
        String like = text(doc, "title") + "\n" + (doc.hasNonNull("lead") ? text(doc, "lead") : "");
        List<Results.Hit> related = new ArrayList<>();
        SearchResponse<JsonNode> similar = client.search(s -> s.index(alias).size(5)
                .source(src -> src.filter(f -> f.includes(HIT_FIELDS)))
                .query(q -> q.bool(b -> b.mustNot(n -> n.ids(i -> i.values(id)))
                        .must(m -> m.moreLikeThis(mlt -> mlt.fields("title", "lead", "body").like(l -> l.text(like))
                                .minTermFreq(1).minDocFreq(1).maxQueryTerms(25))))), JsonNode.class);
        similar.hits().hits().forEach(hit -> related.add(hit(hit)));
        return Optional.of(article(id, doc, related, story(doc), copyOf(doc), count("duplicateOf.id", id)));
    }

    /** The article's story with how many articles it has now, or null. */
    private Results.StoryRef story(JsonNode doc) throws IOException {
        JsonNode story = doc.path("story");
        if (!story.hasNonNull("id")) {
            return null;
        }
        String storyId = story.get("id").asString();
        return new Results.StoryRef(storyId, textOrNull(story, "label"), count("story.id", storyId));
    }

    /** The original an article is a copy of, with its headline and source when it is in the index. */
    private Results.CopyOf copyOf(JsonNode doc) throws IOException {
        JsonNode duplicateOf = doc.path("duplicateOf");
        if (!duplicateOf.hasNonNull("id")) {
            return null;
        }
        String originalId = duplicateOf.get("id").asString();
        GetResponse<JsonNode> original;
        try {
            original = client.get(g -> g.index(alias).id(originalId).sourceIncludes("title", "source.name"),
                    JsonNode.class);
        } catch (ElasticsearchException e) {
            if (e.status() != 404) {
                throw e;
            }
            original = null;
        }
        JsonNode source = original != null && original.found() ? original.source() : null;
        return new Results.CopyOf(originalId, source == null ? null : textOrNull(source, "title"),
                source == null ? null : textOrNull(source.path("source"), "name"),
                duplicateOf.path("similarity").asDouble());
    }

    /** How many articles have {@code value} in {@code field}. */
    private long count(String field, String value) throws IOException {
        return client.count(c -> c.index(alias).query(q -> q.term(t -> t.field(field).value(value)))).count();
    }

    /** The bool query of the words, the filters and the range (and an indexedAt floor, or null). */
    static Query query(NewsQuery query, Instant indexedAfter) {
        return Query.of(q -> q.bool(b -> {
            if (!query.text().isBlank()) {
                b.must(m -> m.simpleQueryString(s -> s.query(SearchSyntax.toSimpleQueryString(query.text())).fields(TEXT_FIELDS)
                        .defaultOperator(Operator.And).lenient(true)
                        .flags(SimpleQueryStringFlag.And, SimpleQueryStringFlag.Or, SimpleQueryStringFlag.Not,
                                SimpleQueryStringFlag.Phrase, SimpleQueryStringFlag.Precedence,
                                SimpleQueryStringFlag.Whitespace, SimpleQueryStringFlag.Escape)));
            } else {
                b.must(m -> m.matchAll(a -> a));
            }
            query.filters().forEach((facet, values) -> values.forEach(value ->
                    b.filter(f -> f.term(t -> t.field(facet.field()).value(value)))));
            if (query.from() != null || query.to() != null) {
                b.filter(f -> f.range(r -> r.date(d -> {
                    d.field("publishedAt");
                    if (query.from() != null) {
                        d.gte(query.from().toString());
                    }
                    if (query.to() != null) {
                        d.lt(query.to().toString());
                    }
                    return d;
                })));
            }
            if (indexedAfter != null) {
                b.filter(f -> f.range(r -> r.date(d -> d.field("indexedAt").gt(indexedAfter.toString()))));
            }
            return b;
        }));
    }

    private static List<SortOptions> sort(NewsQuery.Sort sort) {
        List<SortOptions> options = new ArrayList<>();
        if (sort == NewsQuery.Sort.RELEVANCE) {
            options.add(SortOptions.of(s -> s.score(o -> o.order(SortOrder.Desc))));
        }
        options.add(SortOptions.of(s -> s.field(f -> f.field("publishedAt").order(SortOrder.Desc).missing("_last"))));
        options.add(SortOptions.of(s -> s.field(f -> f.field("id").order(SortOrder.Asc))));
        return options;
    }

    private static Results.Hit hit(Hit<JsonNode> hit) {
        JsonNode doc = hit.source();
        List<String> snippets = new ArrayList<>();
        for (String field : List.of("summary", "lead", "body")) {
            List<String> fragments = hit.highlight().get(field);
            if (fragments != null) {
                fragments.stream().limit(2 - snippets.size()).forEach(snippets::add);
            }
            if (snippets.size() >= 2) {
                break;
            }
        }
        if (snippets.isEmpty() && doc != null && doc.hasNonNull("lead")) {
            String lead = doc.get("lead").asString();
            snippets.add(lead.length() > 300 ? lead.substring(0, 300) + "\u2026" : lead);
        }
        return new Results.Hit(hit.id(), text(doc, "title"), doc == null ? null : textOrNull(doc.path("source"), "name"),
                textOrNull(doc, "url"), instant(doc, "publishedAt"), doc == null ? null
                        : textOrNull(doc.path("language"), "code"), strings(doc, "countries"),
                doc == null ? null : textOrNull(doc.path("sentiment"), "label"), snippets);
    }

    private static Results.Article article(String id, JsonNode doc, List<Results.Hit> related, Results.StoryRef story,
            Results.CopyOf copyOf, long copies) {
        List<Results.Entity> entities = new ArrayList<>();
        for (JsonNode entity : doc.path("entities")) {
            List<int[]> offsets = new ArrayList<>();
            for (JsonNode span : entity.path("offsets")) {
                offsets.add(new int[] {span.path("start").asInt(), span.path("end").asInt()});
            }
            entities.add(new Results.Entity(textOrNull(entity, "type"), textOrNull(entity, "text"),
                    textOrNull(entity, "canonicalName"), textOrNull(entity, "id"), entity.path("mentions").asInt(),
                    offsets));
        }
        List<String> topics = new ArrayList<>();
        doc.path("topics").forEach(topic -> topics.add(topic.path("label").asString()));
        List<String> keywords = new ArrayList<>();
        doc.path("keywords").forEach(keyword -> keywords.add(keyword.path("text").asString()));
        JsonNode image = doc.path("mainImage");
        JsonNode sentiment = doc.path("sentiment");
        return new Results.Article(id, doc.path("revision").asLong(), text(doc, "title"), textOrNull(doc, "url"),
                textOrNull(doc.path("source"), "name"), strings(doc, "authors"), instant(doc, "publishedAt"),
                instant(doc, "receivedAt"), textOrNull(doc.path("dateline"), "text"),
                image.hasNonNull("url") ? new Results.Image(image.get("url").asString(), textOrNull(image, "caption"))
                        : null,
                textOrNull(doc, "lead"), doc.path("body").asString(""), textOrNull(doc, "summary"),
                textOrNull(doc.path("language"), "code"), strings(doc, "countries"), topics, keywords,
                sentiment.hasNonNull("score") ? new Results.Tone(sentiment.get("score").asDouble(),
                        textOrNull(sentiment, "label")) : null, entities, related, story, copyOf, copies);
    }

    private static String text(JsonNode doc, String field) {
        String value = doc == null ? null : textOrNull(doc, field);
        return value == null ? "" : value;
    }

    private static String textOrNull(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static List<String> strings(JsonNode doc, String field) {
        List<String> values = new ArrayList<>();
        if (doc != null) {
            doc.path(field).forEach(value -> values.add(value.asString()));
        }
        return values;
    }

    private static Instant instant(JsonNode doc, String field) {
        String value = doc == null ? null : textOrNull(doc, field);
        try {
            return value == null ? null : Instant.parse(value);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static FieldValue fieldValue(Object value) {
        if (value == null) {
            return FieldValue.NULL;
        }
        if (value instanceof Long number) {
            return FieldValue.of(number);
        }
        if (value instanceof Double number) {
            return FieldValue.of(number);
        }
        return FieldValue.of(String.valueOf(value));
    }

    private static Object plain(FieldValue value) {
        if (value.isLong()) {
            return value.longValue();
        }
        if (value.isDouble()) {
            return value.doubleValue();
        }
        if (value.isNull()) {
            return null;
        }
        return value.isString() ? value.stringValue() : String.valueOf(value._get());
    }
}
