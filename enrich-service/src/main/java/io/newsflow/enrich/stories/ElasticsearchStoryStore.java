package io.newsflow.enrich.stories;

import io.newsflow.contracts.EventJson;
import io.newsflow.enrich.elasticsearch.StoreIndex;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.elasticsearch.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The stories in the Elasticsearch index {@code news-stories}: one document per story, the public
 * {@code Story} fields (what dashboards read: label, first and last seen, counts, sources,
 * entities, countries, topics, tone, {@code mergedInto}) plus what clustering needs ({@code
 * features}, the keyword list stories are found by; the centroid, the article and merged ids,
 * not indexed). Candidates are found by one {@code _msearch} per poll (near-realtime: refreshed
 * every second); stories are read by id (realtime) and written with {@code if_seq_no}, or
 * {@code op_type=create} when new, so that concurrent changes are refused rather than lost.
 */
public final class ElasticsearchStoryStore implements StoryClusterer.Store {

    private static final String MAPPINGS = """
            {"settings": {"index": {"number_of_shards": 1, "refresh_interval": "1s"}},
             "mappings": {"dynamic": false, "properties": {
               "id": {"type": "keyword"},
               "label": {"type": "text", "fields": {"keyword": {"type": "keyword", "ignore_above": 512}}},
               "labelArticleId": {"type": "keyword"},
               "firstSeen": {"type": "date"}, "lastSeen": {"type": "date"}, "updatedAt": {"type": "date"},
               "articleCount": {"type": "integer"},
               "sources": {"properties": {"value": {"type": "keyword", "ignore_above": 1024}, "count": {"type": "integer"}}},
               "entities": {"properties": {"value": {"type": "keyword", "ignore_above": 1024}, "count": {"type": "integer"}}},
               "countries": {"properties": {"value": {"type": "keyword"}, "count": {"type": "integer"}}},
               "topics": {"properties": {"value": {"type": "keyword", "ignore_above": 1024}, "count": {"type": "integer"}}},
               "tone": {"type": "half_float"},
               "mergedInto": {"type": "keyword"},
               "features": {"type": "keyword", "ignore_above": 1024}}}}""";

    /** The fields candidates are read with. */
    private static final List<String> LIGHT = List.of("firstSeen", "lastSeen", "centroid", "mergedInto",
            "articleCount");

    private final StoreIndex index;

    public ElasticsearchStoryStore(RestClient client, String index) {
        this.index = new StoreIndex(client, index, MAPPINGS, StoryStoreException::new);
    }

    public String index() {
        return index.name();
    }

    /** See {@link StoreIndex#createIfMissing}: never fails for Elasticsearch being away. */
    public void createIndexIfMissing(int replicas) {
        index.createIfMissing(replicas);
    }

    @Override
    public List<List<StoryState>> candidates(List<StoryClusterer.Probe> probes, Duration window, int limit) {
        StringBuilder body = new StringBuilder();
        List<Integer> asked = new ArrayList<>();
        for (int i = 0; i < probes.size(); i++) {
            StoryClusterer.Probe probe = probes.get(i);
            if (probe.features().isEmpty()) {
                continue;
            }
            asked.add(i);
            ObjectNode query = EventJson.mapper().createObjectNode();
            query.put("size", limit).put("seq_no_primary_term", true).put("track_total_hits", false);
            LIGHT.forEach(query.putArray("_source")::add); // what deciding needs; the chosen are read whole
            ObjectNode bool = query.putObject("query").putObject("bool");
            ArrayNode filter = bool.putArray("filter");
            filter.addObject().putObject("range").putObject("lastSeen")
                    .put("gte", Instant.ofEpochMilli(probe.at()).minus(window).toString());
            filter.addObject().putObject("range").putObject("firstSeen")
                    .put("lte", Instant.ofEpochMilli(probe.at()).plus(window).toString());
            bool.putArray("must_not").addObject().putObject("exists").put("field", "mergedInto");
            ArrayNode should = bool.putArray("should");
            probe.features().forEach(f -> should.addObject().putObject("term").put("features", f));
            bool.put("minimum_should_match", 1);
            body.append("{}\n").append(query).append('\n');
        }
        List<List<StoryState>> found = new ArrayList<>();
        probes.forEach(p -> found.add(List.of()));
        if (asked.isEmpty()) {
            return found;
        }
        JsonNode responses = index.post("_msearch", body.toString(), Map.of()).path("responses");
        for (int k = 0; k < asked.size(); k++) {
            JsonNode answer = responses.get(k);
            if (answer == null || answer.has("error")) {
                throw new StoryStoreException("could not search " + index.name() + ": "
                        + (answer == null ? "no answer" : answer.get("error")), null);
            }
            List<StoryState> stories = new ArrayList<>();
            for (JsonNode hit : answer.path("hits").path("hits")) {
                stories.add(state(hit));
            }
            found.set(asked.get(k), stories);
        }
        return found;
    }

    @Override
    public Map<String, StoryState> get(Collection<String> ids) {
        Map<String, StoryState> stories = new LinkedHashMap<>();
        index.mget(ids, null).forEach(doc -> stories.put(doc.get("_id").asString(), state(doc)));
        return stories;
    }

    @Override
    public Set<String> write(Collection<StoryState> stories) {
        Set<String> refused = new HashSet<>();
        if (stories.isEmpty()) {
            return refused;
        }
        StringBuilder bulk = new StringBuilder();
        List<String> order = new ArrayList<>();
        for (StoryState story : stories) {
            ObjectNode action = EventJson.mapper().createObjectNode();
            ObjectNode meta = story.seqNo == null ? action.putObject("create") : action.putObject("index");
            meta.put("_id", story.id);
            if (story.seqNo != null) {
                meta.put("if_seq_no", story.seqNo).put("if_primary_term", story.primaryTerm);
            }
            bulk.append(action).append('\n').append(document(story)).append('\n');
            order.add(story.id);
        }
        List<JsonNode> results = index.bulk(bulk);
        for (int i = 0; i < results.size(); i++) {
            int status = results.get(i).path("status").asInt();
            if (status == 409) {
                refused.add(order.get(i));
            } else if (status >= 300) {
                throw new StoryStoreException("could not write story " + order.get(i) + ": "
                        + StoreIndex.error(results.get(i)), null);
            }
        }
        return refused;
    }

    static ObjectNode document(StoryState story) {
        ObjectNode doc = (ObjectNode) EventJson.mapper().valueToTree(story.toEvent(Instant.now()));
        doc.put("labelScore", story.labelScore).put("toneSum", story.toneSum).put("toneCount", story.toneCount);
        story.features().forEach(doc.putArray("features")::add);
        ArrayNode centroid = doc.putArray("centroid"); // pairs, not an object: features may hold dots
        story.centroid.forEach((feature, weight) -> centroid.addObject().put("f", feature).put("w", weight));
        story.articleIds.forEach(doc.putArray("articleIds")::add);
        story.mergedIds.forEach(doc.putArray("mergedIds")::add);
        ObjectNode counted = doc.putObject("counted");
        putCounts(counted.putArray("sources"), story.sources);
        putCounts(counted.putArray("entities"), story.entities);
        putCounts(counted.putArray("countries"), story.countries);
        putCounts(counted.putArray("topics"), story.topics);
        return doc;
    }

    private static void putCounts(ArrayNode node, Map<String, Integer> counts) {
        counts.forEach((value, count) -> node.addObject().put("value", value).put("count", count));
    }

    static StoryState state(JsonNode hit) {
        JsonNode src = hit.path("_source");
        StoryState story = new StoryState(hit.get("_id").asString());
        story.seqNo = hit.path("_seq_no").asLong();
        story.primaryTerm = hit.path("_primary_term").asLong();
        story.label = src.hasNonNull("label") ? src.get("label").asString() : null;
        story.labelArticleId = src.hasNonNull("labelArticleId") ? src.get("labelArticleId").asString() : null;
        story.labelScore = src.path("labelScore").asDouble(-1);
        story.firstSeen = Instant.parse(src.get("firstSeen").asString()).toEpochMilli();
        story.lastSeen = Instant.parse(src.get("lastSeen").asString()).toEpochMilli();
        story.articleCount = src.path("articleCount").asInt();
        story.toneSum = src.path("toneSum").asDouble();
        story.toneCount = src.path("toneCount").asInt();
        story.mergedInto = src.hasNonNull("mergedInto") ? src.get("mergedInto").asString() : null;
        src.path("articleIds").forEach(id -> story.articleIds.add(id.asString()));
        src.path("mergedIds").forEach(id -> story.mergedIds.add(id.asString()));
        src.path("centroid").forEach(pair -> story.centroid.put(pair.path("f").asString(), pair.path("w").asDouble()));
        JsonNode counted = src.path("counted");
        readCounts(counted.path("sources"), story.sources);
        readCounts(counted.path("entities"), story.entities);
        readCounts(counted.path("countries"), story.countries);
        readCounts(counted.path("topics"), story.topics);
        return story;
    }

    private static void readCounts(JsonNode node, Map<String, Integer> counts) {
        node.forEach(pair -> counts.put(pair.path("value").asString(), pair.path("count").asInt()));
    }

    /** The stories could not be read or written; the poll is retried. */
    public static final class StoryStoreException extends RuntimeException {
        StoryStoreException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
