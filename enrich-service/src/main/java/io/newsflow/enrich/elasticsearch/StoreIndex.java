package io.newsflow.enrich.elasticsearch;

import io.newsflow.contracts.EventJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NStringEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Elasticsearch index that a store of the linking step owns (the duplicate keys, the
 * stories): created when first needed, and called with the few request shapes those stores use
 * (bulk, mget, search, refresh), over the low-level client with plain JSON, since three or four
 * shapes do not need the typed client's model classes. Every failure is raised as the store's own
 * exception, which rolls the poll back to be retried.
 */
public final class StoreIndex {

    private static final Logger log = LoggerFactory.getLogger(StoreIndex.class);

    /** Makes the owning store's exception. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException of(String message, Throwable cause);
    }

    private final RestClient client;
    private final String name;
    private final String settingsAndMappings;
    private final Failure failure;
    /** Replicas of the index when created here; -1 until {@link #createIfMissing} is called. */
    private volatile int replicas = -1;
    private volatile boolean ready;

    /** @param settingsAndMappings the body that creates the index, without its number of replicas */
    public StoreIndex(RestClient client, String name, String settingsAndMappings, Failure failure) {
        this.client = client;
        this.name = name;
        this.settingsAndMappings = settingsAndMappings;
        this.failure = failure;
    }

    public String name() {
        return name;
    }

    /**
     * Creates the index if it is missing (several instances may race: an existing index is fine),
     * now if Elasticsearch answers, else before the first read or write: a service that starts
     * before Elasticsearch does must not fail, only wait (its polls are retried until it answers).
     */
    public void createIfMissing(int replicas) {
        this.replicas = replicas;
        try {
            ensure();
        } catch (RuntimeException e) {
            log.warn("{}; it will be created before the first use", e.getMessage());
        }
    }

    /**
     * Makes sure the index exists and its shard answers. One thread at a time: the consumer threads
     * of a fresh instance all come here with their first poll, and while one was creating the index
     * another saw it exist (its metadata does as soon as the creation starts), searched it before
     * its shard had started, failed and rolled back a whole poll of enriched articles (seen on every
     * fresh stack: ten seconds without an article enriched). The creation itself waits for the
     * primary shard ({@code wait_for_active_shards}, Elasticsearch's default of one).
     */
    private void ensure() {
        if (ready || replicas < 0) {
            return;
        }
        synchronized (this) {
            if (ready) {
                return;
            }
            try {
                if (client.performRequest(new Request("HEAD", "/" + name)).getStatusLine().getStatusCode() == 200) {
                    ready = true;
                    return;
                }
                Request create = new Request("PUT", "/" + name);
                ObjectNode body = (ObjectNode) EventJson.mapper().readTree(settingsAndMappings);
                ((ObjectNode) body.get("settings").get("index")).put("number_of_replicas", replicas);
                create.setEntity(new NStringEntity(body.toString(), ContentType.APPLICATION_JSON));
                JsonNode created = EventJson.mapper().readTree(client.performRequest(create).getEntity().getContent());
                if (!created.path("shards_acknowledged").asBoolean(false)) {
                    throw failure.of("index " + name + " was created but its shard had not started in time", null);
                }
                ready = true;
            } catch (ResponseException e) {
                if (!e.getMessage().contains("resource_already_exists_exception")) {
                    throw failure.of("could not create index " + name + ": " + e.getMessage(), e);
                }
                ready = true;
            } catch (IOException e) {
                throw failure.of("could not create index " + name + ": " + e.getMessage(), e);
            }
        }
    }

    /**
     * {@code POST /<index>/<endpoint>} with a JSON (or, for {@code _bulk} and {@code _msearch},
     * NDJSON) body, or none; its answer.
     */
    public JsonNode post(String endpoint, String body, Map<String, String> parameters) {
        ensure();
        Request request = new Request("POST", "/" + name + "/" + endpoint);
        parameters.forEach(request::addParameter);
        if (body != null) {
            boolean lines = endpoint.equals("_bulk") || endpoint.equals("_msearch");
            request.setEntity(new NStringEntity(body, lines
                    ? ContentType.create("application/x-ndjson", StandardCharsets.UTF_8) : ContentType.APPLICATION_JSON));
        }
        try {
            return EventJson.mapper().readTree(client.performRequest(request).getEntity().getContent());
        } catch (IOException e) {
            throw failure.of("could not call " + endpoint + " on " + name + ": " + e.getMessage(), e);
        }
    }

    /** The results of a {@code _bulk} of {@code lines}, one per action, in order (status, error). */
    public List<JsonNode> bulk(CharSequence lines) {
        List<JsonNode> results = new ArrayList<>();
        if (lines.isEmpty()) {
            return results;
        }
        JsonNode answer = post("_bulk", lines.toString(),
                Map.of("filter_path", "items.*.status,items.*.error.type,items.*.error.reason"));
        answer.path("items").forEach(item -> results.add(item.values().iterator().next()));
        return results;
    }

    /**
     * The documents with these ids that exist (their {@code _id}, {@code _source}, {@code _seq_no},
     * {@code _primary_term}), read in real time; {@code sourceField}, if given, limits the source.
     */
    public List<JsonNode> mget(Collection<String> ids, String sourceField) {
        List<JsonNode> found = new ArrayList<>();
        if (ids.isEmpty()) {
            return found;
        }
        ObjectNode body = EventJson.mapper().createObjectNode();
        ids.forEach(body.putArray("ids")::add);
        JsonNode answer = post("_mget", body.toString(), sourceField == null ? Map.of() : Map.of("_source", sourceField));
        answer.path("docs").forEach(doc -> {
            if (doc.path("found").asBoolean()) {
                found.add(doc);
            }
        });
        return found;
    }

    /** A bulk action line for the document {@code id}. */
    public static String action(String op, String id) {
        return "{\"" + op + "\":{\"_id\":" + EventJson.mapper().writeValueAsString(id) + "}}\n";
    }

    /** What a failed bulk item says: {@code 400 type: reason}. */
    public static String error(JsonNode result) {
        return result.path("status").asInt() + " " + result.path("error").path("type").asString() + ": "
                + result.path("error").path("reason").asString();
    }
}
