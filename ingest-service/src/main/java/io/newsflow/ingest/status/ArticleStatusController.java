package io.newsflow.ingest.status;

import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.web.ApiProblem;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/v1/articles/{id}/status}: what became of an accepted article. The ingest
 * service keeps no state of its own, so it asks the search index ({@link ArticleLookup}): found
 * there means enriched and indexed, with the revision that is current. Not found means not
 * indexed (yet). Refusals are {@link ApiProblem}s, answered by the API's one error handler.
 */
@RestController
@Tag(name = "articles")
class ArticleStatusController {

    private final ObjectProvider<ArticleLookup> lookup;

    ArticleStatusController(ObjectProvider<ArticleLookup> lookup) {
        this.lookup = lookup;
    }

    @Operation(summary = "What became of an article",
            description = "indexed: enriched and searchable, with the current revision. 404 when no article with "
                    + "this id is indexed yet: accepted articles are usually searchable within seconds.")
    @ApiResponse(responseCode = "200", description = "Indexed")
    @ApiResponse(responseCode = "404", description = "Not indexed (yet)")
    @GetMapping("/api/v1/articles/{id}/status")
    Status status(@Parameter(schema = @Schema(pattern = FieldRules.ID_PATTERN)) @PathVariable String id) {
        if (!FieldRules.isId(id)) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "'" + id.replaceAll("[^0-9A-Za-z_-]", "?") + "' is not an article id (32 hex digits).");
        }
        ArticleLookup index = lookup.getIfAvailable();
        if (index == null) {
            throw new ApiProblem(HttpStatus.NOT_IMPLEMENTED, "status-unavailable", "Status lookups are off",
                    "This deployment has no newsflow.ingest.status.elasticsearch-uri configured.");
        }
        ArticleLookup.Indexed indexed;
        try {
            indexed = index.find(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "not-indexed",
                    "Not indexed", "No article with this id is indexed (yet). Accepted articles are usually "
                            + "searchable within seconds; one accepted long ago may have been dead-lettered "
                            + "(./newsflow dlt, ./newsflow audit)."));
        } catch (IOException e) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "index-unavailable", "Index unavailable",
                    "The search index did not answer; retry later.");
        }
        return new Status(id, "indexed", indexed.revision(), indexed.receivedAt(), indexed.indexedAt(), indexed.url(),
                indexed.title());
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
