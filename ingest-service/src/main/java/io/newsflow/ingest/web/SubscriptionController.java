package io.newsflow.ingest.web;

import io.newsflow.contracts.Subscription;
import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.intake.SubmissionJson;
import io.newsflow.ingest.subscriptions.InvalidSubscriptionException;
import io.newsflow.ingest.subscriptions.SubscriptionRequest;
import io.newsflow.ingest.subscriptions.Subscriptions;
import io.newsflow.ingest.subscriptions.SubscriptionsUnavailableException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.time.Instant;
import java.util.List;
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
 * {@code /api/v1/subscriptions}: saved searches whose matches are pushed to Kafka topics and
 * webhooks. A thin HTTP shell over {@link Subscriptions}; refusals are {@link ApiProblem}s,
 * answered by the API's one error handler.
 */
@RestController
@RequestMapping("/api/v1/subscriptions")
@Tag(name = "subscriptions", description = "Saved searches pushing matching articles to Kafka topics and webhooks")
class SubscriptionController {

    /** A subscription is a few hundred bytes; 64 KB leaves room for every list at its limit. */
    private static final long MAX_BODY = DataSize.ofKilobytes(64).toBytes();

    private final Subscriptions subscriptions;

    SubscriptionController(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @Operation(summary = "Create a subscription",
            description = "Every article indexed from now on (and every correction) is matched; each match is "
                    + "written to delivery.topic (an alert on news.alerts[.<name>], the whole article on "
                    + "news.enriched.<name>) and, with a webhook, POSTed there signed. The webhook secret is in this "
                    + "answer only.",
            requestBody = @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content =
                    @Content(mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = SubscriptionRequest.class))))
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(schema = @Schema(implementation = Created.class)))
    @ApiResponse(responseCode = "400", description = "Malformed JSON, wrong field type or unknown field",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "409", description = "This API key holds its maximum of subscriptions "
            + "(newsflow.ingest.subscriptions.max-per-key, 1,000 by default)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "422", description = "Invalid fields, each listed in errors",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @ApiResponse(responseCode = "503", description = "The broker did not take it; retry after Retry-After",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Created> create(HttpServletRequest request) {
        SubscriptionRequest body = SubmissionJson.readObject(RequestBodies.read(request, MAX_BODY),
                SubscriptionRequest.class);
        Subscription created;
        try {
            created = subscriptions.create(body, ApiProblem.caller(request));
        } catch (InvalidSubscriptionException e) {
            throw new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, "invalid-subscription", "Invalid subscription",
                    e.getMessage()).withProperty("errors", e.errors());
        } catch (Subscriptions.TooManySubscriptionsException e) {
            throw new ApiProblem(HttpStatus.CONFLICT, "too-many-subscriptions", "Too many subscriptions",
                    e.getMessage());
        } catch (SubscriptionsUnavailableException e) {
            throw unavailable(e);
        }
        return ResponseEntity.created(URI.create("/api/v1/subscriptions/" + created.id()))
                .body(new Created(created.id(), created.name(), created.query(), created.delivery(),
                        created.createdAt(), created.webhookSecret()));
    }

    @Operation(summary = "List this API key's subscriptions")
    @ApiResponse(responseCode = "200", description = "The subscriptions, oldest first")
    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    Listing list(HttpServletRequest request) {
        try {
            return new Listing(subscriptions.list(ApiProblem.caller(request)).stream().map(View::of).toList());
        } catch (SubscriptionsUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Operation(summary = "One subscription")
    @ApiResponse(responseCode = "200", description = "The subscription (without its webhook secret)")
    @ApiResponse(responseCode = "404", description = "No subscription of this API key has this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    View get(@Parameter(schema = @Schema(pattern = FieldRules.ID_PATTERN)) @PathVariable String id,
            HttpServletRequest request) {
        if (!FieldRules.isId(id)) {
            throw ApiProblem.notFound("subscription", id);
        }
        try {
            return subscriptions.get(id, ApiProblem.caller(request)).map(View::of)
                    .orElseThrow(() -> ApiProblem.notFound("subscription", id));
        } catch (SubscriptionsUnavailableException e) {
            throw unavailable(e);
        }
    }

    @Operation(summary = "Delete a subscription", description = "Its matching stops within seconds.")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", description = "No subscription of this API key has this id",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE))
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@Parameter(schema = @Schema(pattern = FieldRules.ID_PATTERN)) @PathVariable String id,
            HttpServletRequest request) {
        if (!FieldRules.isId(id)) {
            throw ApiProblem.notFound("subscription", id);
        }
        try {
            if (!subscriptions.delete(id, ApiProblem.caller(request))) {
                throw ApiProblem.notFound("subscription", id);
            }
        } catch (SubscriptionsUnavailableException e) {
            throw unavailable(e);
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiProblem unavailable(SubscriptionsUnavailableException e) {
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "subscriptions-unavailable",
                "Subscriptions temporarily unavailable", "The message broker did not answer: " + e.getMessage()
                        + ". Retry later.").withHeader(HttpHeaders.RETRY_AFTER, ApiErrorHandler.RETRY_AFTER_SECONDS);
    }

    /**
     * A subscription as the API shows it: never its secret.
     *
     * @param id        its id
     * @param name      its name
     * @param query     which articles it selects
     * @param delivery  where matches go
     * @param createdAt when it was created
     */
    @Schema(name = "SubscriptionView")
    record View(String id, String name, Subscription.Query query, Subscription.Delivery delivery, Instant createdAt) {
        static View of(Subscription s) {
            return new View(s.id(), s.name(), s.query(), s.delivery(), s.createdAt());
        }
    }

    /**
     * The answer to a creation.
     *
     * @param webhookSecret the key of the webhooks' HMAC-SHA256 signature: shown here only, keep it
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
    @Schema(name = "SubscriptionCreated")
    record Created(String id, String name, Subscription.Query query, Subscription.Delivery delivery, Instant createdAt,
            String webhookSecret) {
    }

    /** @param subscriptions the API key's subscriptions, oldest first */
    @Schema(name = "SubscriptionListing")
    record Listing(List<View> subscriptions) {
    }
}
