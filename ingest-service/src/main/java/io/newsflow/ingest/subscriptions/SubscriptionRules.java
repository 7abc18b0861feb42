package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.Subscription;
import io.newsflow.contracts.Topics;
import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.subscriptions.SubscriptionRequest.Bounds;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.outbound.OutboundRefusedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * What a subscription may ask for, checked before it is written: every field bounded, values in
 * the shapes the matcher compares, a topic that is a subscriber's (never one of the pipeline's own)
 * and a webhook URL the outbound guard accepts. Returns the subscription's normalised parts.
 */
final class SubscriptionRules {

    private static final Pattern COUNTRY = Pattern.compile(Bounds.COUNTRY_PATTERN);
    private static final Pattern LANGUAGE = Pattern.compile(Bounds.LANGUAGE_PATTERN);
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Cs}\\p{Zl}\\p{Zp}]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private SubscriptionRules() {
    }

    /** A request, normalised; or the list of what is wrong with it. */
    record Checked(String name, Subscription.Query query, Subscription.Delivery delivery, List<FieldError> errors) {
    }

    /** One problem with one field. */
    record FieldError(String field, String message) {
    }

    /**
     * Bounds are checked on the values as sent (what the OpenAPI schema describes), characters
     * inside the surrounding white space; the values kept are stripped of it.
     */
    static Checked check(SubscriptionRequest request, OutboundGuard guard) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (!FieldRules.given(request.name(), Bounds.NAME)) {
            errors.add(new FieldError("name", "is required"));
        } else if (tooLong(request.name(), Bounds.NAME)) {
            errors.add(new FieldError("name", "is longer than " + Bounds.NAME + " characters"));
        } else if (CONTROL.matcher(FieldRules.trim(request.name())).find()) {
            errors.add(new FieldError("name", "contains control or invisible characters"));
        } else if (name.isEmpty()) {
            errors.add(new FieldError("name", "is blank"));
        }
        Subscription.Query query = request.query() == null ? null : query(request.query(), errors);
        if (request.query() == null || query != null && query.isEmpty()) {
            errors.add(new FieldError("query", "must ask for something: q or at least one filter"));
        }
        Subscription.Delivery delivery = delivery(request.delivery(), guard, errors);
        return new Checked(name, query, delivery, errors);
    }

    private static Subscription.Query query(SubscriptionRequest.Query query, List<FieldError> errors) {
        String q = FieldRules.given(query.q(), Bounds.Q) ? query.q().strip() : null;
        if (q != null) {
            if (tooLong(query.q(), Bounds.Q)) {
                errors.add(new FieldError("query.q", "is longer than " + Bounds.Q + " characters"));
            } else if (CONTROL.matcher(FieldRules.trim(query.q())).find()) {
                errors.add(new FieldError("query.q", "contains control or invisible characters"));
            } else if (!WORD.matcher(q).find()) {
                errors.add(new FieldError("query.q", "has no letter or digit to search for"));
            }
        }
        return new Subscription.Query(q,
                values("query.countries", query.countries(), COUNTRY, "an ISO 3166-1 alpha-2 code such as BY", errors,
                        v -> v.toUpperCase(Locale.ROOT)),
                values("query.topics", query.topics(), null, null, errors, UnaryOperator.identity()),
                values("query.entities", query.entities(), null, null, errors, UnaryOperator.identity()),
                values("query.languages", query.languages(), LANGUAGE, "an ISO 639-1 code such as en", errors,
                        v -> v.toLowerCase(Locale.ROOT)),
                values("query.sources", query.sources(), null, null, errors, UnaryOperator.identity()));
    }

    private static List<String> values(String field, List<String> values, Pattern shape, String shapeName,
            List<FieldError> errors, UnaryOperator<String> normal) {
        if (values.size() > Bounds.VALUES) {
            errors.add(new FieldError(field, "has more than " + Bounds.VALUES + " values"));
            return List.of();
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String sent = values.get(i);
            String value = sent == null ? "" : sent.strip();
            String at = field + "." + i;
            if (!FieldRules.given(sent, Bounds.VALUE)) {
                errors.add(new FieldError(at, "is empty"));
            } else if (tooLong(sent, Bounds.VALUE)) {
                errors.add(new FieldError(at, "is longer than " + Bounds.VALUE + " characters"));
            } else if (CONTROL.matcher(FieldRules.trim(sent)).find() || value.isEmpty()) {
                errors.add(new FieldError(at, "contains control or invisible characters"));
            } else if (shape != null && !shape.matcher(sent).matches()) {
                errors.add(new FieldError(at, "is not " + shapeName));
            } else if (!out.contains(normal.apply(value))) {
                out.add(normal.apply(value));
            }
        }
        return out;
    }

    private static Subscription.Delivery delivery(SubscriptionRequest.Delivery delivery, OutboundGuard guard,
            List<FieldError> errors) {
        String sent = delivery == null ? null : delivery.topic();
        String topic = FieldRules.given(sent, Bounds.TOPIC) ? sent : Topics.ALERTS;
        if (topic.length() > Bounds.TOPIC) {
            errors.add(new FieldError("delivery.topic", "is longer than " + Bounds.TOPIC + " characters"));
        } else if (!Topics.isSubscriberTopic(topic)) {
            errors.add(new FieldError("delivery.topic", "must be news.alerts, news.alerts.<name> or "
                    + "news.enriched.<name> (<name>: lower-case letters, digits, - and _)"));
        }
        String webhook = delivery == null || !FieldRules.given(delivery.webhook(), Bounds.WEBHOOK) ? null
                : delivery.webhook();
        if (webhook != null) {
            String problem = FieldRules.url(webhook);
            if (problem != null) {
                errors.add(new FieldError("delivery.webhook", problem));
            } else {
                try {
                    guard.checkUrl(webhook.strip());
                } catch (OutboundRefusedException e) {
                    errors.add(new FieldError("delivery.webhook", "is refused: " + e.getMessage()));
                }
            }
            webhook = webhook.strip();
        }
        return new Subscription.Delivery(topic, webhook);
    }

    /** Longer than {@code max} code points, as JSON Schema's maxLength counts. */
    private static boolean tooLong(String value, int max) {
        return value.length() > max && value.codePointCount(0, value.length()) > max;
    }
}
