package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Subscription;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MatchingQueries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Matches articles against every subscription, in memory, with Lucene's {@link Monitor}: the
 * library made for running many stored queries against a stream of documents. It indexes the
 * subscriptions' terms so that an article is tried only against the queries that could match it,
 * and matches a whole batch at once, so the cost per article grows with the subscriptions that
 * share its words rather than with all of them.
 *
 * <p>Chosen over Elasticsearch's percolator, which the issue suggests: the percolator is a module
 * the Elasticsearch distribution this project runs locally and in its tests does not have, and
 * matching in the service costs no extra round trip per bulk. Each instance holds every
 * subscription (10,000 are a few megabytes), rebuilt from the compacted subscriptions topic.
 *
 * <p>Thread-safe: subscriptions change on the topic reader's thread while the listener matches.
 */
public final class SubscriptionMatcher implements Closeable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionMatcher.class);

    /** Subscriptions registered with the monitor per commit: a few megabytes of heap, see {@link #flush()}. */
    static final int REGISTER_CHUNK = 100;

    private final Analyzer analyzer = ArticleDocuments.analyzer();
    private final Monitor monitor;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Changes not yet in the monitor, by subscription id: a query to register, or empty to delete. */
    private final Map<String, Optional<MonitorQuery>> pending = new LinkedHashMap<>();

    public SubscriptionMatcher() {
        try {
            this.monitor = new Monitor(analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A subscription that matched an article, with the passages its words were found in. */
    public record Match(Subscription subscription, ArticleEnriched article, List<ArticleAlert.Highlight> highlights) {
    }

    /** Adds or replaces a subscription; it takes part from the next {@link #match} on. */
    public void put(Subscription subscription) {
        MonitorQuery query = new MonitorQuery(subscription.id(), SubscriptionQueries.of(subscription.query(), analyzer));
        synchronized (pending) {
            subscriptions.put(subscription.id(), subscription);
            pending.put(subscription.id(), Optional.of(query));
        }
    }

    /** Removes a subscription; unknown ids are ignored. */
    public void remove(String id) {
        synchronized (pending) {
            subscriptions.remove(id);
            pending.put(id, Optional.empty());
        }
    }

    /**
     * Applies the changes since the last call to the monitor in one go. The monitor commits its
     * query index on every change it is given, so registering 10,000 subscriptions one by one
     * takes half a minute where one batch takes a second; changes are therefore collected and
     * applied just before the next match, {@value #REGISTER_CHUNK} at a time: while registering,
     * the monitor holds an indexable copy of each query with a 32 KiB term block per field, so
     * 10,000 at once need over a gigabyte of heap.
     */
    public void flush() {
        List<String> deleted = new ArrayList<>();
        List<MonitorQuery> registered = new ArrayList<>();
        synchronized (pending) {
            pending.forEach((id, query) -> query.ifPresentOrElse(registered::add, () -> deleted.add(id)));
            pending.clear();
        }
        try {
            if (!deleted.isEmpty()) {
                monitor.deleteById(deleted);
            }
            for (int from = 0; from < registered.size(); from += REGISTER_CHUNK) {
                monitor.register(registered.subList(from, Math.min(registered.size(), from + REGISTER_CHUNK)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int size() {
        return subscriptions.size();
    }

    public Subscription get(String id) {
        return subscriptions.get(id);
    }

    /** Every (subscription, article) pair that matches, articles in the given order. */
    public List<Match> match(List<ArticleEnriched> articles) {
        List<Match> matches = new ArrayList<>();
        articles.forEach(article -> matches.addAll(match(article)));
        return matches;
    }

    /**
     * The subscriptions one article matches. Articles are matched one at a time so that the
     * caller can send what each one delivers before matching the next: a batch of 500 articles
     * against 10,000 broad subscriptions makes tens of thousands of alerts, which must not all be
     * held in memory at once.
     */
    public List<Match> match(ArticleEnriched article) {
        flush();
        if (subscriptions.isEmpty()) {
            return List.of();
        }
        MatchingQueries<HighlightsMatch> matched;
        try {
            matched = monitor.match(ArticleDocuments.of(article), HighlightsMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!matched.getErrors().isEmpty()) {
            log.warn("{} subscriptions failed to run: {}", matched.getErrors().size(), matched.getErrors().keySet());
        }
        List<Match> matches = new ArrayList<>(matched.getMatchCount());
        for (HighlightsMatch hit : matched.getMatches()) {
            Subscription subscription = subscriptions.get(hit.getQueryId());
            if (subscription != null) { // else deleted while this article was matched
                matches.add(new Match(subscription, article, Highlights.of(article, hit)));
            }
        }
        return matches;
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
