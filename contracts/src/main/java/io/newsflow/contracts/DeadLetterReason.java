package io.newsflow.contracts;

import java.util.Arrays;
import java.util.Optional;

/**
 * Why a record went to a dead-letter topic ({@value Topics#RAW_DLT}, {@value Topics#ENRICHED_DLT},
 * {@value Topics#WEBHOOKS_DLT}):
 * the stable value of the {@value #HEADER} header every dead letter carries, next to
 * {@value #ARTICLE_ID_HEADER} (the article the record is about: its {@code ce_subject}, else its key) and {@value #DETAIL_HEADER} (a human-readable
 * sentence), and Spring Kafka's {@code kafka_dlt-original-topic}, {@code -partition},
 * {@code -offset} and {@code -exception-*} headers.
 *
 * <p>Only failures that can never succeed are dead-lettered: a broker or Elasticsearch that is
 * unavailable, slow, overloaded or blocking writes makes the stage pause and retry instead. So a
 * dead letter is always something a person has to look at (or, after a fix, redrive with
 * {@code ./newsflow dlt redrive}).
 */
public enum DeadLetterReason {

    /** The value is not JSON of the topic's record type (the bytes are kept as they were). */
    UNREADABLE_RECORD("unreadable-record"),

    /**
     * The value is JSON of the right type but breaks the topic's contract: an unknown schema
     * version, a missing id or source, an id that is not the key, a tombstone where none is
     * allowed, neither or both of html and text.
     */
    CONTRACT_VIOLATION("contract-violation"),

    /** The enrichment pipeline itself failed on this article (a defect: report it). */
    ENRICHMENT_FAILED("enrichment-failed"),

    /** The enriched record is larger than the broker accepts, even with its lists bounded. */
    OUTPUT_TOO_LARGE("output-too-large"),

    /** Elasticsearch refused the document for good (a mapping or parse error, status 400). */
    INDEX_REJECTED("index-rejected"),

    /**
     * A webhook call failed on every attempt (the receiver refused it or did not answer), or the
     * outbound guard refused its address (a private, loopback or link-local target).
     */
    WEBHOOK_FAILED("webhook-failed"),

    /**
     * A {@link DuplicateCorrection} names an article that did not reach the index within the
     * retries (it was dead-lettered or retracted itself, or publishing is far behind).
     */
    ARTICLE_NOT_INDEXED("article-not-indexed"),

    /**
     * The stage classed a failure as permanent without a more specific reason (the exception
     * headers say what it was): a defect to report.
     */
    PROCESSING_FAILED("processing-failed");

    /** Header holding the reason's {@link #code()}. */
    public static final String HEADER = "newsflow-dlt-reason";

    /** Header holding the article id (the record's key), so a dead letter always names it. */
    public static final String ARTICLE_ID_HEADER = "newsflow-dlt-article-id";

    /** Header holding one sentence saying what was wrong. */
    public static final String DETAIL_HEADER = "newsflow-dlt-detail";

    /**
     * Header present (value {@code true}) when the dead letter's value was left out because it
     * was too large for the dead-letter topic itself; the other headers still say what and why.
     */
    public static final String VALUE_OMITTED_HEADER = "newsflow-dlt-value-omitted";

    private final String code;

    DeadLetterReason(String code) {
        this.code = code;
    }

    /** The header value, e.g. {@code contract-violation}. */
    public String code() {
        return code;
    }

    /** The reason whose {@link #code()} this is. */
    public static Optional<DeadLetterReason> ofCode(String code) {
        return Arrays.stream(values()).filter(reason -> reason.code.equals(code)).findFirst();
    }
}
