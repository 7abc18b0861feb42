package io.newsflow.ingest.subscriptions;

import java.util.List;

/** A subscription request that breaks the rules ({@link SubscriptionRules}); 422 naming each field. */
public class InvalidSubscriptionException extends RuntimeException {

    private final List<SubscriptionRules.FieldError> errors;

    InvalidSubscriptionException(List<SubscriptionRules.FieldError> errors) {
        super(errors.size() == 1 ? errors.get(0).field() + " " + errors.get(0).message()
                : errors.size() + " fields are invalid");
        this.errors = List.copyOf(errors);
    }

    /** Each error as {@code field} and {@code message}. */
    public List<java.util.Map<String, String>> errors() {
        return errors.stream().map(e -> java.util.Map.of("field", e.field(), "message", e.message())).toList();
    }
}
