package io.newsflow.publish.indexing;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Time;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.DuplicateCorrection;
import io.newsflow.contracts.EventJson;
import io.newsflow.publish.PublishProperties.IndexProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one class that knows the article index: its name, alias, template and the bulk call.
 *
 * <p>Writes go through the alias to the versioned index ({@code news-articles-v1}), so a new
 * mapping version can be built beside the old one and swapped in atomically. Each document is
 * written with {@code version_type=external_gte} and the article's revision as version:
 * Elasticsearch itself then refuses (409) any write of an older revision, whatever order records
 * arrive in, and accepts a redelivery of the same revision as a harmless overwrite. See
 * <a href="https://www.elastic.co/guide/en/elasticsearch/reference/8.19/docs-index_.html#index-versioning">
 * index versioning</a>.
 */
public final class ArticleIndex {

    private static final Logger log = LoggerFactory.getLogger(ArticleIndex.class);
    private static final String MAPPINGS = "/elasticsearch/news-articles-mappings.json";
    private static final String LANGUAGE_ANALYZER = "english";
    /** Copies of a corrected article re-pointed at its new original, at most (one search page). */
    static final int MAX_REPOINTED = 10_000;

    private final ElasticsearchClient client;
    private final IndexProperties properties;
    private final Clock clock;
    private final String target;

    public ArticleIndex(ElasticsearchClient client, IndexProperties properties, Clock clock) {
        this(client, properties, clock, properties.alias());
    }

    private ArticleIndex(ElasticsearchClient client, IndexProperties properties, Clock clock, String target) {
        this.client = client;
        this.properties = properties;
        this.clock = clock;
        this.target = target;
    }

    /** The same index logic writing to one concrete index instead of the alias (for a rebuild). */
    public ArticleIndex writingTo(String index) {
        return new ArticleIndex(client, properties, clock, index);
    }

    /** The alias readers query. */
    public String alias() {
        return properties.alias();
    }

    /**
     * Creates (or updates) the index template and, when the alias points nowhere, the versioned
     * index behind it; when it exists, adds fields the mapping gained since (Elasticsearch refuses
     * to change existing ones: that takes a new index version and a reindex). Idempotent: safe at
     * every start of every instance.
     */
    public void ensureExists() throws IOException {
        TypeMapping mappings = putTemplate();
        if (client.indices().existsAlias(a -> a.name(properties.alias())).value()) {
            // new fields reach the existing index too; a changed field needs a new index version
            try {
                client.indices().putMapping(m -> m.index(properties.alias()).dynamic(mappings.dynamic())
                        .properties(mappings.properties()));
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                log.warn("The index behind {} has a mapping this version cannot extend ({}); documents keep "
                        + "being written to it. Rebuild it with the new mapping: ./newsflow backfill",
                        properties.alias(), e.getMessage());
            }
            return;
        }
        String index = properties.versionedName();
        if (!client.indices().exists(e -> e.index(index)).value()) {
            try {
                client.indices().create(c -> c.index(index));
            } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
                if (!"resource_already_exists_exception".equals(e.error().type())) {
                    throw e;
                }
            }
        }
        client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(index)
                .alias(properties.alias()).isWriteIndex(true))));
        log.info("Created index {} behind alias {}", index, properties.alias());
    }

    /** Creates or updates the template every {@code <alias>-v*} index gets; returns its mapping. */
    private TypeMapping putTemplate() throws IOException {
        TypeMapping mappings = mappings(hasAnalyzer(LANGUAGE_ANALYZER));
        client.indices().putIndexTemplate(t -> t
                .name(properties.alias())
                .indexPatterns(properties.alias() + "-v*")
                .template(template -> template
                        .settings(s -> s
                                .numberOfShards(String.valueOf(properties.shards()))
                                .numberOfReplicas(String.valueOf(properties.replicas()))
                                .refreshInterval(Time.of(time -> time.time(properties.refreshInterval()))))
                        .mappings(mappings)));
        return mappings;
    }

    /**
     * The mapping, with the {@code english} sub-fields of title and body (stemming, English stop
     * words) only where the cluster has that analyzer: a node without the analysis-common module
     * lacks it, and a mapping naming it would be refused, so the index falls back to the standard
     * analyzer rather than failing to start.
     */
    static TypeMapping mappings(boolean withLanguageAnalyzer) throws IOException {
        JsonNode tree;
        try (InputStream json = ArticleIndex.class.getResourceAsStream(MAPPINGS)) {
            tree = EventJson.mapper().readTree(json);
        }
        if (!withLanguageAnalyzer) {
            for (String field : List.of("title", "body")) {
                if (tree.path("properties").path(field).get("fields") instanceof ObjectNode fields) {
                    fields.remove(LANGUAGE_ANALYZER);
                }
            }
        }
        String json = EventJson.mapper().writeValueAsString(tree);
        return TypeMapping.of(m -> m.withJson(new StringReader(json)));
    }

    private boolean hasAnalyzer(String analyzer) throws IOException {
        try {
            client.indices().analyze(a -> a.analyzer(analyzer).text("news"));
            return true;
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            log.warn("The cluster has no '{}' analyzer ({}): title and body get the standard analyzer only",
                    analyzer, e.getMessage());
            return false;
        }
    }

    /**
     * Writes the batch in one {@code _bulk} call and says what happened to each item, in order.
     *
     * @throws IOException when the cluster could not be reached (nothing is known to be written)
     */
    public List<Outcome> write(List<Write> writes) throws IOException {
        if (writes.isEmpty()) {
            return List.of();
        }
        Instant now = clock.instant();
        List<BulkOperation> operations = new ArrayList<>(writes.size());
        for (Write write : writes) {
            if (write instanceof Write.Upsert upsert) {
                ArticleDocument document = ArticleDocument.of(upsert.article(), now);
                operations.add(BulkOperation.of(op -> op.index(i -> i
                        .index(target)
                        .id(document.id())
                        .version(document.revision())
                        .versionType(VersionType.ExternalGte)
                        .document(document))));
            } else {
                String id = ((Write.Delete) write).id();
                operations.add(BulkOperation.of(op -> op.delete(d -> d.index(target).id(id))));
            }
        }
        BulkResponse response = client.bulk(b -> b.operations(operations));
        List<Outcome> outcomes = new ArrayList<>(writes.size());
        for (BulkResponseItem item : response.items()) {
            outcomes.add(Outcome.of(item.status(), item.error()));
        }
        return outcomes;
    }

    /**
     * Sets {@code copies.count} on the articles among {@code ids} that have copies in the index
     * (documents whose {@code duplicateOf.id} names them), where it differs from what they say:
     * one aggregation and one bulk of partial updates. The count is read from the index, never
     * incremented, so running this again, late, or for an article twice is harmless. The index
     * is refreshed first: the copies were acknowledged a moment ago, and a count taken before
     * they are searchable would be wrong with nothing left to correct it (one refresh per round,
     * every few seconds, costs less than the 1 s refresh interval already does).
     *
     * @param ids          articles whose counts may have changed
     * @param mayHaveNone  those of them that may have lost their last copy (a correction
     *                     re-pointed them): set to 0 when they have none; the others are only
     *                     looked at when they have copies, which spares a read of every article
     * @return the ids that have copies but are not in the index (yet): to count again later
     * @throws IOException when the cluster could not be reached or refused an update
     */
    public Set<String> recountCopies(Collection<String> ids, Set<String> mayHaveNone) throws IOException {
        if (ids.isEmpty()) {
            return Set.of();
        }
        client.indices().refresh(r -> r.index(target));
        List<FieldValue> values = ids.stream().map(FieldValue::of).toList();
        var counts = client.search(s -> s.index(target).size(0)
                .query(q -> q.terms(t -> t.field("duplicateOf.id").terms(v -> v.value(values))))
                .aggregations("originals", a -> a.terms(t -> t.field("duplicateOf.id").size(ids.size()))), Void.class);
        Map<String, Long> copies = new LinkedHashMap<>();
        counts.aggregations().get("originals").sterms().buckets().array()
                .forEach(b -> copies.put(b.key().stringValue(), b.docCount()));
        ids.stream().filter(mayHaveNone::contains).forEach(id -> copies.putIfAbsent(id, 0L));
        if (copies.isEmpty()) {
            return Set.of();
        }
        List<String> originals = List.copyOf(copies.keySet());
        var current = client.mget(m -> m.index(target).ids(originals).sourceIncludes("copies.count"), JsonNode.class);
        Set<String> missing = new LinkedHashSet<>();
        List<BulkOperation> updates = new ArrayList<>();
        for (var item : current.docs()) {
            if (!item.isResult() || !item.result().found()) {
                String id = item.isResult() ? item.result().id() : item.failure().id();
                if (copies.get(id) > 0) {
                    missing.add(id);
                }
                continue;
            }
            var doc = item.result();
            long count = copies.get(doc.id());
            long known = doc.source() == null ? -1 : doc.source().path("copies").path("count").asLong(-1);
            if (known != count && !(count == 0 && known <= 0)) {
                updates.add(BulkOperation.of(op -> op.update(u -> u.index(target).id(doc.id()).retryOnConflict(3)
                        .action(a -> a.doc(Map.of("copies", Map.of("count", count)))))));
            }
        }
        if (!updates.isEmpty()) {
            BulkResponse response = client.bulk(b -> b.operations(updates));
            for (BulkResponseItem item : response.items()) {
                if (item.status() == 404) {
                    missing.add(item.id());
                } else if (item.error() != null) {
                    throw new IOException("counting the copies of " + item.id() + ": " + item.status() + " "
                            + item.error().type() + ": " + item.error().reason());
                }
            }
        }
        return missing;
    }

    /**
     * Applies a {@link DuplicateCorrection}: the article names its new original, and the copies
     * that named the article as their original name the new one instead (their similarity stays
     * the one measured against the article: the new original is a near-copy of it). Partial
     * updates, like the copy counts: each adds one to a document's version, while the revisions
     * of two posts of an article are thousands apart, so a later post still replaces it. The
     * index is refreshed first so that copies written a moment ago are found; corrections are
     * rare (a late original), so this costs little.
     *
     * @return false if the article is not in the index (not yet, or no more)
     * @throws IOException when the cluster could not be reached or refused an update
     */
    public boolean correct(DuplicateCorrection correction) throws IOException {
        String original = correction.duplicateOf().id();
        try {
            client.update(u -> u.index(target).id(correction.id()).retryOnConflict(3)
                    .doc(Map.of("duplicateOf", Map.of("id", original,
                            "similarity", correction.duplicateOf().similarity()))), JsonNode.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return false;
            }
            throw e;
        }
        client.indices().refresh(r -> r.index(target));
        var copies = client.search(s -> s.index(target).size(MAX_REPOINTED).source(src -> src.fetch(false))
                .query(q -> q.term(t -> t.field("duplicateOf.id").value(correction.id()))), Void.class);
        List<BulkOperation> updates = new ArrayList<>();
        for (var hit : copies.hits().hits()) {
            if (!hit.id().equals(original)) {
                updates.add(BulkOperation.of(op -> op.update(up -> up.index(target).id(hit.id()).retryOnConflict(3)
                        .action(a -> a.doc(Map.of("duplicateOf", Map.of("id", original)))))));
            }
        }
        if (!updates.isEmpty()) {
            BulkResponse response = client.bulk(b -> b.operations(updates));
            for (BulkResponseItem item : response.items()) {
                if (item.error() != null && item.status() != 404) {
                    throw new IOException("re-pointing the copy " + item.id() + ": " + item.status() + " "
                            + item.error().type() + ": " + item.error().reason());
                }
            }
        }
        if (copies.hits().total() != null && copies.hits().total().value() > MAX_REPOINTED) {
            log.warn("{} has {} copies; {} were re-pointed to {}", correction.id(), copies.hits().total().value(),
                    MAX_REPOINTED, original);
        }
        return true;
    }

    /** The concrete index the alias writes to, or null if there is no alias yet. */
    public String currentIndex() throws IOException {
        if (!client.indices().existsAlias(a -> a.name(properties.alias())).value()) {
            return null;
        }
        var indices = client.indices().getAlias(a -> a.name(properties.alias())).result();
        return indices.entrySet().stream()
                .filter(entry -> Boolean.TRUE.equals(entry.getValue().aliases().get(properties.alias()).isWriteIndex())
                        || indices.size() == 1)
                .map(java.util.Map.Entry::getKey).findFirst().orElse(null);
    }

    /**
     * Creates a new concrete index for a rebuild: the template gives it this version's mapping;
     * refreshes and replicas are off while it fills (see {@link #finishBuilding}).
     *
     * @throws IllegalStateException if it exists already
     */
    public void createForBuilding(String index) throws IOException {
        if (client.indices().exists(e -> e.index(index)).value()) {
            throw new IllegalStateException("Index " + index + " exists already; delete it or choose another version");
        }
        putTemplate();
        client.indices().create(c -> c.index(index).settings(settings -> settings
                .refreshInterval(Time.of(time -> time.time("-1"))).numberOfReplicas("0")));
    }

    /** Restores the configured refresh interval and replicas of a rebuilt index, and refreshes it. */
    public void finishBuilding(String index) throws IOException {
        client.indices().putSettings(p -> p.index(index).settings(settings -> settings
                .refreshInterval(Time.of(time -> time.time(properties.refreshInterval())))
                .numberOfReplicas(String.valueOf(properties.replicas()))));
        client.indices().refresh(r -> r.index(index));
    }

    /** Points the alias at {@code to} instead of {@code from}, in one atomic step. */
    public void swapAlias(String from, String to) throws IOException {
        client.indices().updateAliases(u -> {
            if (from != null) {
                u.actions(a -> a.remove(remove -> remove.index(from).alias(properties.alias())));
            }
            return u.actions(a -> a.add(add -> add.index(to).alias(properties.alias()).isWriteIndex(true)));
        });
    }

    /** The concrete index name of a mapping version. */
    public String versionedName(int version) {
        return properties.alias() + "-v" + version;
    }

    /** One write of a bulk. */
    public sealed interface Write {

        /** Index this revision of an article, unless a newer one is already there. */
        record Upsert(ArticleEnriched article) implements Write {
        }

        /** Remove the article (the publisher retracted it). */
        record Delete(String id) implements Write {
        }
    }

    /**
     * What Elasticsearch did with one item.
     *
     * @param kind   what to do about it
     * @param status the item's HTTP status
     * @param type   Elasticsearch's error type, when it failed
     * @param reason Elasticsearch's error reason, when it failed
     */
    public record Outcome(Kind kind, int status, String type, String reason) {

        /**
         * Classifies an item once, for every caller: only a 400 (the document itself is at
         * fault: a mapping or parse error) is refused for good; a 409 is an older revision;
         * everything else, 429, 5xx and also 403 {@code cluster_block_exception} (a write block
         * during maintenance, or the disk flood-stage watermark) or a 404 for a missing index,
         * is the cluster's state, not the document's, and may pass: retry.
         */
        static Outcome of(int status, ErrorCause error) {
            Kind kind;
            if (status < 300 || (status == 404 && error == null)) {
                kind = Kind.WRITTEN;
            } else if (status == 409) {
                kind = Kind.STALE;
            } else if (status == 400) {
                kind = Kind.REJECTED;
            } else {
                kind = Kind.RETRY;
            }
            return new Outcome(kind, status, error == null ? null : error.type(),
                    error == null ? null : error.reason());
        }
    }

    /** How to treat an item's outcome. */
    public enum Kind {
        /** Written (or, for a delete, already absent). */
        WRITTEN,
        /** A newer revision is already indexed: dropped on purpose. */
        STALE,
        /** Elasticsearch cannot take it now (overloaded, failing, blocking writes): try again later. */
        RETRY,
        /** Elasticsearch refuses this document for good (mapping or parse error): dead-letter it. */
        REJECTED
    }
}
