package io.newsflow.contracts;

import java.util.regex.Pattern;

/**
 * Default names of the pipeline's topics. Every topic is keyed by article id so that the
 * revisions of one article stay in one partition, in order.
 *
 * <p>Each service declares the topics it owns (ingest: {@link #RAW} and {@link #SUBSCRIPTIONS};
 * enrich: {@link #ENRICHED}, {@link #STORIES}, {@link #DUPLICATES} and {@link #RAW_DLT}; publish: {@link #ENRICHED_DLT}, {@link #ALERTS},
 * {@link #WEBHOOKS}, {@link #WEBHOOKS_DLT} and the subscribers' own topics); the names can be
 * changed in each service's configuration. The subscription and alert topics are keyed by
 * subscription id instead.
 */
public final class Topics {

    /** {@link ArticleReceived} records, written by the ingest service. */
    public static final String RAW = "news.raw";

    /** {@link ArticleEnriched} records, written by the enrich service. */
    public static final String ENRICHED = "news.enriched";

    /** Records of {@link #RAW} that the enrich service could not process. */
    public static final String RAW_DLT = "news.raw.dlt";

    /** Records of {@link #ENRICHED} that the publish service could not index. */
    public static final String ENRICHED_DLT = "news.enriched.dlt";

    /**
     * {@link Subscription} records, written by the ingest service's API: compacted, keyed by
     * subscription id. Internal (it holds webhook secrets).
     */
    public static final String SUBSCRIPTIONS = "news.subscriptions";

    /**
     * {@link Story} records, keyed by story id, written by the enrich service each time a story
     * changes (compacted: the latest state of every story).
     */
    public static final String STORIES = "news.stories";

    /**
     * {@link DuplicateCorrection} records, keyed by article id, written by the enrich service when
     * an article already published turns out to be a copy of one published before it (compacted).
     */
    public static final String DUPLICATES = "news.duplicates";

    /** {@link ArticleAlert} records, keyed by subscription id, written by the publish service. */
    public static final String ALERTS = "news.alerts";

    /** Prefix of enriched topics of one's own: whole articles that a subscription selects. */
    public static final String ENRICHED_SLICE_PREFIX = ENRICHED + ".";

    /**
     * Alerts waiting for their webhook call, keyed by subscription id: internal to the publish
     * service, which writes and reads it so that a slow or failing webhook delays nothing else.
     */
    public static final String WEBHOOKS = "news.webhooks";

    /** Webhook calls that failed after every retry, or that the outbound guard refused. */
    public static final String WEBHOOKS_DLT = "news.webhooks.dlt";

    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9][a-z0-9_-]{0,99}");

    private Topics() {
    }

    /** {@value #ALERTS} itself or a topic of alerts of one's own, {@code news.alerts.<name>}. */
    public static boolean isAlertsTopic(String topic) {
        return ALERTS.equals(topic) || hasSuffix(topic, ALERTS + ".");
    }

    /**
     * A topic a subscription may deliver to: an alerts topic, or a slice of the enriched articles
     * ({@code news.enriched.<name>}, lower-case letters, digits, {@code -} and {@code _}). Never
     * one of the pipeline's own topics (a dead-letter topic included): a subscription must not be
     * able to write into the pipeline.
     */
    public static boolean isSubscriberTopic(String topic) {
        return isAlertsTopic(topic) || hasSuffix(topic, ENRICHED_SLICE_PREFIX);
    }

    private static boolean hasSuffix(String topic, String prefix) {
        if (topic == null || !topic.startsWith(prefix)) {
            return false;
        }
        String suffix = topic.substring(prefix.length());
        return SUFFIX.matcher(suffix).matches() && !suffix.equals("dlt");
    }
}
