package io.newsflow.ingest.intake;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.ArticleSubmission.Bounds;
import io.newsflow.ingest.page.PageText;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * Turns a client's submission into an {@link ArticleReceived} and hands it to the broker.
 *
 * <p>Plain Java so that the rules of what we accept are tested without Spring or Kafka. The
 * revision of a post is assigned by the broker (see {@link ArticleReceived}), so any number of
 * ingest instances agree on which post of an article is the latest.
 */
public class ArticleIntake {

    private final RawArticlePublisher publisher;
    private final Clock clock;
    private final Duration sendTimeout;
    private final IntakeMetrics metrics;

    public ArticleIntake(RawArticlePublisher publisher, Clock clock, Duration sendTimeout, IntakeMetrics metrics) {
        this.publisher = publisher;
        this.clock = clock;
        this.sendTimeout = sendTimeout;
        this.metrics = metrics;
    }

    private static final String NO_NUL = "must not contain NUL characters";
    private static final Pattern LANGUAGE = Pattern.compile(Bounds.LANGUAGE_PATTERN);
    private static final Instant EARLIEST_PUBLISHED = Instant.parse(Bounds.EARLIEST_PUBLISHED);

    /**
     * Validates, assigns the id and publishes; returns once the broker has the article.
     *
     * @throws InvalidArticleException    if the submission breaks the rules (nothing is sent)
     * @throws BrokerUnavailableException if the broker did not acknowledge in time
     */
    public Accepted accept(ArticleSubmission submission) {
        RawArticle article = toEvent(submission);
        return await(article.envelope(), send(article));
    }

    /**
     * Accepts many articles at once: every valid one is sent before any acknowledgement is
     * awaited, so a batch costs about one broker round trip, not one per article. One bad
     * article never affects the others.
     */
    public List<Outcome> acceptAll(List<ArticleSubmission> submissions) {
        List<Object> pending = new ArrayList<>(submissions.size());
        for (ArticleSubmission submission : submissions) {
            if (submission == null) {
                pending.add(null);
                continue;
            }
            try {
                RawArticle article = toEvent(submission);
                pending.add(new Sent(article.envelope(), send(article)));
            } catch (InvalidArticleException e) {
                pending.add(e);
            }
        }
        List<Outcome> outcomes = new ArrayList<>(pending.size());
        for (Object item : pending) {
            if (item instanceof Sent sent) {
                try {
                    outcomes.add(new Outcome(await(sent.article(), sent.future()), null));
                } catch (RuntimeException e) {
                    outcomes.add(new Outcome(null, e));
                }
            } else {
                outcomes.add(new Outcome(null, (RuntimeException) item));
            }
        }
        return outcomes;
    }

    /** What happened to one article of a batch: accepted, or the error (null for lines not read). */
    public record Outcome(Accepted accepted, RuntimeException error) {
    }

    private record Sent(ArticleReceived article, CompletableFuture<Long> future) {
    }

    private CompletableFuture<Long> send(RawArticle article) {
        long start = System.nanoTime();
        return publisher.send(article).whenComplete((revision, failure) ->
                metrics.produced(article, System.nanoTime() - start, failure == null));
    }

    private Accepted await(ArticleReceived article, CompletableFuture<Long> future) {
        try {
            return new Accepted(article, future.get(sendTimeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof BrokerUnavailableException broker) {
                throw broker.forArticle(article.id());
            }
            throw e.getCause() instanceof RuntimeException runtime ? runtime
                    : new BrokerUnavailableException("The broker did not accept the article", e.getCause(), true)
                            .forArticle(article.id());
        } catch (TimeoutException e) {
            throw new BrokerUnavailableException("The broker did not acknowledge the article within " + sendTimeout, e,
                    true).forArticle(article.id());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerUnavailableException("Interrupted while waiting for the broker", e, true)
                    .forArticle(article.id());
        }
    }

    /** An article the broker has (its event without the page), with the revision it got. */
    public record Accepted(ArticleReceived article, long revision) {
    }

    RawArticle toEvent(ArticleSubmission submission) {
        List<InvalidArticleException.FieldError> errors = new ArrayList<>();
        FieldRules.Errors error = (field, message) -> errors.add(new InvalidArticleException.FieldError(field, message));
        String canonicalUrl = null;
        if (!FieldRules.given(submission.url(), Bounds.URL)) {
            if (submission.html() != null) {
                error.add("url", "is required when posting html");
            }
        } else {
            String problem = FieldRules.url(submission.url());
            if (problem != null) {
                error.add("url", problem);
            } else {
                canonicalUrl = ArticleIds.canonicalUrl(FieldRules.trim(submission.url()));
            }
        }
        Source source = submission.source();
        if (source == null || (!FieldRules.given(source.name(), FieldRules.MAX_SOURCE_NAME)
                && !FieldRules.given(source.domain(), FieldRules.MAX_SOURCE_DOMAIN))) {
            error.add("source", "is required (a name and/or a domain)");
        } else {
            FieldRules.source(source, error);
        }
        boolean hasHtml = submission.html() != null && !submission.html().isBlank();
        boolean hasText = submission.text() != null && !submission.text().isBlank();
        if (hasHtml == hasText) {
            error.add(hasHtml ? "text" : "html",
                    hasHtml ? "must be absent when html is given" : "exactly one of html and text is required");
        }
        for (String field : List.of("html", "text")) {
            PageText page = "html".equals(field) ? submission.html() : submission.text();
            if (page != null && page.containsNul()) {
                error.add(field, NO_NUL);
            } else if (page != null && page.containsLoneSurrogate()) {
                error.add(field, "contains an unpaired surrogate (not valid Unicode)");
            }
        }
        Instant publishedAt = null;
        if (FieldRules.given(submission.publishedAt(), Bounds.PUBLISHED_AT)) {
            publishedAt = publishedAt(submission.publishedAt(), error);
        }
        String language = null;
        if (FieldRules.given(submission.language(), Bounds.LANGUAGE)) {
            // matched as sent, not stripped: what the OpenAPI pattern says is what is accepted
            String problem = FieldRules.name(submission.language(), Bounds.LANGUAGE);
            if (problem != null) {
                error.add("language", problem);
            } else if (LANGUAGE.matcher(submission.language()).matches()) {
                language = submission.language().toLowerCase(Locale.ROOT).replace('_', '-');
            } else {
                error.add("language", "must be an ISO 639-1 code such as en or pt-BR");
            }
        }
        List<String> authors = List.of();
        if (submission.authors() != null) {
            int before = errors.size();
            FieldRules.texts("authors", submission.authors(), Bounds.AUTHORS, Bounds.AUTHOR, true, error);
            if (errors.size() == before) {
                // a null or blank name is no author: left out, as the API always did (nothing else is)
                authors = submission.authors().stream().filter(author -> !isBlank(author)).map(String::strip).toList();
            }
        }
        Map<String, String> metadata = submission.metadata() == null ? Map.of() : submission.metadata();
        metadata(metadata, error);
        for (String field : List.of("title", "section")) {
            String value = "title".equals(field) ? submission.title() : submission.section();
            String problem = value == null ? null
                    : FieldRules.text(value, "title".equals(field) ? Bounds.TITLE : Bounds.SECTION);
            if (problem != null) {
                error.add(field, problem);
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        if (canonicalUrl != null) {
            source = source.withDomainIfMissing(ArticleIds.domainOf(canonicalUrl));
        }
        PageText page = hasHtml ? submission.html() : submission.text();
        // only posts without a URL need the page as text: its hash is their id
        String id = canonicalUrl != null ? ArticleIds.fromUrl(canonicalUrl)
                : ArticleIds.fromContent(source, page.decode());
        Instant receivedAt = clock.instant();
        ArticleReceived envelope = new ArticleReceived(ArticleReceived.SCHEMA_VERSION, id,
                isBlank(submission.url()) ? null : submission.url().strip(), canonicalUrl, source,
                isBlank(submission.title()) ? null : submission.title().strip(), publishedAt, receivedAt,
                language, authors, isBlank(submission.section()) ? null : submission.section().strip(), metadata,
                null, null);
        return new RawArticle(envelope, page, hasHtml);
    }

    /**
     * The publication time, or null with the problem added: ISO-8601, at most
     * {@link Bounds#PUBLISHED_AT} characters, from {@link Bounds#EARLIEST_PUBLISHED} to
     * {@link Bounds#LATEST_PUBLISHED_AHEAD} after now: a year 20240 or 0024 is a typo that the
     * index would refuse or misplace, and it must be refused here rather than fail downstream.
     */
    private Instant publishedAt(String value, FieldRules.Errors error) {
        String problem = FieldRules.name(value, Bounds.PUBLISHED_AT);
        if (problem != null) {
            error.add("publishedAt", problem);
            return null;
        }
        Instant parsed = parseDate(value.strip());
        if (parsed == null) {
            error.add("publishedAt", "must be an ISO-8601 date-time such as 2024-05-01T10:00:00Z, or a date such as "
                    + "2024-05-01");
        } else if (parsed.isBefore(EARLIEST_PUBLISHED)
                || parsed.isAfter(clock.instant().plus(Bounds.LATEST_PUBLISHED_AHEAD))) {
            error.add("publishedAt", "must be from " + Bounds.EARLIEST_PUBLISHED + " to a day from now");
            return null;
        }
        return parsed;
    }

    private static Instant parseDate(String trimmed) {
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException notOffsetDateTime) {
            try {
                return LocalDate.parse(trimmed).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    /**
     * At most {@link Bounds#METADATA_ENTRIES} entries; a key is a name, a value text. A bad value
     * is named by its key; a bad key is not echoed (it may be the problem: 100 KB, invisible).
     */
    private static void metadata(Map<String, String> metadata, FieldRules.Errors error) {
        if (metadata.size() > Bounds.METADATA_ENTRIES) {
            error.add("metadata", "has more than " + Bounds.METADATA_ENTRIES + " entries");
            return;
        }
        for (Map.Entry<String, String> entry : metadata.entrySet()) {
            String key = entry.getKey();
            String keyProblem = isBlank(key) ? "is blank" : FieldRules.name(key, Bounds.METADATA_KEY);
            if (keyProblem != null) {
                error.add("metadata", "a key " + keyProblem);
                continue;
            }
            String valueProblem = entry.getValue() == null ? "must not be null"
                    : FieldRules.text(entry.getValue(), Bounds.METADATA_VALUE);
            if (valueProblem != null) {
                error.add("metadata." + key, valueProblem);
            }
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
