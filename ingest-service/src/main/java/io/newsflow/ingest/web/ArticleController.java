package io.newsflow.ingest.web;

import io.newsflow.contracts.Source;
import io.newsflow.ingest.IngestProperties;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.ArticleSubmission;
import io.newsflow.ingest.intake.ArticleSubmission.Bounds;
import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.intake.IntakeMetrics;
import io.newsflow.ingest.intake.MalformedRequestException;
import io.newsflow.ingest.intake.PayloadTooLargeException;
import io.newsflow.ingest.intake.SubmissionJson;
import io.newsflow.ingest.page.PageText;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The article API, a thin HTTP shell around {@link ArticleIntake}. Bodies are read here, under
 * the configured size limits and with gzip support, rather than by Spring's message converters,
 * so that size, encoding and JSON errors are caught before anything large is materialised and
 * are answered with precise problems.
 */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "articles", description = "Post articles into the pipeline")
class ArticleController {

    private static final Logger log = LoggerFactory.getLogger(ArticleController.class);
    static final String NDJSON = "application/x-ndjson";

    private final ArticleIntake intake;
    private final IngestProperties.LimitProperties limits;
    private final IntakeMetrics metrics;

    ArticleController(ArticleIntake intake, IngestProperties properties, IntakeMetrics metrics) {
        this.intake = intake;
        this.limits = properties.limits();
        this.metrics = metrics;
    }

    @Operation(summary = "Post one article as JSON",
            description = "Answers 202 only after the broker acknowledged the article on all in-sync replicas.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = ArticleSubmission.class))))
    @ApiResponse(responseCode = "202", description = "Accepted: the broker has it",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, wrong field type or unknown field",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "413", description = "Larger than the per-article limit",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "422", description = "Invalid fields, each listed in errors",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "The broker did not acknowledge in time; retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(path = "/articles", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> postJson(HttpServletRequest request) {
        byte[] body = RequestBodies.read(request, limits.maxArticleSize().toBytes());
        return acceptedResponse(intake.accept(SubmissionJson.read(body)));
    }

    @Operation(summary = "Post a page or scraped text as it is",
            description = "The body is the page (text/html) or the text (text/plain); the article's fields are "
                    + "query parameters. Pages are decoded as browsers do (BOM, the charset in Content-Type, "
                    + "their <meta charset>, UTF-8, windows-1252); bytes that charset cannot decode are refused. "
                    + "Text must be UTF-8 unless Content-Type declares its charset.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = {
                    @Content(mediaType = MediaType.TEXT_HTML_VALUE), @Content(mediaType = MediaType.TEXT_PLAIN_VALUE)}))
    @ApiResponse(responseCode = "202", description = "Accepted: the broker has it",
            content = @Content(schema = @Schema(implementation = Accepted.class)))
    @PostMapping(path = "/articles", consumes = {MediaType.TEXT_HTML_VALUE, MediaType.TEXT_PLAIN_VALUE},
            produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Accepted> postRaw(HttpServletRequest request,
            @Parameter(description = "Absolute http(s) URL of the article (required for pages)",
                    schema = @Schema(maxLength = Bounds.URL, format = "uri"))
            @RequestParam(required = false) String url,
            @Parameter(description = "Publisher's name", schema = @Schema(maxLength = FieldRules.MAX_SOURCE_NAME))
            @RequestParam(required = false) String source,
            @Parameter(description = "Publisher's web domain", schema = @Schema(maxLength = FieldRules.MAX_SOURCE_DOMAIN,
                    pattern = FieldRules.DOMAIN_PATTERN)) @RequestParam(required = false) String sourceDomain,
            @Parameter(schema = @Schema(maxLength = Bounds.TITLE)) @RequestParam(required = false) String title,
            @Parameter(description = "ISO-8601 instant, date-time with offset, or date",
                    schema = @Schema(maxLength = Bounds.PUBLISHED_AT)) @RequestParam(required = false) String publishedAt,
            @Parameter(description = "ISO 639-1 code", schema = @Schema(maxLength = Bounds.LANGUAGE,
                    pattern = Bounds.LANGUAGE_PATTERN)) @RequestParam(required = false) String language,
            @Parameter(schema = @Schema(maxLength = Bounds.SECTION)) @RequestParam(required = false) String section,
            @Parameter(description = "An author; repeat for several", array = @ArraySchema(maxItems = Bounds.AUTHORS,
                    schema = @Schema(maxLength = Bounds.AUTHOR))) @RequestParam(required = false) List<String> author) {
        byte[] body = RequestBodies.read(request, limits.maxArticleSize().toBytes());
        MediaType type = MediaType.parseMediaType(request.getContentType());
        boolean html = type.isCompatibleWith(MediaType.TEXT_HTML);
        String content = TextBodies.decode(body, type, html);
        Source publisher = source == null && sourceDomain == null ? null : new Source(source, sourceDomain);
        PageText page = PageText.of(content);
        ArticleSubmission submission = new ArticleSubmission(url, publisher, html ? page : null,
                html ? null : page, title, publishedAt, language, author, section, null);
        return acceptedResponse(intake.accept(submission));
    }

    @Operation(summary = "Post many articles as NDJSON, one JSON article per line",
            description = "Answers 200 with one result per non-blank line, in order: accepted with its id, or the "
                    + "line's problem. One bad line never rejects the others.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = NDJSON, schema = @Schema(implementation = ArticleSubmission.class))))
    @ApiResponse(responseCode = "200", description = "One result per line",
            content = @Content(schema = @Schema(implementation = BatchResult.class)))
    @ApiResponse(responseCode = "413", description = "More bytes or lines than the batch limits",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(path = "/articles:batch", consumes = NDJSON, produces = MediaType.APPLICATION_JSON_VALUE)
    BatchResult postBatch(HttpServletRequest request) {
        byte[] body = RequestBodies.read(request, limits.maxBatchSize().toBytes());
        List<Integer> lineNumbers = new ArrayList<>();
        List<ArticleSubmission> submissions = new ArrayList<>();
        List<RuntimeException> readErrors = new ArrayList<>();
        int lineNumber = 0;
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i < body.length && body[i] != '\n') {
                continue;
            }
            lineNumber++;
            byte[] line = java.util.Arrays.copyOfRange(body, start, i > start && body[i - 1] == '\r' ? i - 1 : i);
            start = i + 1;
            if (isBlank(line)) {
                continue;
            }
            if (lineNumbers.size() == limits.maxBatchLines()) {
                throw new PayloadTooLargeException("A batch may hold at most " + limits.maxBatchLines() + " articles.");
            }
            if (line.length > limits.maxArticleSize().toBytes()) {
                lineNumbers.add(lineNumber);
                submissions.add(null);
                readErrors.add(new PayloadTooLargeException("The line is larger than the per-article limit of "
                        + limits.maxArticleSize().toBytes() + " bytes."));
                continue;
            }
            lineNumbers.add(lineNumber);
            try {
                submissions.add(SubmissionJson.read(line));
                readErrors.add(null);
            } catch (MalformedRequestException e) {
                submissions.add(null);
                readErrors.add(e);
            }
        }
        List<ArticleIntake.Outcome> outcomes = intake.acceptAll(submissions);
        List<BatchResult.Line> results = new ArrayList<>(outcomes.size());
        int accepted = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            ArticleIntake.Outcome outcome = outcomes.get(i);
            RuntimeException error = readErrors.get(i) != null ? readErrors.get(i) : outcome.error();
            if (error == null) {
                accepted++;
                var article = outcome.accepted();
                results.add(new BatchResult.Line(lineNumbers.get(i), HttpStatus.ACCEPTED.value(), article.article().id(),
                        article.revision(), null));
            } else {
                ProblemDetail problem = Problems.of(error);
                if (problem == null) {
                    throw error;
                }
                metrics.rejected(Problems.reason(problem));
                results.add(new BatchResult.Line(lineNumbers.get(i), problem.getStatus(), null, null, problem));
            }
        }
        return new BatchResult(accepted, results.size() - accepted, results);
    }

    /** The 202 of an accepted article, pointing at its status (also used by {@code articles:fetch}). */
    static ResponseEntity<Accepted> acceptedResponse(ArticleIntake.Accepted accepted) {
        var article = accepted.article();
        log.atDebug().addKeyValue("articleId", article.id()).addKeyValue("revision", accepted.revision())
                .log("Accepted article");
        return ResponseEntity.accepted()
                .location(URI.create("/api/v1/articles/" + article.id() + "/status"))
                .body(new Accepted(article.id(), accepted.revision(), article.receivedAt()));
    }

    private static boolean isBlank(byte[] line) {
        for (byte b : line) {
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    /**
     * What the client gets back for an accepted article.
     *
     * @param id         the article id, stable for the article's URL
     * @param revision   this post's revision: which post of the article wins (see Revisions)
     * @param receivedAt when the service accepted it
     */
    record Accepted(String id, long revision, Instant receivedAt) {
    }

    /**
     * The answer to a batch.
     *
     * @param accepted how many lines were accepted
     * @param rejected how many were not
     * @param results  one entry per non-blank line, in order
     */
    record BatchResult(int accepted, int rejected, List<Line> results) {

        /**
         * @param line     1-based line number in the request body
         * @param status   202 when accepted, else the problem's status
         * @param id       the article id, when accepted
         * @param revision the revision, when accepted
         * @param error    the problem, when not accepted
         */
        @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        record Line(int line, int status, String id, Long revision, ProblemDetail error) {
        }
    }

}
