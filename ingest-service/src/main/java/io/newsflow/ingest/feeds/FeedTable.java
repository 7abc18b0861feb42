package io.newsflow.ingest.feeds;

import io.newsflow.contracts.EventJson;
import io.newsflow.kafka.CompactedTopicReader;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every feed and its polling state, as the compacted feeds topic holds them (read in full by
 * every instance, so any instance answers the API). Keys: {@code <id>} for a registration,
 * {@code <id>/state} for its state. This instance's own writes are applied as soon as the broker
 * has them, so a client reads what it just registered.
 */
final class FeedTable implements CompactedTopicReader.Sink {

    static final String STATE_SUFFIX = "/state";

    private final Map<String, Feed> feeds = new ConcurrentHashMap<>();
    private final Map<String, FeedState> states = new ConcurrentHashMap<>();

    @Override
    public void put(String key, byte[] value) {
        if (key.endsWith(STATE_SUFFIX)) {
            String id = key.substring(0, key.length() - STATE_SUFFIX.length());
            FeedState state = EventJson.mapper().readValue(value, FeedState.class);
            if (state.schemaVersion() == FeedState.SCHEMA_VERSION && id.equals(state.id())) {
                put(state);
            }
        } else {
            Feed feed = EventJson.mapper().readValue(value, Feed.class);
            if (feed.isReadable(key)) {
                feeds.put(key, feed);
            }
        }
    }

    @Override
    public void remove(String key) {
        if (key.endsWith(STATE_SUFFIX)) {
            states.remove(key.substring(0, key.length() - STATE_SUFFIX.length()));
        } else {
            feeds.remove(key);
        }
    }

    void put(Feed feed) {
        feeds.put(feed.id(), feed);
    }

    /** Keeps the newer of two states (an echo of an older write must not undo a newer one). */
    void put(FeedState state) {
        states.merge(state.id(), state, (old, now) -> old.updatedAt() != null && now.updatedAt() != null
                && now.updatedAt().isBefore(old.updatedAt()) ? old : now);
    }

    void removeFeed(String id) {
        feeds.remove(id);
    }

    void removeState(String id) {
        states.remove(id);
    }

    Feed feed(String id) {
        return feeds.get(id);
    }

    FeedState state(String id) {
        return states.get(id);
    }

    Collection<Feed> feeds() {
        return feeds.values();
    }

    Collection<String> statesWithoutFeed() {
        return states.keySet().stream().filter(id -> !feeds.containsKey(id)).toList();
    }
}
