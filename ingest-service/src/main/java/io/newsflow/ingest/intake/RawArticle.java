package io.newsflow.ingest.intake;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.ingest.page.PageText;
import java.nio.charset.StandardCharsets;

/**
 * An accepted article on its way to the broker: every field of its {@link ArticleReceived}
 * except the page, which stays the JSON literal it was posted as (see {@link PageText}).
 *
 * @param envelope the event without its page ({@code html} and {@code text} are null)
 * @param page     the page or text
 * @param html     whether {@code page} is the event's {@code html} (else its {@code text})
 */
public record RawArticle(ArticleReceived envelope, PageText page, boolean html) {

    private static final byte[] HTML_FIELD = ",\"html\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TEXT_FIELD = ",\"text\":".getBytes(StandardCharsets.US_ASCII);

    public RawArticle {
        if (envelope.html() != null || envelope.text() != null) {
            throw new IllegalArgumentException("the envelope must not carry the page");
        }
    }

    /**
     * The record's value: the envelope as Jackson writes it, with the page's literal appended as
     * the last field. Byte for byte what serialising the whole event would give, bar field order.
     */
    public byte[] toJson() {
        byte[] head = EventJson.mapper().writeValueAsBytes(envelope);
        byte[] field = html ? HTML_FIELD : TEXT_FIELD;
        byte[] json = new byte[head.length - 1 + field.length + page.length() + 1];
        System.arraycopy(head, 0, json, 0, head.length - 1); // all but the closing brace
        System.arraycopy(field, 0, json, head.length - 1, field.length);
        page.copyTo(json, head.length - 1 + field.length);
        json[json.length - 1] = '}';
        return json;
    }

    /** The whole event, page decoded: what a consumer of the record reads. */
    public ArticleReceived toEvent() {
        return EventJson.mapper().readValue(toJson(), ArticleReceived.class);
    }
}
