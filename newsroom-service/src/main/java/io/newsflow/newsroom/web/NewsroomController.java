package io.newsflow.newsroom.web;

import io.newsflow.newsroom.search.ArticleSearch;
import io.newsflow.newsroom.search.NewsQuery;
import io.newsflow.newsroom.search.Results;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import java.util.Map;
import java.util.regex.Pattern;
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

    private static final Pattern ID = Pattern.compile(NewsQuery.ID_PATTERN);

    private final ArticleSearch search;

    NewsroomController(ArticleSearch search) {
        this.search = search;
    }

    /**
     * The parameters are read as a map, so that unknown and repeated ones are refused with the
     * rest ({@link NewsQuery#from}); the OpenAPI document lists each, with its bounds, from
     * {@link ApiDocumentation} (hence hidden here).
     */
    @Operation(summary = "Search articles, with facets and a timeline",
            description = "q: words in a safe syntax (\"quoted phrase\", AND/OR, -excluded, (grouping)); filters "
                    + "person, org, place, country (ISO alpha-2), topic, language, source, tone (negative, neutral, "
                    + "positive), story (a story id: its articles, and with the timeline its course), each repeatable "
                    + "up to " + NewsQuery.MAX_VALUES + " times and all required; from/to: date or instant "
                    + "(publication time, years " + NewsQuery.MIN_YEAR + "-" + NewsQuery.MAX_YEAR + "); sort: newest "
                    + "(default) or relevance; size " + NewsQuery.MIN_SIZE + "-" + NewsQuery.MAX_SIZE + " (default "
                    + NewsQuery.DEFAULT_SIZE + "); after: the previous page's next cursor. Facet counts and the "
                    + "timeline are of the whole query. The parameters and their bounds are listed below.")
    @ApiResponse(responseCode = "200", description = "A page of results")
    @ApiResponse(responseCode = "400", description = "A parameter breaks a bound, is unknown or repeated; every one "
            + "is named in errors")
    @ApiResponse(responseCode = "503", description = "The index did not answer")
    @GetMapping("/search")
    Results.Page search(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters)
            throws IOException {
        return search.search(NewsQuery.from(parameters));
    }

    @Operation(summary = "How many articles matching a search were indexed since a time",
            description = "The same parameters as /search, plus since (an instant): what the page announces as "
                    + "\"N new\" while it is open.")
    @ApiResponse(responseCode = "200", description = "The count")
    @ApiResponse(responseCode = "400", description = "since is missing, or a parameter breaks a bound; every one is "
            + "named in errors")
    @ApiResponse(responseCode = "503", description = "The index did not answer")
    @GetMapping("/search/new")
    Map<String, Object> newSince(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters)
            throws IOException {
        NewsQuery.Since since = NewsQuery.since(parameters);
        return Map.of("since", since.since(), "count", search.countIndexedSince(since.query(), since.since()));
    }

    /**
     * An id that is not 32 lower-case hex digits cannot name an article: 404 without asking the
     * index (as for any path that names nothing), the problem saying what an id looks like.
     */
    @Operation(summary = "An article to read, with its enrichments and related articles")
    @ApiResponse(responseCode = "200", description = "The article")
    @ApiResponse(responseCode = "400", description = "A query parameter was given: this endpoint takes none")
    @ApiResponse(responseCode = "404", description = "No article with this id is indexed, or the id is not 32 "
            + "lower-case hex digits")
    @ApiResponse(responseCode = "503", description = "The index did not answer")
    @GetMapping("/articles/{id}")
    Results.Article article(@Parameter(description = "The article's id", schema = @Schema(type = "string",
            pattern = NewsQuery.ID_PATTERN, minLength = 32, maxLength = 32)) @PathVariable String id,
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> parameters) throws IOException {
        NewsQuery.none(parameters);
        if (!ID.matcher(id).matches()) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                    "An article id is 32 lower-case hexadecimal digits.");
        }
        return search.article(id).orElseThrow(() -> new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found",
                "No article with this id is indexed."));
    }
}
