package io.newsflow.newsroom.web;

import io.newsflow.newsroom.search.ArticleSearch;
import io.newsflow.newsroom.search.NewsQuery;
import io.newsflow.newsroom.search.Results;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The newsroom's JSON API, a thin shell around {@link ArticleSearch}: what the page shows, and
 * what anyone may script against. Read-only; every parameter bounded ({@link NewsQuery}); errors
 * are problem documents ({@link ApiErrors}).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "newsroom", description = "Search, slice and read the indexed articles")
class NewsroomController {

    private final ArticleSearch search;

    NewsroomController(ArticleSearch search) {
        this.search = search;
    }

    @Operation(summary = "Search articles, with facets and a timeline",
            description = "q: words in a safe syntax (\"quoted phrase\", AND/OR, -excluded, (grouping)); filters "
                    + "person, org, place, country (ISO alpha-2), topic, language, source, tone (negative, neutral, "
                    + "positive), story (a story id: its articles, and with the timeline its course), each repeatable "
                    + "up to 10 times and all required; from/to: date or instant "
                    + "(publication time); sort: newest (default) or relevance; size 1-50 (default 20); after: the "
                    + "previous page's next cursor. Facet counts and the timeline are of the whole query.")
    @ApiResponse(responseCode = "200", description = "A page of results")
    @ApiResponse(responseCode = "400", description = "A parameter breaks a bound; every one is named in errors")
    @ApiResponse(responseCode = "503", description = "The index did not answer")
    @GetMapping("/search")
    Results.Page search(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters)
            throws IOException {
        return search.search(NewsQuery.from(parameters));
    }

    @Operation(summary = "How many articles matching a search were indexed since a time",
            description = "The same parameters as /search, plus since (an instant): what the page announces as "
                    + "\"N new\" while it is open.")
    @GetMapping("/search/new")
    Map<String, Object> newSince(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters)
            throws IOException {
        List<String> since = parameters.get("since");
        Instant from;
        try {
            from = since == null || since.size() != 1 ? null : Instant.parse(since.get(0));
        } catch (DateTimeParseException e) {
            from = null;
        }
        if (from == null) {
            throw new ApiProblem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                    "since must be given once, as an instant such as 2024-05-01T10:00:00Z");
        }
        return Map.of("since", from, "count", search.countIndexedSince(NewsQuery.from(parameters), from));
    }

    @Operation(summary = "An article to read, with its enrichments and related articles")
    @ApiResponse(responseCode = "200", description = "The article")
    @ApiResponse(responseCode = "404", description = "No article with this id is indexed")
    @GetMapping("/articles/{id}")
    Results.Article article(@PathVariable String id) throws IOException {
        if (!id.matches("[0-9a-f]{32}")) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "An article id is 32 hexadecimal digits.");
        }
        return search.article(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No article with this id is indexed."));
    }
}
