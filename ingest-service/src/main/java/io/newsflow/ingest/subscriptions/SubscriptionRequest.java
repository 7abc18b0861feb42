package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.Subscription;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * The body of {@code POST /api/v1/subscriptions}.
 *
 * @param name     a name of the owner's choosing, repeated in every alert
 * @param query    which articles: at least one part; all parts must hold, any value of a list may
 * @param delivery where matches go; the topic defaults to {@code news.alerts}
 */
public record SubscriptionRequest(
        @Schema(description = "A name of your choosing, repeated in every alert", example = "belarus-drills",
                maxLength = SubscriptionRules.MAX_NAME) String name,
        @Schema(description = "Which articles: at least one part. q uses the dashboard's search syntax "
                + "(\"a phrase\", AND, OR, -without, parentheses) over title, lead, summary and body; each list "
                + "matches any of its values (countries: ISO 3166-1 alpha-2; languages: ISO 639-1; topics: IPTC "
                + "code or label; entities: names or ids; sources: names or domains)") Subscription.Query query,
        @Schema(description = "Where matches go") Delivery delivery) {

    /**
     * @param topic   {@code news.alerts} (default) or {@code news.alerts.<name>}: an alert per
     *                match; {@code news.enriched.<name>}: the whole enriched article
     * @param webhook an http(s) URL that receives each alert as a signed POST (optional)
     */
    public record Delivery(
            @Schema(description = "news.alerts (default), news.alerts.<name> or news.enriched.<name>; <name> is "
                    + "lower-case letters, digits, - and _", example = "news.alerts") String topic,
            @Schema(description = "http(s) URL receiving each alert as a POST signed with X-Newsflow-Signature: "
                    + "sha256=<HMAC-SHA256 of the body under the secret returned at creation>",
                    maxLength = 2048) String webhook) {
    }
}
