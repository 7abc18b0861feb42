package io.newsflow.ingest.status;

import io.newsflow.ingest.IngestProperties;
import io.newsflow.ingest.articles.Problems;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/v1/articles/{id}/status}: what became of an accepted article. The ingest
 * service keeps no state of its own, so it asks the search index: found there means enriched and
 * indexed, with the revision that is current. Not found means not indexed (yet).
 */
@RestController
@Tag(name = "articles")
class ArticleStatusController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final IngestProperties.StatusProperties settings;
    private final HttpClient http;

    ArticleStatusController(IngestProperties properties) {
        this.settings = properties.status();
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
    }

    @Operation(summary = "What became of an article",
            description = "indexed: enriched and searchable, with the current revision. 404 when no article with "
                    + "this id is indexed yet: accepted articles are usually searchable within seconds.")
    @ApiResponse(responseCode = "200", description = "Indexed")
    @ApiResponse(responseCode = "404", description = "Not indexed (yet)")
    @GetMapping("/api/v1/articles/{id}/status")
    ResponseEntity<?> status(@PathVariable String id) throws InterruptedException {
        if (!id.matches("[0-9a-f]{32}")) {
            return problem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "'" + id.replaceAll("[^0-9A-Za-z_-]", "?") + "' is not an article id (32 hex digits).");
        }
        if (settings.elasticsearchUri() == null || settings.elasticsearchUri().isBlank()) {
            return problem(HttpStatus.NOT_IMPLEMENTED, "status-unavailable", "Status lookups are off",
                    "This deployment has no newsflow.ingest.status.elasticsearch-uri configured.");
        }
        HttpResponse<String> response;
        try {
            response = http.send(HttpRequest.newBuilder(URI.create(settings.elasticsearchUri().split(",")[0].strip().replaceAll("/+$", "")
                                    + "/" + settings.alias() + "/_doc/" + id
                                    + "?_source_includes=revision,receivedAt,indexedAt,title,url"))
                            .timeout(settings.timeout()).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "index-unavailable", "Index unavailable",
                    "The search index did not answer; retry later.");
        }
        if (response.statusCode() == 404) {
            return problem(HttpStatus.NOT_FOUND, "not-indexed", "Not indexed",
                    "No article with this id is indexed (yet). Accepted articles are usually searchable within "
                            + "seconds; one accepted long ago may have been dead-lettered (news.raw.dlt, "
                            + "news.enriched.dlt).");
        }
        if (response.statusCode() != 200) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "index-unavailable", "Index unavailable",
                    "The search index answered " + response.statusCode() + "; retry later.");
        }
        JsonNode source = JSON.readTree(response.body()).path("_source");
        return ResponseEntity.ok(new Status(id, "indexed", source.path("revision").asLong(),
                instant(source, "receivedAt"), instant(source, "indexedAt"), source.path("url").asString(null),
                source.path("title").asString(null)));
    }

    private static Instant instant(JsonNode node, String field) {
        String value = node.path(field).asString(null);
        return value == null ? null : Instant.parse(value);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title, String detail) {
        return ResponseEntity.status(status).body(Problems.problem(status, type, title, detail));
    }

    /**
     * @param id         the article id
     * @param state      {@code indexed}
     * @param revision   the revision that is current in the index
     * @param receivedAt when that revision was accepted
     * @param indexedAt  when it was indexed
     * @param url        the article's URL
     * @param title      its headline
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    record Status(String id, String state, long revision, Instant receivedAt, Instant indexedAt, String url,
            String title) {
    }
}
