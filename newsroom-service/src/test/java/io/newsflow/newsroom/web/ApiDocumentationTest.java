package io.newsflow.newsroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.newsroom.search.Facet;
import io.newsflow.newsroom.search.NewsQuery;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The OpenAPI document the newsroom serves states every parameter of every endpoint with the very
 * bounds {@link NewsQuery} and {@link Facet} enforce: read back from {@code /openapi.json} and
 * compared with the constants. (No index is needed to serve the document: the same settings as
 * {@link AccessAndFailureTest}, so the two share one application.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "newsflow.newsroom.access-key=s3cret-key", "newsflow.newsroom.elasticsearch.uris=http://127.0.0.1:1",
        "newsflow.newsroom.elasticsearch.connect-timeout=1s"})
class ApiDocumentationTest {

    @LocalServerPort
    int port;

    private JsonNode api;

    @BeforeEach
    void readTheDocument() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/openapi.json")).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        api = JsonMapper.builder().build().readTree(response.body());
    }

    @Test
    void everySearchParameterIsDocumentedWithItsBounds() {
        for (String path : List.of("/api/v1/search", "/api/v1/search/new")) {
            Map<String, JsonNode> parameters = parameters(path);
            List<String> expected = new ArrayList<>(NewsQuery.SEARCH_PARAMETERS);
            if (path.endsWith("/new")) {
                expected.add("since");
            }
            assertThat(parameters.keySet()).as(path).containsExactlyInAnyOrderElementsOf(expected);

            JsonNode q = parameters.get("q").path("schema");
            assertThat(q.path("maxLength").asInt()).isEqualTo(NewsQuery.MAX_TEXT);
            assertThat(q.path("pattern").asString()).isEqualTo(NewsQuery.TEXT_PATTERN);
            for (Facet facet : Facet.values()) {
                JsonNode schema = parameters.get(facet.parameter()).path("schema");
                assertThat(schema.path("type").asString()).as(facet.parameter()).isEqualTo("array");
                assertThat(schema.path("maxItems").asInt()).as(facet.parameter()).isEqualTo(NewsQuery.MAX_VALUES);
                assertThat(schema.path("items").path("maxLength").asInt()).isEqualTo(NewsQuery.MAX_VALUE_LENGTH);
                assertThat(schema.path("items").path("minLength").asInt()).isEqualTo(1);
                assertThat(schema.path("items").path("pattern").asString()).as(facet.parameter())
                        .isEqualTo(facet.pattern());
            }
            assertThat(strings(parameters.get("tone").path("schema").path("items").path("enum")))
                    .containsExactlyElementsOf(Facet.TONE_LABELS);
            assertThat(parameters.get("country").path("schema").path("items").path("pattern").asString())
                    .isEqualTo(Facet.COUNTRY_PATTERN);
            for (String date : List.of("from", "to")) {
                JsonNode schema = parameters.get(date).path("schema");
                assertThat(schema.path("pattern").asString()).isEqualTo(NewsQuery.DATE_PATTERN);
                assertThat(schema.path("maxLength").asInt()).isEqualTo(NewsQuery.MAX_TIME_LENGTH);
            }
            JsonNode size = parameters.get("size").path("schema");
            assertThat(size.path("type").asString()).isEqualTo("integer");
            assertThat(size.path("minimum").asInt()).isEqualTo(NewsQuery.MIN_SIZE);
            assertThat(size.path("maximum").asInt()).isEqualTo(NewsQuery.MAX_SIZE);
            assertThat(size.path("default").asInt()).isEqualTo(NewsQuery.DEFAULT_SIZE);
            assertThat(strings(parameters.get("sort").path("schema").path("enum")))
                    .containsExactly("newest", "relevance");
            JsonNode after = parameters.get("after").path("schema");
            assertThat(after.path("maxLength").asInt()).isEqualTo(NewsQuery.MAX_CURSOR);
            assertThat(after.path("pattern").asString()).isEqualTo(NewsQuery.CURSOR_PATTERN);
            for (String single : List.of("q", "from", "to", "sort", "size", "after")) {
                assertThat(parameters.get(single).path("allowEmptyValue").asBoolean()).as(single).isTrue();
            }
        }
        JsonNode since = parameters("/api/v1/search/new").get("since");
        assertThat(since.path("required").asBoolean()).isTrue();
        assertThat(since.path("schema").path("pattern").asString()).isEqualTo(NewsQuery.INSTANT_PATTERN);
        assertThat(since.path("schema").path("maxLength").asInt()).isEqualTo(NewsQuery.MAX_TIME_LENGTH);
    }

    @Test
    void theArticleIdIsDocumentedAndTheDocumentSaysHowRefusalsLook() {
        JsonNode get = api.path("paths").path("/api/v1/articles/{id}").path("get");
        JsonNode id = get.path("parameters").get(0);
        assertThat(id.path("in").asString()).isEqualTo("path");
        assertThat(id.path("schema").path("pattern").asString()).isEqualTo(NewsQuery.ID_PATTERN);
        assertThat(get.path("parameters")).as("the query parameter map stays hidden").hasSize(1);
        assertThat(get.path("responses").propertyNames()).contains("200", "400", "404", "503");
        assertThat(api.path("paths").path("/api/v1/search").path("get").path("responses").propertyNames())
                .contains("200", "400", "503");
        assertThat(api.path("info").path("title").asString()).isEqualTo("Newsflow newsroom API");
        assertThat(api.path("info").path("description").asString()).contains("400")
                .contains(NewsQuery.MIN_YEAR + " to " + NewsQuery.MAX_YEAR);
        assertThat(api.path("components").path("securitySchemes").path("accessKey").path("scheme").asString())
                .isEqualTo("bearer");
        assertThat(api.path("paths").has("/error")).isFalse();
    }

    private Map<String, JsonNode> parameters(String path) {
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        api.path("paths").path(path).path("get").path("parameters")
                .forEach(parameter -> parameters.put(parameter.path("name").asString(), parameter));
        return parameters;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(value -> strings.add(value.asString()));
        return strings;
    }
}
