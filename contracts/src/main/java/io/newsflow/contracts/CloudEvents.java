package io.newsflow.contracts;

/**
 * The headers every record Newsflow writes carries: the
 * <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md">CloudEvents
 * Kafka protocol binding</a> in binary mode (the value stays the event's JSON, the attributes are
 * {@code ce_*} headers), plus {@value #SCHEMA_VERSION_HEADER}, so a consumer can route, filter and
 * check records without reading their values.
 *
 * <p>{@code ce_id} is unique per event and the same for a redelivery of the same event (an
 * enriched article's is its id and revision), so {@code (ce_source, ce_id)} tells a consumer what
 * it has already seen. {@code ce_subject} is the article's (or subscription's) id.
 */
public final class CloudEvents {

    public static final String SPEC_VERSION = "1.0";

    public static final String SPEC_VERSION_HEADER = "ce_specversion";
    public static final String ID_HEADER = "ce_id";
    public static final String SOURCE_HEADER = "ce_source";
    public static final String TYPE_HEADER = "ce_type";
    public static final String TIME_HEADER = "ce_time";
    public static final String SUBJECT_HEADER = "ce_subject";
    /** The binding maps {@code datacontenttype} to the record's {@code content-type} header. */
    public static final String CONTENT_TYPE_HEADER = "content-type";
    public static final String CONTENT_TYPE = "application/json";
    /** The value's {@code schemaVersion}, as a decimal string. */
    public static final String SCHEMA_VERSION_HEADER = "schemaVersion";

    /** {@value Topics#RAW}: an article accepted by the ingest API. */
    public static final String ARTICLE_RECEIVED = "io.newsflow.article.received.v1";
    /** {@value Topics#ENRICHED} and the enriched slices: an article extracted and enriched. */
    public static final String ARTICLE_ENRICHED = "io.newsflow.article.enriched.v1";
    /** {@value Topics#ALERTS}, the alerts topics and webhook calls: a subscription matched an article. */
    public static final String ARTICLE_ALERT = "io.newsflow.article.alert.v1";
    /** {@value Topics#SUBSCRIPTIONS}: a subscription created (a tombstone deletes it, without headers). */
    public static final String SUBSCRIPTION = "io.newsflow.subscription.v1";

    /** {@code ce_type} of {@link Story} records. */
    public static final String STORY = "io.newsflow.story.v1";

    /** {@code ce_type} of {@link DuplicateCorrection} records. */
    public static final String DUPLICATE_CORRECTION = "io.newsflow.duplicate.correction.v1";

    /** {@code ce_source} of the records a service writes, e.g. {@code /newsflow/enrich-service}. */
    public static String source(String service) {
        return "/newsflow/" + service;
    }

    private CloudEvents() {
    }
}
