package io.newsflow.ingest.articles;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a client's submission into an {@link ArticleReceived} and hands it to the broker.
 *
 * <p>Plain Java so that the rules of what we accept are tested without Spring or Kafka. The
 * revision is the accepting instance's clock in milliseconds: later posts of the same URL win
 * downstream. (Several ingest instances with skewed clocks could order two corrections made
 * within the skew wrongly; see the issue tracker for the broker-clock scheme that replaces this.)
 */
public class ArticleIntake {

    private final RawArticlePublisher publisher;
    private final Clock clock;

    public ArticleIntake(RawArticlePublisher publisher, Clock clock) {
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Validates, assigns the id and publishes; returns once the broker has the article. */
    public ArticleReceived accept(ArticleSubmission submission) {
        ArticleReceived article = toEvent(submission);
        publisher.publish(article);
        return article;
    }

    ArticleReceived toEvent(ArticleSubmission submission) {
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
        boolean hasHtml = !isBlank(submission.html());
        boolean hasText = !isBlank(submission.text());
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
        if (!errors.isEmpty()) {
            throw new InvalidArticleException(errors);
        }
        if (canonicalUrl != null) {
            source = source.withDomainIfMissing(ArticleIds.domainOf(canonicalUrl));
        }
        String content = hasHtml ? submission.html() : submission.text();
        String id = canonicalUrl != null ? ArticleIds.fromUrl(canonicalUrl) : ArticleIds.fromContent(source, content);
        Instant receivedAt = clock.instant();
        return new ArticleReceived(ArticleReceived.SCHEMA_VERSION, id, receivedAt.toEpochMilli(),
                isBlank(submission.url()) ? null : submission.url().strip(), canonicalUrl, source,
                isBlank(submission.title()) ? null : submission.title().strip(), publishedAt, receivedAt,
                hasHtml ? submission.html() : null, hasText ? submission.text() : null);
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
