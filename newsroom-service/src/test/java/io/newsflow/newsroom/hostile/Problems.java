package io.newsflow.newsroom.hostile;

import io.newsflow.testinfra.RawHttp;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the hostile-input tests check of every refusal. */
public final class Problems {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {
    }

    /** What is wrong with a refusal from the application (a problem document, nothing leaked), or null. */
    public static String fault(RawHttp.Response response) {
        if (!response.contentType().startsWith("application/problem+json")) {
            return "answered " + response.status() + " as '" + response.contentType() + "', not a problem: "
                    + response.text();
        }
        String leak = leak(response.text());
        if (leak != null) {
            return "the problem shows '" + leak + "': " + response.text();
        }
        JsonNode problem = JSON.readTree(response.body());
        if (problem.path("status").asInt() != response.status() || !problem.path("type").asString()
                .startsWith("https://newsflow.io/problems/")) {
            return "the problem's status or type is not the answer's: " + response.text();
        }
        return null;
    }

    /** What is wrong with Tomcat's own refusal page (before the application), or null. */
    public static String tomcatFault(RawHttp.Response response) {
        String leak = leak(response.text());
        return leak != null ? "Tomcat's page shows '" + leak + "': " + response.text()
                : response.text().contains("Apache Tomcat/") ? "Tomcat's page shows its version" : null;
    }

    /** The parameters a problem names in errors[]. */
    public static Set<String> named(RawHttp.Response response) {
        Set<String> named = new LinkedHashSet<>();
        JSON.readTree(response.body()).path("errors").forEach(error -> named.add(error.path("parameter").asString()));
        return named;
    }

    private static String leak(String text) {
        for (String leak : List.of("Exception", "at io.newsflow", "at org.", "at java.", "tools.jackson",
                "io.newsflow.", "co.elastic")) {
            if (text.contains(leak)) {
                return leak;
            }
        }
        return null;
    }
}
