package io.newsflow.ingest.web;

import io.newsflow.ingest.feeds.FeedRequest;
import io.newsflow.ingest.feeds.Feeds;
import io.newsflow.ingest.feeds.FetchRequest;
import io.newsflow.ingest.feeds.InvalidFeedException;
import io.newsflow.ingest.feeds.UnusablePageException;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.intake.SubmissionJson;
import io.newsflow.outbound.PageFetcher;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/v1/feeds} (feeds Newsflow follows) and {@code /api/v1/articles:fetch} (one page
 * fetched now): a thin HTTP shell over {@link Feeds}. Refusals are {@link ApiProblem}s, answered by
 * the API's one error handler. A fetch that fails because of the page's site is told apart from
 * the client's mistake: 422 for what will never work (refused address, robots.txt, 404, not a
 * page, too large), 502 with Retry-After for what may (the site erring or not answering).
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "feeds", description = "Follow RSS, Atom and news-sitemap feeds; fetch a page by URL")
class FeedController {

    private static final long MAX_BODY = DataSize.ofKilobytes(16).toBytes();

    private final ObjectProvider<Feeds> feeds;

    FeedController(ObjectProvider<Feeds> feeds) {
        this.feeds = feeds;
    }

    @Operation(summary = "Follow a feed",
            description = "Registers an RSS 2.0, Atom or (news) sitemap URL. It is polled on its interval with "
                    + "conditional GETs; each new item's page is fetched (robots.txt honoured) and enters the pipeline "
                    + "exactly as a posted article, its id made from the page's URL. Registering the same URL again "
                    + "updates its source and interval (200).",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = FeedRequest.class))))
    @ApiResponse(responseCode = "201", description = "Registered",
            content = @Content(schema = @Schema(implementation = Feeds.View.class)))
    @ApiResponse(responseCode = "200", description = "Already registered: updated",
            content = @Content(schema = @Schema(implementation = Feeds.View.class)))
    @ApiResponse(responseCode = "409", description = "This API key holds its maximum of feeds "
            + "(newsflow.ingest.feeds.max-per-key, 1,000 by default)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "422", description = "Invalid fields, each listed in errors",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "The broker did not take it; retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(path = "/feeds", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Feeds.View> register(HttpServletRequest request) {
        FeedRequest body = SubmissionJson.readObject(RequestBodies.read(request, MAX_BODY), FeedRequest.class);
        Feeds.Registered registered;
        try {
            registered = feeds().register(body, ApiProblem.caller(request));
        } catch (InvalidFeedException e) {
            throw invalid(e);
        } catch (Feeds.TooManyFeedsException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "too-many-feeds", "Too many feeds", e.getMessage());
        } catch (Feeds.UnavailableException e) {
            throw unavailable(e);
        }
        return registered.created()
                ? ResponseEntity.created(URI.create("/api/v1/feeds/" + registered.feed().id())).body(registered.feed())
                : ResponseEntity.ok(registered.feed());
    }

    @Operation(summary = "List this API key's feeds, with their health")
    @ApiResponse(responseCode = "200", description = "The feeds, oldest first")
    @GetMapping(path = "/feeds", produces = MediaType.APPLICATION_JSON_VALUE)
    Listing list(HttpServletRequest request) {
        try {
            return new Listing(feeds().list(ApiProblem.caller(request)));
        } catch (Feeds.UnavailableException e) {
            throw unavailable(e);
        }
    }

    @Operation(summary = "One feed, with its health (last poll, last error, items seen)")
    @ApiResponse(responseCode = "200", description = "The feed")
    @ApiResponse(responseCode = "404", description = "No feed of this API key has this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @GetMapping(path = "/feeds/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    Feeds.View get(@Parameter(schema = @Schema(pattern = FieldRules.ID_PATTERN)) @PathVariable String id,
            HttpServletRequest request) {
        if (!FieldRules.isId(id)) {
            throw ApiProblem.notFound("feed", id);
        }
        try {
            return feeds().get(id, ApiProblem.caller(request)).orElseThrow(() -> ApiProblem.notFound("feed", id));
        } catch (Feeds.UnavailableException e) {
            throw unavailable(e);
        }
    }

    @Operation(summary = "Stop following a feed", description = "Its polling stops within seconds.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No feed of this API key has this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @DeleteMapping("/feeds/{id}")
    ResponseEntity<Void> delete(@Parameter(schema = @Schema(pattern = FieldRules.ID_PATTERN)) @PathVariable String id,
            HttpServletRequest request) {
        if (!FieldRules.isId(id)) {
            throw ApiProblem.notFound("feed", id);
        }
        try {
            if (!feeds().delete(id, ApiProblem.caller(request))) {
                throw ApiProblem.notFound("feed", id);
            }
        } catch (Feeds.UnavailableException e) {
            throw unavailable(e);
        }
        return ResponseEntity.noContent().build();
    }

    @Operation(summary = "Fetch one page by URL and ingest it",
            description = "Fetches the page now (robots.txt honoured, through the SSRF guard) and accepts it exactly "
                    + "as a posted page. Answers 202 once the broker has it.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = FetchRequest.class))))
    @ApiResponse(responseCode = "202", description = "Accepted: the broker has it",
            content = @Content(schema = @Schema(implementation = ArticleController.Accepted.class)))
    @ApiResponse(responseCode = "422", description = "Invalid fields, or a page that can never be ingested "
            + "(refused address, disallowed by robots.txt, not found, not HTML, too large)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "502", description = "The page's site failed or did not answer; retry later",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(path = "/articles:fetch", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ArticleController.Accepted> fetch(HttpServletRequest request) {
        FetchRequest body = SubmissionJson.readObject(RequestBodies.read(request, MAX_BODY), FetchRequest.class);
        ArticleIntake.Accepted accepted;
        try {
            accepted = feeds().fetch(body);
        } catch (InvalidFeedException e) {
            throw invalid(e);
        } catch (PageFetcher.FetchException e) {
            if (e.isTransient()) {
                throw new ApiProblem(HttpStatus.BAD_GATEWAY, "page-unavailable", "The page could not be fetched now",
                        e.getMessage()).withHeader(HttpHeaders.RETRY_AFTER, "60");
            }
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "page-refused", "The page cannot be ingested",
                    e.getMessage()).withProperty("errors", List.of(new io.newsflow.ingest.intake.InvalidArticleException
                            .FieldError("url", e.getMessage())));
        } catch (UnusablePageException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "page-refused", "The page cannot be ingested",
                    e.getMessage());
        }
        return ArticleController.acceptedResponse(accepted);
    }

    private Feeds feeds() {
        Feeds available = feeds.getIfAvailable();
        if (available == null) {
            throw new ApiProblem(HttpStatus.NOT_FOUND, "feeds-disabled", "Feeds are turned off",
                    "This service runs with feeds turned off (newsflow.ingest.feeds.enabled=false).");
        }
        return available;
    }

    private static ApiProblem invalid(InvalidFeedException e) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-feed", "Invalid request",
                e.errors().size() + " field(s) are invalid.").withProperty("errors", e.errors());
    }

    private static ApiProblem unavailable(RuntimeException e) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "feeds-unavailable", "Feeds temporarily unavailable",
                "The message broker did not answer: " + e.getMessage() + ". Retry later.")
                .withHeader(HttpHeaders.RETRY_AFTER, ApiErrorHandler.RETRY_AFTER_SECONDS);
    }

    /** @param feeds the API key's feeds, oldest first */
    @Schema(name = "FeedListing")
    record Listing(List<Feeds.View> feeds) {
    }
}
