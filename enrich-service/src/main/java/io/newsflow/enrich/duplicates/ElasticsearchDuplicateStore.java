package io.newsflow.enrich.duplicates;

import io.newsflow.contracts.EventJson;
import io.newsflow.enrich.elasticsearch.StoreIndex;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The linker's memory in one Elasticsearch index ({@code news-duplicates} by default), read only
 * by get by id, which is realtime: a key claimed by one instance is seen by the next read of any
 * instance, without waiting for a refresh. Two kinds of documents:
 *
 * <ul>
 *   <li>{@code a:<article id>}: when it appeared, its MinHash signature (base64), the original it
 *       points at, the story it was put in (so that its copies join that story);</li>
 *   <li>{@code b:<band key>}: the article that claimed the key first, written with
 *       {@code op_type=create}, so a claim is never overwritten (a 409 is the expected answer
 *       for a key already held) and no script runs on the write path.</li>
 * </ul>
 *
 * <p>Both carry {@code at} (when the article appeared) and {@code seen} (when it was stored), the
 * only indexed field, by which {@link #expire} deletes what has left the window. Requests go through {@link StoreIndex}.
 *
 * <p>Failures (Elasticsearch unreachable, a bulk item failing for any reason but a held claim) are
 * thrown: the poll is rolled back and retried after a back-off, so an outage delays enrichment but
 * never publishes an article unlinked.
 */
public final class ElasticsearchDuplicateStore implements DuplicateLinker.Store {

    private static final String MAPPINGS = """
            {"settings": {"index": {"number_of_shards": 1, "refresh_interval": "30s"}},
             "mappings": {"dynamic": false, "properties": {"seen": {"type": "date", "format": "epoch_millis"}}}}""";

    /** Documents deleted per request when expiring, and the most pages one expiry run goes through. */
    private static final int EXPIRY_PAGE = 1_000;
    private static final int MAX_EXPIRY_PAGES = 1_000;

    private final StoreIndex index;
    private final Clock clock;

    public ElasticsearchDuplicateStore(RestClient client, String index, Clock clock) {
        this.index = new StoreIndex(client, index, MAPPINGS, DuplicateStoreException::new);
        this.clock = clock;
    }

    /** See {@link StoreIndex#createIfMissing}: never fails for Elasticsearch being away. */
    public void createIndexIfMissing(int replicas) {
        index.createIfMissing(replicas);
    }

    @Override
    public void register(List<DuplicateLinker.Registration> registrations) {
        long seen = clock.millis();
        StringBuilder bulk = new StringBuilder();
        for (DuplicateLinker.Registration r : registrations) {
            DuplicateLinker.Entry entry = r.entry();
            bulk.append(StoreIndex.action("index", "a:" + entry.id())).append(entry(entry, seen)).append('\n');
            for (String key : r.bandKeys()) {
                ObjectNode claim = EventJson.mapper().createObjectNode().put("id", entry.id()).put("at", entry.at())
                        .put("seen", seen);
                bulk.append(StoreIndex.action("create", "b:" + key)).append(claim).append('\n');
            }
        }
        bulk(bulk);
    }

    /**
     * One partial update per article, with its new original, its story or both (what else the
     * entry holds stays); an article without an entry (too short) is skipped.
     */
    @Override
    public void record(Map<String, DuplicateLinker.Entry> repointed, Map<String, String> storyByArticle) {
        Map<String, ObjectNode> changes = new LinkedHashMap<>();
        repointed.values().forEach(e -> changes.computeIfAbsent(e.id(), id -> EventJson.mapper().createObjectNode())
                .put("original", e.original()).put("originalAt", e.originalAt()));
        storyByArticle.forEach((article, story) -> changes.computeIfAbsent(article,
                id -> EventJson.mapper().createObjectNode()).put("story", story));
        StringBuilder bulk = new StringBuilder();
        changes.forEach((article, fields) -> update(bulk, article, fields));
        bulk(bulk);
    }

    @Override
    public Map<String, String> stories(Collection<String> ids) {
        Map<String, String> stories = new HashMap<>();
        sources(ids.stream().map(id -> "a:" + id).toList(), "story").forEach((id, source) -> {
            if (source.hasNonNull("story")) {
                stories.put(id.substring(2), source.get("story").asString());
            }
        });
        return stories;
    }

    @Override
    public Map<String, String> holders(Collection<String> bandKeys) {
        Map<String, String> holders = new HashMap<>();
        sources(bandKeys.stream().map(k -> "b:" + k).toList(), "id").forEach((id, source) ->
                holders.put(id.substring(2), source.get("id").asString()));
        return holders;
    }

    @Override
    public Map<String, DuplicateLinker.Entry> entries(Collection<String> ids) {
        Map<String, DuplicateLinker.Entry> entries = new HashMap<>();
        sources(ids.stream().map(id -> "a:" + id).toList(), null).forEach((id, source) -> {
            JsonNode original = source.get("original");
            JsonNode story = source.get("story");
            entries.put(id.substring(2), new DuplicateLinker.Entry(id.substring(2), source.get("at").asLong(),
                    signature(source.get("signature").asString()),
                    original == null || original.isNull() ? null : original.asString(),
                    source.has("originalAt") ? source.get("originalAt").asLong() : 0,
                    story == null || story.isNull() ? null : story.asString()));
        });
        return entries;
    }

    /**
     * Deletes every document written before {@code now - window} (by when it was stored, not when
     * its article was published: copies of an old article posted today still find each other for
     * a window); returns how many. Searches for them a page at a time and deletes the page by id,
     * refreshing in between, rather than with {@code _delete_by_query}: that lives in
     * Elasticsearch's reindex module, which the distribution run locally and in the tests does not
     * have.
     */
    public long expire(Duration window) {
        long cutoff = clock.millis() - window.toMillis();
        long deleted = 0;
        for (int page = 0; page < MAX_EXPIRY_PAGES; page++) {
            index.post("_refresh", null, Map.of());
            JsonNode hits = index.post("_search", "{\"size\":" + EXPIRY_PAGE + ",\"_source\":false,\"query\":"
                    + "{\"range\":{\"seen\":{\"lt\":" + cutoff + "}}}}", Map.of("filter_path", "hits.hits._id"))
                    .path("hits").path("hits");
            if (hits.isEmpty()) {
                break;
            }
            StringBuilder bulk = new StringBuilder();
            hits.forEach(hit -> bulk.append(StoreIndex.action("delete", hit.get("_id").asString())));
            bulk(bulk);
            deleted += hits.size();
        }
        return deleted;
    }

    private static void update(StringBuilder bulk, String articleId, ObjectNode fields) {
        bulk.append(StoreIndex.action("update", "a:" + articleId))
                .append(EventJson.mapper().createObjectNode().set("doc", fields)).append('\n');
    }

    /** Writes; every item must succeed but for a key already held (409) or an entry that is not there (404). */
    private void bulk(StringBuilder lines) {
        for (JsonNode result : index.bulk(lines)) {
            int status = result.path("status").asInt();
            if (status >= 300 && status != 409 && status != 404) {
                throw new DuplicateStoreException("could not write to " + index.name() + ": " + StoreIndex.error(result),
                        null);
            }
        }
    }

    /** The sources of the documents found, by document id; {@code field} limits the source to one field. */
    private Map<String, JsonNode> sources(List<String> ids, String field) {
        Map<String, JsonNode> found = new HashMap<>();
        index.mget(ids, field).forEach(doc -> found.put(doc.get("_id").asString(), doc.path("_source")));
        return found;
    }

    private String entry(DuplicateLinker.Entry entry, long seen) {
        ObjectNode source = EventJson.mapper().createObjectNode().put("at", entry.at()).put("seen", seen)
                .put("signature", signature(entry.signature()));
        if (entry.original() != null) {
            source.put("original", entry.original()).put("originalAt", entry.originalAt());
        }
        return source.toString();
    }

    static String signature(int[] values) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * 4);
        for (int v : values) {
            bytes.putInt(v);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    static int[] signature(String base64) {
        ByteBuffer bytes = ByteBuffer.wrap(Base64.getDecoder().decode(base64));
        int[] values = new int[bytes.remaining() / 4];
        for (int i = 0; i < values.length; i++) {
            values[i] = bytes.getInt();
        }
        return values;
    }

    /** The store could not be read or written; the batch is retried. */
    public static final class DuplicateStoreException extends RuntimeException {
        DuplicateStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
