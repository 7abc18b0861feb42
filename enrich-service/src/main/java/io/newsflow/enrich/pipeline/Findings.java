package io.newsflow.enrich.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * What the enrichers found so far, one immutable part per enricher, by the part's type. An
 * enricher reads the parts of those before it (the places enricher reads the entities) and adds
 * its own; one that failed adds none, and those after it see that part as absent.
 */
final class Findings {

    static final Findings NONE = new Findings(Map.of());

    private final Map<Class<?>, Object> parts;

    private Findings(Map<Class<?>, Object> parts) {
        this.parts = parts;
    }

    /** The part of this type, or null when its enricher has not run or failed. */
    <P> P get(Class<P> type) {
        return type.cast(parts.get(type));
    }

    /** These findings and {@code part} (null adds nothing). */
    Findings with(Object part) {
        if (part == null) {
            return this;
        }
        Map<Class<?>, Object> more = new HashMap<>(parts);
        more.put(part.getClass(), part);
        return new Findings(Map.copyOf(more));
    }
}
