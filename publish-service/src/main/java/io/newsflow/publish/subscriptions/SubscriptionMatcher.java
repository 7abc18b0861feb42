package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Subscription;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.monitor.HighlightsMatch;
import org.apache.lucene.monitor.Monitor;
import org.apache.lucene.monitor.MonitorQuery;
import org.apache.lucene.monitor.MultiMatchingQueries;
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

    private final Analyzer analyzer = ArticleDocuments.analyzer();
    private final Monitor monitor;
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();

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

    /** Adds or replaces a subscription. */
    public void put(Subscription subscription) {
        subscriptions.put(subscription.id(), subscription);
        try {
            monitor.register(new MonitorQuery(subscription.id(), SubscriptionQueries.of(subscription.query(), analyzer)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Removes a subscription; unknown ids are ignored. */
    public void remove(String id) {
        try {
            monitor.deleteById(id);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        subscriptions.remove(id);
    }

    public int size() {
        return subscriptions.size();
    }

    public Subscription get(String id) {
        return subscriptions.get(id);
    }

    /** Every (subscription, article) pair that matches, articles in the given order. */
    public List<Match> match(List<ArticleEnriched> articles) {
        if (articles.isEmpty() || subscriptions.isEmpty()) {
            return List.of();
        }
        Document[] documents = articles.stream().map(ArticleDocuments::of).toArray(Document[]::new);
        MultiMatchingQueries<HighlightsMatch> matched;
        try {
            matched = monitor.match(documents, HighlightsMatch.MATCHER);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!matched.getErrors().isEmpty()) {
            log.warn("{} subscriptions failed to run: {}", matched.getErrors().size(), matched.getErrors().keySet());
        }
        List<Match> matches = new ArrayList<>();
        for (int i = 0; i < articles.size(); i++) {
            Collection<HighlightsMatch> hits = matched.getMatches(i);
            for (HighlightsMatch hit : hits) {
                Subscription subscription = subscriptions.get(hit.getQueryId());
                if (subscription != null) { // else deleted while this batch was matched
                    matches.add(new Match(subscription, articles.get(i), Highlights.of(articles.get(i), hit, analyzer)));
                }
            }
        }
        return matches;
    }

    @Override
    public void close() throws IOException {
        monitor.close();
    }
}
