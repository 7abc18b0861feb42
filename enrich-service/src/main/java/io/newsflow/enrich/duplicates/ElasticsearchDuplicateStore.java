package io.newsflow.enrich.duplicates;

import io.newsflow.contracts.EventJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
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
 * only indexed field, by which {@link #expire} deletes what has left the window. Written with the low-level client and plain JSON: four request shapes (bulk, mget,
 * search, refresh) do not need the typed client's model classes in this service.
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

    private final RestClient client;
    private final String index;
    private final Clock clock;

    public ElasticsearchDuplicateStore(RestClient client, String index, Clock clock) {
        this.client = client;
        this.index = index;
        this.clock = clock;
    }

    /** Replicas of the index when this store creates it; -1 until {@link #createIndexIfMissing} is called. */
    private volatile int replicas = -1;
    private volatile boolean indexReady;

    /**
     * Creates the index if it is missing (several instances may race: an existing index is fine),
     * now if Elasticsearch answers, else before the first read or write: a service that starts
     * before Elasticsearch does must not fail, only wait (its polls are retried until it answers).
     */
    public void createIndexIfMissing(int replicas) {
        this.replicas = replicas;
        try {
            ensureIndex();
        } catch (DuplicateStoreException e) {
            org.slf4j.LoggerFactory.getLogger(getClass()).warn("{}; it will be created before the first use", e.getMessage());
        }
    }

    private void ensureIndex() {
        if (indexReady || replicas < 0) {
            return;
        }
        try {
            if (client.performRequest(new Request("HEAD", "/" + index)).getStatusLine().getStatusCode() == 200) {
                indexReady = true;
                return;
            }
            Request create = new Request("PUT", "/" + index);
            ObjectNode body = (ObjectNode) EventJson.mapper().readTree(MAPPINGS);
            ((ObjectNode) body.get("settings").get("index")).put("number_of_replicas", replicas);
            create.setEntity(json(body.toString()));
            client.performRequest(create);
            indexReady = true;
        } catch (ResponseException e) {
            if (e.getMessage().contains("resource_already_exists_exception")) {
                indexReady = true;
            } else {
                throw new DuplicateStoreException("could not create index " + index + ": " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw new DuplicateStoreException("could not create index " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void register(List<DuplicateLinker.Registration> registrations) {
        long seen = clock.millis();
        StringBuilder bulk = new StringBuilder();
        for (DuplicateLinker.Registration r : registrations) {
            DuplicateLinker.Entry entry = r.entry();
            bulk.append(action("index", "a:" + entry.id())).append(entry(entry, seen)).append('\n');
            for (String key : r.bandKeys()) {
                ObjectNode claim = EventJson.mapper().createObjectNode().put("id", entry.id()).put("at", entry.at())
                        .put("seen", seen);
                bulk.append(action("create", "b:" + key)).append(claim).append('\n');
            }
        }
        bulk(bulk);
    }

    @Override
    public void repoint(Map<String, DuplicateLinker.Entry> entries) {
        StringBuilder bulk = new StringBuilder();
        // partial: what else the entry holds (the article's story) stays
        entries.values().forEach(e -> bulk.append(action("update", "a:" + e.id())).append(EventJson.mapper()
                .createObjectNode().set("doc", EventJson.mapper().createObjectNode().put("original", e.original())
                        .put("originalAt", e.originalAt()))).append('\n'));
        bulk(bulk);
    }

    @Override
    public Map<String, String> stories(Collection<String> ids) {
        Map<String, String> stories = new HashMap<>();
        mget(ids.stream().map(id -> "a:" + id).toList(), "story").forEach((id, source) -> {
            if (source.hasNonNull("story")) {
                stories.put(id.substring(2), source.get("story").asString());
            }
        });
        return stories;
    }

    /** Partial updates of the articles' entries; an article without an entry (too short) is skipped. */
    @Override
    public void recordStories(Map<String, String> storyByArticle) {
        StringBuilder bulk = new StringBuilder();
        storyByArticle.forEach((article, story) -> bulk.append(action("update", "a:" + article))
                .append(EventJson.mapper().createObjectNode().set("doc",
                        EventJson.mapper().createObjectNode().put("story", story))).append('\n'));
        bulk(bulk);
    }

    @Override
    public Map<String, String> holders(Collection<String> bandKeys) {
        Map<String, String> holders = new HashMap<>();
        mget(bandKeys.stream().map(k -> "b:" + k).toList(), "id").forEach((id, source) ->
                holders.put(id.substring(2), source.get("id").asString()));
        return holders;
    }

    @Override
    public Map<String, DuplicateLinker.Entry> entries(Collection<String> ids) {
        Map<String, DuplicateLinker.Entry> entries = new HashMap<>();
        mget(ids.stream().map(id -> "a:" + id).toList(), null).forEach((id, source) -> {
            JsonNode original = source.get("original");
            entries.put(id.substring(2), new DuplicateLinker.Entry(id.substring(2), source.get("at").asLong(),
                    signature(source.get("signature").asString()),
                    original == null || original.isNull() ? null : original.asString(),
                    source.has("originalAt") ? source.get("originalAt").asLong() : 0));
        });
        return entries;
    }

    /**
     * Deletes every document written before {@code now - window} (by when it was stored, not when
     * its article was published: copies of an old article posted today still find each other for
     * a window); returns how many. Searches
     * for them a page at a time and deletes the page by id, refreshing in between, rather than with
     * {@code _delete_by_query}: that lives in Elasticsearch's reindex module, which the distribution
     * run locally and in the tests does not have.
     */
    public long expire(Duration window) {
        ensureIndex();
        long cutoff = clock.millis() - window.toMillis();
        long deleted = 0;
        try {
            for (int page = 0; page < MAX_EXPIRY_PAGES; page++) {
                client.performRequest(new Request("POST", "/" + index + "/_refresh"));
                Request search = new Request("POST", "/" + index + "/_search");
                search.addParameter("filter_path", "hits.hits._id");
                search.setEntity(json("{\"size\":" + EXPIRY_PAGE + ",\"_source\":false,\"query\":{\"range\":{\"seen\":"
                        + "{\"lt\":" + cutoff + "}}}}"));
                StringBuilder bulk = new StringBuilder();
                int found = 0;
                for (JsonNode hit : read(client.performRequest(search)).path("hits").path("hits")) {
                    bulk.append(action("delete", hit.get("_id").asString()));
                    found++;
                }
                if (found == 0) {
                    break;
                }
                bulk(bulk);
                deleted += found;
            }
        } catch (IOException e) {
            throw new DuplicateStoreException("could not expire old entries: " + e.getMessage(), e);
        }
        return deleted;
    }

    private void bulk(StringBuilder body) {
        if (body.isEmpty()) {
            return;
        }
        ensureIndex();
        Request request = new Request("POST", "/" + index + "/_bulk");
        request.addParameter("filter_path", "errors,items.*.status,items.*.error.type,items.*.error.reason");
        request.setEntity(new NStringEntity(body.toString(), ContentType.create("application/x-ndjson",
                StandardCharsets.UTF_8)));
        JsonNode response;
        try {
            response = read(client.performRequest(request));
        } catch (IOException e) {
            throw new DuplicateStoreException("could not write to " + index + ": " + e.getMessage(), e);
        }
        if (!response.path("errors").asBoolean()) {
            return;
        }
        for (JsonNode item : response.path("items")) {
            JsonNode result = item.values().iterator().next();
            int status = result.path("status").asInt();
            if (status >= 300 && status != 409 && status != 404) { // 409: a key held; 404: no entry to update
                throw new DuplicateStoreException("could not write to " + index + ": " + status + " "
                        + result.path("error").path("type").asString() + ": "
                        + result.path("error").path("reason").asString(), null);
            }
        }
    }

    /** The sources of the documents found, by document id; {@code field} limits the source to one field. */
    private Map<String, JsonNode> mget(List<String> ids, String field) {
        Map<String, JsonNode> found = new HashMap<>();
        if (ids.isEmpty()) {
            return found;
        }
        ensureIndex();
        Request request = new Request("POST", "/" + index + "/_mget");
        request.addParameter("filter_path", "docs._id,docs._source");
        if (field != null) {
            request.addParameter("_source", field);
        }
        ObjectNode body = EventJson.mapper().createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        request.setEntity(json(body.toString()));
        try {
            for (JsonNode doc : read(client.performRequest(request)).path("docs")) {
                if (doc.has("_source")) {
                    found.put(doc.get("_id").asString(), doc.get("_source"));
                }
            }
        } catch (IOException e) {
            throw new DuplicateStoreException("could not read from " + index + ": " + e.getMessage(), e);
        }
        return found;
    }

    private static String action(String op, String id) {
        return "{\"" + op + "\":{\"_id\":" + EventJson.mapper().writeValueAsString(id) + "}}\n";
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

    private static NStringEntity json(String body) {
        return new NStringEntity(body, ContentType.APPLICATION_JSON);
    }

    private static JsonNode read(Response response) throws IOException {
        return EventJson.mapper().readTree(response.getEntity().getContent());
    }

    /** The store could not be read or written; the batch is retried. */
    public static final class DuplicateStoreException extends RuntimeException {
        DuplicateStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
