package io.newsflow.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A saved search: the value of a {@value Topics#SUBSCRIPTIONS} record, keyed by {@link #id}. The
 * topic is compacted and holds the current version of every subscription; a tombstone (null
 * value) deletes one. Every stage that needs the subscriptions (the API answering {@code GET},
 * the matcher) rebuilds its state by reading the topic from the start, so subscriptions survive
 * restarts and every instance sees all of them. JSON Schema:
 * {@code schemas/subscription.v1.schema.json}.
 *
 * <p>The topic is internal: it carries the webhook secret, so only the ingest service (writer) and
 * the publish service (reader) may access it.
 *
 * @param schemaVersion version of this record's shape
 * @param id            the subscription's id (32 lower-case hex digits, random)
 * @param name          a name its owner chose, repeated in every alert
 * @param query         which articles it selects
 * @param delivery      where matches go
 * @param webhookSecret the key of the webhook's HMAC-SHA256 signature (null without a webhook)
 * @param owner         the API key holder that created it ({@code anonymous} where the API is open)
 * @param createdAt     when it was created
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Subscription(
        int schemaVersion,
        String id,
        String name,
        Query query,
        Delivery delivery,
        String webhookSecret,
        String owner,
        Instant createdAt) {

    /** The shape version that producers of this record write today. */
    public static final int SCHEMA_VERSION = 1;

    /**
     * Which articles a subscription selects: all of the given parts must hold; within a list, any
     * value may. Values of the lists are compared without regard to case.
     *
     * @param q         words in the dashboard's search syntax ({@link SearchSyntax}) over title,
     *                  lead, summary and body
     * @param countries ISO 3166-1 alpha-2 codes of countries the article is about
     * @param topics    IPTC Media Topic codes ({@code medtop:11000000}) or labels ({@code politics})
     * @param entities  names (canonical or as written) or ids of people, organisations, places and
     *                  other names the article mentions
     * @param languages ISO 639-1 codes of the article's language
     * @param sources   source names or domains
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Query(String q, List<String> countries, List<String> topics, List<String> entities,
            List<String> languages, List<String> sources) {

        public Query {
            countries = countries == null ? List.of() : List.copyOf(countries);
            topics = topics == null ? List.of() : List.copyOf(topics);
            entities = entities == null ? List.of() : List.copyOf(entities);
            languages = languages == null ? List.of() : List.copyOf(languages);
            sources = sources == null ? List.of() : List.copyOf(sources);
        }

        /** True when nothing at all is asked for (a subscription must ask for something). */
        @JsonIgnore
        public boolean isEmpty() {
            return (q == null || q.isBlank()) && countries.isEmpty() && topics.isEmpty() && entities.isEmpty()
                    && languages.isEmpty() && sources.isEmpty();
        }
    }

    /**
     * Where matches go.
     *
     * @param topic   {@value Topics#ALERTS} or another alerts topic ({@code news.alerts.*}): a small
     *                {@link ArticleAlert} per match; an enriched topic of its own
     *                ({@code news.enriched.*}): the whole {@link ArticleEnriched} article
     * @param webhook an http(s) URL that receives each alert as a signed POST, or null
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Delivery(String topic, String webhook) {
    }

    /** True when matches go to the topic as whole articles rather than as alerts. */
    public boolean deliversArticles() {
        return !Topics.isAlertsTopic(delivery.topic());
    }

    /** What in this record, read from a record keyed {@code key}, breaks the topic's contract. */
    public List<String> contractViolations(String key) {
        List<String> violations = new ArrayList<>();
        if (schemaVersion != SCHEMA_VERSION) {
            violations.add("schemaVersion " + schemaVersion + " is not one this consumer reads (" + SCHEMA_VERSION + ")");
        }
        Contracts.checkId(id, key, violations);
        if (query == null || query.isEmpty()) {
            violations.add("query asks for nothing");
        }
        if (delivery == null || delivery.topic() == null || !Topics.isSubscriberTopic(delivery.topic())) {
            violations.add("delivery.topic is missing or not a subscriber topic");
        }
        return violations;
    }
}
