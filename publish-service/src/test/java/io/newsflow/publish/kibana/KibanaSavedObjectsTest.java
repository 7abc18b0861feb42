package io.newsflow.publish.kibana;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Kibana's saved objects ({@code kibana/newsflow-newsroom.ndjson}, imported by the compose stack)
 * name fields of the article index; nothing ties them to the mapping but this test. Every field a
 * data view, Lens column or saved search uses must exist in
 * {@code elasticsearch/news-articles-mappings.json} with a type its use needs (terms on keyword,
 * a histogram on a date, an average on a number), searchable, and every reference between the
 * objects must resolve, so that a renamed or retyped field fails the build instead of leaving
 * empty panels in production.
 */
class KibanaSavedObjectsTest {

    private static final Path SAVED_OBJECTS = Path.of("..", "kibana", "newsflow-newsroom.ndjson");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> NUMERIC = Set.of("long", "integer", "short", "byte", "double", "float",
            "half_float", "scaled_float");

    @Test
    void everyFieldTheDashboardUsesIsMappedWithAUsableType() throws Exception {
        Check check = new Check(mapping());
        check.all(Files.readAllLines(SAVED_OBJECTS, StandardCharsets.UTF_8));

        assertThat(check.problems).isEmpty();
        assertThat(check.checkedFields).as("the check saw the fields the panels use")
                .contains("people", "organizations", "locations", "countries", "topics.label", "sentiment.score",
                        "publishedAt", "title", "source.name");
        assertThat(check.types).containsKeys("index-pattern", "lens", "search", "dashboard");
        assertThat(check.objects).containsKey("dashboard:newsflow-newsroom");
    }

    @Test
    void aRenamedOrRetypedFieldOrADanglingReferenceIsCaught() throws Exception {
        List<String> lines = Files.readAllLines(SAVED_OBJECTS, StandardCharsets.UTF_8);
        List<String> broken = lines.stream().map(line -> line
                .replace("\"sourceField\":\"people\"", "\"sourceField\":\"persons\"")
                .replace("\"sourceField\":\"sentiment.score\"", "\"sourceField\":\"sentiment.label\"")
                .replace("\"id\":\"newsflow-top-places\",\"type\":\"lens\"", "\"id\":\"elsewhere\",\"type\":\"lens\""))
                .toList();
        Check check = new Check(mapping());
        check.all(broken);

        assertThat(check.problems).anySatisfy(p -> assertThat(p).contains("persons").contains("not in the mapping"))
                .anySatisfy(p -> assertThat(p).contains("sentiment.label").contains("average"))
                .anySatisfy(p -> assertThat(p).contains("newsflow-top-places").contains("not in the file"));
    }

    private static Map<String, JsonNode> mapping() throws Exception {
        try (InputStream in = KibanaSavedObjectsTest.class.getResourceAsStream(
                "/elasticsearch/news-articles-mappings.json")) {
            Map<String, JsonNode> fields = new HashMap<>();
            flatten(JSON.readTree(in).get("properties"), "", true, fields);
            return fields;
        }
    }

    /** Field path to its mapping; fields under a disabled object or not indexed are left out. */
    private static void flatten(JsonNode properties, String prefix, boolean usable, Map<String, JsonNode> out) {
        properties.properties().forEach(entry -> {
            JsonNode field = entry.getValue();
            String path = prefix + entry.getKey();
            boolean indexed = usable && field.path("enabled").asBoolean(true) && field.path("index").asBoolean(true);
            if (field.has("properties")) {
                flatten(field.get("properties"), path + ".", indexed, out);
            } else if (indexed) {
                out.put(path, field);
                field.path("fields").properties().forEach(sub -> out.put(path + "." + sub.getKey(), sub.getValue()));
            }
        });
    }

    /** Reads the objects and collects every problem, rather than stopping at the first. */
    private static final class Check {
        final Map<String, JsonNode> mapping;
        final List<String> problems = new ArrayList<>();
        final Set<String> checkedFields = new HashSet<>();
        final Map<String, Integer> types = new HashMap<>();
        final Map<String, JsonNode> objects = new HashMap<>();

        Check(Map<String, JsonNode> mapping) {
            this.mapping = mapping;
        }

        void all(List<String> lines) {
            for (String line : lines) {
                if (!line.isBlank()) {
                    JsonNode object = JSON.readTree(line);
                    objects.put(object.get("type").asString() + ":" + object.get("id").asString(), object);
                    types.merge(object.get("type").asString(), 1, Integer::sum);
                }
            }
            objects.values().forEach(this::object);
        }

        private void object(JsonNode object) {
            String name = object.get("type").asString() + " " + object.get("id").asString();
            JsonNode attributes = object.get("attributes");
            for (JsonNode reference : object.path("references")) {
                String key = reference.get("type").asString() + ":" + reference.get("id").asString();
                if (!objects.containsKey(key)) {
                    problems.add(name + " refers to " + key + ", which is not in the file");
                }
            }
            switch (object.get("type").asString()) {
                case "index-pattern" -> {
                    if (!attributes.get("title").asString().equals("news-articles")) {
                        problems.add(name + " is on " + attributes.get("title") + ", not the news-articles alias");
                    }
                    field(name, attributes.get("timeFieldName").asString(), "time field", Set.of("date"));
                }
                case "lens" -> attributes.path("state").path("datasourceStates").path("formBased").path("layers")
                        .forEach(layer -> layer.path("columns").forEach(column -> column(name, column)));
                case "search" -> {
                    attributes.path("columns").forEach(column -> field(name, column.asString(), "column", null));
                    attributes.path("sort").forEach(sort -> field(name, sort.get(0).asString(), "sort",
                            union(Set.of("date", "keyword"), NUMERIC)));
                }
                case "dashboard" -> {
                    JsonNode panels = JSON.readTree(attributes.get("panelsJSON").asString());
                    Set<String> names = new HashSet<>();
                    object.path("references").forEach(reference -> names.add(reference.get("name").asString()));
                    for (JsonNode panel : panels) {
                        String ref = panel.get("panelIndex").asString() + ":" + panel.get("panelRefName").asString();
                        if (!names.contains(ref)) {
                            problems.add(name + " has a panel without a reference: " + ref);
                        }
                    }
                }
                default -> problems.add(name + ": a type this check does not know");
            }
        }

        private void column(String object, JsonNode column) {
            String operation = column.get("operationType").asString();
            String source = column.path("sourceField").asString("");
            Set<String> allowed = switch (operation) {
                case "count" -> null;
                case "terms" -> union(Set.of("keyword", "ip", "boolean"), NUMERIC);
                case "date_histogram" -> Set.of("date", "date_nanos");
                case "average", "sum", "min", "max", "median", "percentile", "standard_deviation" -> NUMERIC;
                case "unique_count" -> union(Set.of("keyword", "date"), NUMERIC);
                default -> {
                    problems.add(object + " uses operation " + operation + ", which this check does not know");
                    yield Set.of();
                }
            };
            if (allowed != null) {
                field(object, source, operation, allowed);
            }
        }

        private void field(String object, String field, String use, Set<String> types) {
            checkedFields.add(field);
            JsonNode mapped = mapping.get(field);
            if (mapped == null) {
                problems.add(object + ": " + use + " on " + field + ", which is not in the mapping (or not indexed)");
            } else if (types != null && !types.contains(mapped.path("type").asString("object"))) {
                problems.add(object + ": " + use + " on " + field + ", mapped as " + mapped.path("type").asString()
                        + " (needs one of " + types + ")");
            }
        }

        private static Set<String> union(Set<String> a, Set<String> b) {
            Set<String> all = new HashSet<>(a);
            all.addAll(b);
            return all;
        }
    }
}
