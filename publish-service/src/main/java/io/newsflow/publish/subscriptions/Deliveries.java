package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.CloudEvents;
import io.newsflow.contracts.Subscription;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What the matches of one batch become, as records to write (plain: no Kafka here):
 *
 * <ul>
 *   <li>a subscription delivering to an alerts topic gets an {@link ArticleAlert} there, keyed by
 *       its id;</li>
 *   <li>one delivering to an enriched topic of its own gets the whole article there, keyed by the
 *       article's id as on {@code news.enriched} (so the slice keeps the firehose's ordering per
 *       article); several subscriptions sharing a topic put each article there once;</li>
 *   <li>one with a webhook also gets its alert on the webhooks topic, for the webhook caller.</li>
 * </ul>
 */
final class Deliveries {

    private final Instant matchedAt;
    private final String webhooksTopic;
    /** Slice topic and article revision pairs already written in this batch. */
    private final Set<String> slices = new HashSet<>();

    /** The deliveries of one batch: an article goes to a slice topic once however many subscriptions share it. */
    Deliveries(Instant matchedAt, String webhooksTopic) {
        this.matchedAt = matchedAt;
        this.webhooksTopic = webhooksTopic;
    }

    /** A record to write, with what its CloudEvents headers say. */
    record Outgoing(String topic, String key, Object value, String type, String eventId, String subject,
            int schemaVersion) {
    }

    List<Outgoing> of(List<SubscriptionMatcher.Match> matches) {
        List<Outgoing> out = new ArrayList<>();
        for (SubscriptionMatcher.Match match : matches) {
            Subscription subscription = match.subscription();
            ArticleEnriched article = match.article();
            String topic = subscription.delivery().topic();
            ArticleAlert alert = alert(match, matchedAt);
            String alertId = subscription.id() + ":" + article.id() + ":" + article.revision();
            if (subscription.deliversArticles()) {
                if (slices.add(topic + " " + article.id() + ":" + article.revision())) {
                    out.add(new Outgoing(topic, article.id(), article, CloudEvents.ARTICLE_ENRICHED,
                            article.id() + ":" + article.revision(), article.id(), article.schemaVersion()));
                }
            } else {
                out.add(new Outgoing(topic, subscription.id(), alert, CloudEvents.ARTICLE_ALERT, alertId, article.id(),
                        ArticleAlert.SCHEMA_VERSION));
            }
            if (subscription.delivery().webhook() != null) {
                out.add(new Outgoing(webhooksTopic, subscription.id(), alert, CloudEvents.ARTICLE_ALERT, alertId,
                        article.id(), ArticleAlert.SCHEMA_VERSION));
            }
        }
        return out;
    }

    static ArticleAlert alert(SubscriptionMatcher.Match match, Instant matchedAt) {
        ArticleEnriched article = match.article();
        return new ArticleAlert(ArticleAlert.SCHEMA_VERSION, match.subscription().id(), match.subscription().name(),
                article.id(), article.revision(), article.title(),
                article.canonicalUrl() != null ? article.canonicalUrl() : article.url(), article.source(),
                article.publishedAt(), article.countries(), match.highlights(), matchedAt);
    }
}
