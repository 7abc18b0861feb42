package io.newsflow.ingest.intake;

/**
 * The broker did not acknowledge an article, and the answer is a 503 that says honestly what is
 * known: either nothing was written ({@link #outcomeUnknown()} false: the record never left this
 * service, e.g. the broker is known to be unreachable), or the record may have been written
 * (it was handed to the broker, which did not confirm it in time). Either way a retry is safe:
 * the article keeps its id, and an unchanged re-post produces no second enriched record.
 */
public class BrokerUnavailableException extends RuntimeException {

    private final boolean outcomeUnknown;
    private final String articleId;

    public BrokerUnavailableException(String message, Throwable cause, boolean outcomeUnknown) {
        this(message, cause, outcomeUnknown, null);
    }

    private BrokerUnavailableException(String message, Throwable cause, boolean outcomeUnknown, String articleId) {
        super(message, cause);
        this.outcomeUnknown = outcomeUnknown;
        this.articleId = articleId;
    }

    /** Whether the record may have been written although the broker did not confirm it. */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The id of the article concerned, when known. */
    public String articleId() {
        return articleId;
    }

    /** The same failure, naming the article. */
    BrokerUnavailableException forArticle(String id) {
        return new BrokerUnavailableException(getMessage(), getCause(), outcomeUnknown, id);
    }
}
