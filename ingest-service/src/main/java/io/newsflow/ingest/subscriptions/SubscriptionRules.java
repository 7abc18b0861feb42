package io.newsflow.ingest.subscriptions;

import io.newsflow.contracts.Subscription;
import io.newsflow.contracts.Topics;
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

    static final int MAX_NAME = 100;
    static final int MAX_Q = 500;
    static final int MAX_VALUES = 50;
    static final int MAX_VALUE = 200;

    private static final Pattern COUNTRY = Pattern.compile("[A-Za-z]{2}");
    private static final Pattern LANGUAGE = Pattern.compile("[A-Za-z]{2,3}");
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}\\p{Cf}\\p{Co}\\p{Cn}\\p{Zl}\\p{Zp}]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]");

    private SubscriptionRules() {
    }

    /** A request, normalised; or the list of what is wrong with it. */
    record Checked(String name, Subscription.Query query, Subscription.Delivery delivery, List<FieldError> errors) {
    }

    /** One problem with one field. */
    record FieldError(String field, String message) {
    }

    static Checked check(SubscriptionRequest request, OutboundGuard guard) {
        List<FieldError> errors = new ArrayList<>();
        String name = request.name() == null ? "" : request.name().strip();
        if (name.isEmpty()) {
            errors.add(new FieldError("name", "is required"));
        } else if (name.length() > MAX_NAME) {
            errors.add(new FieldError("name", "is longer than " + MAX_NAME + " characters"));
        } else if (CONTROL.matcher(name).find()) {
            errors.add(new FieldError("name", "contains control or invisible characters"));
        }
        Subscription.Query query = request.query() == null ? null : query(request.query(), errors);
        if (request.query() == null || query != null && query.isEmpty()) {
            errors.add(new FieldError("query", "must ask for something: q or at least one filter"));
        }
        Subscription.Delivery delivery = delivery(request.delivery(), guard, errors);
        return new Checked(name, query, delivery, errors);
    }

    private static Subscription.Query query(Subscription.Query query, List<FieldError> errors) {
        String q = query.q() == null || query.q().isBlank() ? null : query.q().strip();
        if (q != null) {
            if (q.length() > MAX_Q) {
                errors.add(new FieldError("query.q", "is longer than " + MAX_Q + " characters"));
            } else if (!WORD.matcher(q).find()) {
                errors.add(new FieldError("query.q", "has no letter or digit to search for"));
            } else if (CONTROL.matcher(q).find()) {
                errors.add(new FieldError("query.q", "contains control or invisible characters"));
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
        if (values.size() > MAX_VALUES) {
            errors.add(new FieldError(field, "has more than " + MAX_VALUES + " values"));
            return List.of();
        }
        List<String> out = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            String value = values.get(i) == null ? "" : values.get(i).strip();
            String at = field + "." + i;
            if (value.isEmpty()) {
                errors.add(new FieldError(at, "is empty"));
            } else if (value.length() > MAX_VALUE) {
                errors.add(new FieldError(at, "is longer than " + MAX_VALUE + " characters"));
            } else if (CONTROL.matcher(value).find()) {
                errors.add(new FieldError(at, "contains control or invisible characters"));
            } else if (shape != null && !shape.matcher(value).matches()) {
                errors.add(new FieldError(at, "is not " + shapeName));
            } else if (!out.contains(normal.apply(value))) {
                out.add(normal.apply(value));
            }
        }
        return out;
    }

    private static Subscription.Delivery delivery(SubscriptionRequest.Delivery delivery, OutboundGuard guard,
            List<FieldError> errors) {
        String topic = delivery == null || delivery.topic() == null || delivery.topic().isBlank() ? Topics.ALERTS
                : delivery.topic().strip();
        if (!Topics.isSubscriberTopic(topic)) {
            errors.add(new FieldError("delivery.topic", "must be news.alerts, news.alerts.<name> or "
                    + "news.enriched.<name> (<name>: lower-case letters, digits, - and _)"));
        }
        String webhook = delivery == null || delivery.webhook() == null || delivery.webhook().isBlank() ? null
                : delivery.webhook().strip();
        if (webhook != null) {
            try {
                guard.checkUrl(webhook);
            } catch (OutboundRefusedException e) {
                errors.add(new FieldError("delivery.webhook", "is refused: " + e.getMessage()));
            }
        }
        return new Subscription.Delivery(topic, webhook);
    }
}
