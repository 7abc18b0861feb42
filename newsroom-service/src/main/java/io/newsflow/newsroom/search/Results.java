package io.newsflow.newsroom.search;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the newsroom answers, in the shapes its JSON API documents. */
public final class Results {

    private Results() {
    }

    /**
     * One page of results, with the facets, timeline and map counts of the whole query.
     *
     * @param total    how many articles match
     * @param hits     this page, in the requested order
     * @param next     the cursor of the next page ({@code ?after=}), or null on the last page
     * @param facets   the top values of each facet among the matching articles, with counts
     * @param timeline matching articles over time, with their average tone
     * @param spots    where the matching articles are located ({@code location}, where enrichment
     *                 placed one), grouped into map tiles of about 1,250 km: the centre and count of each
     * @param asOf     when the index was read: the {@code since} of {@code /search/new} ("N new"),
     *                 in the cluster's clock rather than the reader's
     */
    public record Page(long total, List<Hit> hits, String next, Map<String, List<Bucket>> facets, Timeline timeline,
            List<Spot> spots, Instant asOf) {
    }

    /** Articles located around a point (the centre of those in one map tile). */
    public record Spot(double lat, double lon, long count) {
    }

    /**
     * An article in a result list. Snippets are the matching passages, with the matched words
     * between U+0002 and U+0003 (plain characters the page turns into highlights: the text itself
     * is never HTML).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Hit(String id, String title, String source, String url, Instant publishedAt, String language,
            List<String> countries, String tone, List<String> snippets) {
    }

    /** A facet value, how many matching articles have it, and what to call it when the value is an id. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bucket(String value, long count, String label) {

        public Bucket(String value, long count) {
            this(value, count, null);
        }
    }

    /**
     * @param interval the bucket width Elasticsearch chose for the range ({@code 1h}, {@code 1d}, ...)
     * @param points   one per bucket
     */
    public record Timeline(String interval, List<Point> points) {
    }

    /** Articles published in the bucket starting at {@code time}, and their average tone (-1..1, or null). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Point(Instant time, long count, Double tone) {
    }

    /**
     * An article to read, with what enrichment found in it.
     *
     * @param entities the people, organisations, places and other names, with their offsets in
     *                 {@code body} (UTF-16 units), to highlight by type
     * @param related  other articles most like it
     * @param story    the story it is part of, with how many articles that story has
     * @param copyOf   the original it is a copy of
     * @param copies   how many copies of it are indexed
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Article(String id, long revision, String title, String url, String source, List<String> authors,
            Instant publishedAt, Instant receivedAt, String dateline, Image image, String lead, String body,
            String summary, String language, List<String> countries, List<String> topics, List<String> keywords,
            Tone tone, List<Entity> entities, List<Hit> related, StoryRef story, CopyOf copyOf, long copies) {
    }

    /** An article's story: its id (the {@code story} filter), label and size. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record StoryRef(String id, String label, long articles) {
    }

    /** The original of a copy: its id, and its headline and source when it is indexed. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CopyOf(String id, String title, String source, double similarity) {
    }

    /** The lead image, as the page gave it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Image(String url, String caption) {
    }

    /** The document's tone: -1 (most negative) to 1, and its label. */
    public record Tone(double score, String label) {
    }

    /** A named entity and where it is mentioned ({@code [start, end)} pairs). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Entity(String type, String text, String canonicalName, String id, int mentions,
            List<int[]> offsets) {
    }
}
