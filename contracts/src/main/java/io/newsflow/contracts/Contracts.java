package io.newsflow.contracts;

import java.util.List;
import java.util.regex.Pattern;

/** The contract rules the records share (see their {@code contractViolations}). */
final class Contracts {

    /** As {@link ArticleIds} makes them, and the schemas' {@code id} pattern says. */
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

    private Contracts() {
    }

    static void checkId(String id, String key, List<String> violations) {
        if (id == null || id.isEmpty()) {
            violations.add("id is missing");
            return;
        }
        if (!ID.matcher(id).matches()) {
            violations.add("id is not 32 lower-case hex digits");
        }
        if (!id.equals(key)) {
            violations.add("id differs from the record's key");
        }
    }

    static void checkSource(Source source, List<String> violations) {
        if (source == null || isBlank(source.name()) && isBlank(source.domain())) {
            violations.add("source is missing (a name and/or a domain)");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
