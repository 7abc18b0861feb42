package io.newsflow.newsroom.search;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What the newsroom slices by: each facet is a URL parameter, an indexed keyword field, and how
 * many of its top values a page shows. Countries are ISO 3166-1 alpha-2 codes (the map's too).
 */
public enum Facet {

    PEOPLE("person", "people", 10),
    ORGANIZATIONS("org", "organizations", 10),
    PLACES("place", "locations", 10),
    COUNTRIES("country", "countries", 250),
    TOPICS("topic", "topics.label", 17),
    LANGUAGES("language", "language.code", 20),
    SOURCES("source", "source.name", 10),
    TONES("tone", "sentiment.label", 3),
    /** Listed by label (a story id means nothing to a reader); as a filter, a story's articles and its course. */
    STORIES("story", "story.id", 10);

    /** ISO 3166-1 alpha-2, either case (normalised to upper case). */
    public static final String COUNTRY_PATTERN = "^[A-Za-z]{2}$";
    /** ISO 639-1 (or a three-letter 639-2/3 code, as the language detector gives for a few). */
    public static final String LANGUAGE_PATTERN = "^[a-z]{2,3}$";
    /** A story id: 32 lower-case hex digits, like an article id (the id of its first article). */
    public static final String STORY_PATTERN = "^[0-9a-f]{32}$";
    /** The tones the enrichment labels articles with. */
    public static final List<String> TONE_LABELS = List.of("negative", "neutral", "positive");

    private static final Pattern COUNTRY = Pattern.compile(COUNTRY_PATTERN);
    private static final Pattern LANGUAGE = Pattern.compile(LANGUAGE_PATTERN);
    private static final Pattern STORY = Pattern.compile(STORY_PATTERN);

    private final String parameter;
    private final String field;
    private final int shown;

    Facet(String parameter, String field, int shown) {
        this.parameter = parameter;
        this.field = field;
        this.shown = shown;
    }

    /** The URL parameter that filters by it. */
    public String parameter() {
        return parameter;
    }

    /** The index field. */
    public String field() {
        return field;
    }

    /** How many of its top values a page shows. */
    public int shown() {
        return shown;
    }

    /** The field a value's label is read from (of its latest article), or null when the value is its own label. */
    public String labelField() {
        return this == STORIES ? "story.label" : null;
    }

    /** The name the API answers under ({@code people}, {@code countries}, ...). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The pattern a value must match: the facet's own (country, language, story, tone), or for
     * names (people, organizations, places, topics, sources) {@link NewsQuery#VALUE_PATTERN}.
     * The OpenAPI document shows the same string.
     */
    public String pattern() {
        return switch (this) {
            case COUNTRIES -> COUNTRY_PATTERN;
            case LANGUAGES -> LANGUAGE_PATTERN;
            case STORIES -> STORY_PATTERN;
            case TONES -> "^(" + String.join("|", TONE_LABELS) + ")$";
            default -> NewsQuery.VALUE_PATTERN;
        };
    }

    /** The only values it takes, or an empty list when any value within the bounds is a filter. */
    public List<String> choices() {
        return this == TONES ? TONE_LABELS : List.of();
    }

    /** Whether the value, already known to be 1-200 characters of {@link NewsQuery#VALUE_PATTERN}, fits this facet. */
    boolean accepts(String value) {
        return switch (this) {
            case COUNTRIES -> COUNTRY.matcher(value).matches();
            case LANGUAGES -> LANGUAGE.matcher(value).matches();
            case TONES -> TONE_LABELS.contains(value);
            case STORIES -> STORY.matcher(value).matches();
            default -> true;
        };
    }

    String rule() {
        return switch (this) {
            case COUNTRIES -> "values must be ISO 3166-1 alpha-2 codes such as BY";
            case LANGUAGES -> "values must be ISO 639-1 codes such as en";
            case TONES -> "values must be negative, neutral or positive";
            case STORIES -> "values must be story ids (32 hex digits)";
            default -> "";
        };
    }

    String normalise(String value) {
        return this == COUNTRIES ? value.toUpperCase(Locale.ROOT) : value;
    }
}
