package io.newsflow.ingest.intake;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
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

    static final int MAX_AUTHORS = 50;
    static final int MAX_METADATA_ENTRIES = 32;
    static final int MAX_SHORT_FIELD = 1024;
    private static final String NO_NUL = "must not contain NUL characters";
    private static final Pattern LANGUAGE = Pattern.compile("[a-zA-Z]{2,3}([-_][a-zA-Z0-9]{1,8})*");

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
        String canonicalUrl = null;
        if (isBlank(submission.url())) {
            if (submission.html() != null) {
                errors.add(new InvalidArticleException.FieldError("url", "is required when posting html"));
            }
        } else {
            try {
                canonicalUrl = ArticleIds.canonicalUrl(submission.url());
            } catch (IllegalArgumentException e) {
                errors.add(new InvalidArticleException.FieldError("url", e.getMessage()));
            }
        }
        Source source = submission.source();
        if (source == null || (isBlank(source.name()) && isBlank(source.domain()))) {
            errors.add(new InvalidArticleException.FieldError("source", "is required (a name and/or a domain)"));
        }
        boolean hasHtml = submission.html() != null && !submission.html().isBlank();
        boolean hasText = submission.text() != null && !submission.text().isBlank();
        if (hasHtml == hasText) {
            errors.add(new InvalidArticleException.FieldError(hasHtml ? "text" : "html",
                    hasHtml ? "must be absent when html is given" : "exactly one of html and text is required"));
        }
        Instant publishedAt = null;
        if (!isBlank(submission.publishedAt())) {
            publishedAt = parseDate(submission.publishedAt());
            if (publishedAt == null) {
                errors.add(new InvalidArticleException.FieldError("publishedAt",
                        "must be an ISO-8601 date-time such as 2024-05-01T10:00:00Z, or a date such as 2024-05-01"));
            }
        }
        String language = null;
        if (!isBlank(submission.language())) {
            if (LANGUAGE.matcher(submission.language().strip()).matches()) {
                language = submission.language().strip().toLowerCase(Locale.ROOT).replace('_', '-');
            } else {
                errors.add(new InvalidArticleException.FieldError("language",
                        "must be an ISO 639-1 code such as en or pt-BR"));
            }
        }
        List<String> authors = submission.authors() == null ? List.of() : submission.authors().stream()
                .filter(author -> !isBlank(author)).map(String::strip).toList();
        if (authors.size() > MAX_AUTHORS || authors.stream().anyMatch(author -> author.length() > MAX_SHORT_FIELD)) {
            errors.add(new InvalidArticleException.FieldError("authors",
                    "at most " + MAX_AUTHORS + " names of at most " + MAX_SHORT_FIELD + " characters"));
        }
        Map<String, String> metadata = submission.metadata() == null ? Map.of() : submission.metadata();
        if (metadata.size() > MAX_METADATA_ENTRIES || metadata.entrySet().stream().anyMatch(entry ->
                isBlank(entry.getKey()) || entry.getValue() == null || entry.getKey().length() > 64
                        || entry.getValue().length() > MAX_SHORT_FIELD)) {
            errors.add(new InvalidArticleException.FieldError("metadata", "at most " + MAX_METADATA_ENTRIES
                    + " entries; keys non-blank, at most 64 characters; values non-null, at most "
                    + MAX_SHORT_FIELD + " characters"));
        }
        for (String field : List.of("title", "section")) {
            String value = "title".equals(field) ? submission.title() : submission.section();
            if (value != null && value.length() > MAX_SHORT_FIELD) {
                errors.add(new InvalidArticleException.FieldError(field,
                        "must be at most " + MAX_SHORT_FIELD + " characters"));
            }
        }
        for (String[] field : new String[][] {{"url", submission.url()}, {"title", submission.title()},
                {"section", submission.section()}, {"publishedAt", submission.publishedAt()},
                {"language", submission.language()}}) {
            if (field[1] != null && field[1].indexOf('\u0000') >= 0) {
                errors.add(new InvalidArticleException.FieldError(field[0], NO_NUL));
            }
        }
        if (submission.html() != null && submission.html().containsNul()) {
            errors.add(new InvalidArticleException.FieldError("html", NO_NUL));
        }
        if (submission.text() != null && submission.text().containsNul()) {
            errors.add(new InvalidArticleException.FieldError("text", NO_NUL));
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

    private static Instant parseDate(String value) {
        String trimmed = value.strip();
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

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
