package io.newsflow.ingest.feeds;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.intake.InvalidArticleException.FieldError;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.outbound.OutboundRefusedException;
import io.newsflow.outbound.PageFetcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The feeds API's logic: registering, listing and deleting feeds (each API key sees its own), and
 * fetching one page on demand. Registrations go to the feeds topic; the instance owning a feed's
 * partition polls it ({@link FeedScheduler}).
 */
public final class Feeds {

    /**
     * @param minInterval     shortest polling interval accepted (polite to publishers)
     * @param maxInterval     longest polling interval accepted
     * @param defaultInterval interval of a feed registered without one
     * @param maxPerKey       feeds one API key may register
     */
    public record Settings(Duration minInterval, Duration maxInterval, Duration defaultInterval, int maxPerKey) {
    }

    /** A feed as the API shows it, with its health. */
    @io.swagger.v3.oas.annotations.media.Schema(name = "FeedView")
    public record View(String id, String url, Source source, String interval, Instant createdAt, Health health) {
    }

    /**
     * How a feed's polling goes.
     *
     * @param lastPolledAt  when it was last polled (null: not yet)
     * @param lastChangedAt when a poll last found new items
     * @param nextPollAt    when it is due next
     * @param failures      polls failed in a row
     * @param lastError     what the last failed poll met
     * @param lastStatus    HTTP status of the last answer
     * @param itemsSeen     items taken from the feed so far
     * @param itemsIngested item pages accepted into the pipeline
     * @param itemsFailed   item pages that could not be fetched or were refused, for good
     */
    public record Health(Instant lastPolledAt, Instant lastChangedAt, Instant nextPollAt, int failures,
            String lastError, Integer lastStatus, long itemsSeen, long itemsIngested, long itemsFailed) {
    }

    /** A registration's outcome: the feed, and whether it is new (201) or was updated (200). */
    public record Registered(View feed, boolean created) {
    }

    /** The API key holds its maximum of feeds. */
    public static final class TooManyFeedsException extends RuntimeException {
        TooManyFeedsException(String message) {
            super(message, null, false, false);
        }
    }

    /** The feeds topic could not be read or written in time. */
    public static final class UnavailableException extends RuntimeException {
        UnavailableException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private static final Duration READ_WAIT = Duration.ofSeconds(5);
    private static final Pattern INTERVAL = Pattern.compile(FeedRequest.Bounds.INTERVAL_PATTERN);

    private final FeedTable table;
    private final FeedLog log;
    private final CompactedTopicReader reader;
    private final OutboundGuard guard;
    private final FeedPoller poller;
    private final Settings settings;
    private final Clock clock;

    Feeds(FeedTable table, FeedLog log, CompactedTopicReader reader, OutboundGuard guard, FeedPoller poller,
            Settings settings, Clock clock) {
        this.table = table;
        this.log = log;
        this.reader = reader;
        this.guard = guard;
        this.poller = poller;
        this.settings = settings;
        this.clock = clock;
    }

    /** Registers a feed, or updates the source and interval of one already registered by this key. */
    public Registered register(FeedRequest request, String owner) {
        List<FieldError> errors = new ArrayList<>();
        FieldRules.Errors error = (field, message) -> errors.add(new FieldError(field, message));
        String url = checkUrl(request == null ? null : request.url(), errors);
        Source source = request == null ? null : request.source();
        if (source == null || !FieldRules.given(source.name(), FieldRules.MAX_SOURCE_NAME)
                && !FieldRules.given(source.domain(), FieldRules.MAX_SOURCE_DOMAIN)) {
            errors.add(new FieldError("source", "is required (a name and/or a domain)"));
        } else {
            FieldRules.source(source, error);
        }
        Duration interval = settings.defaultInterval();
        if (request != null && FieldRules.given(request.interval(), FeedRequest.Bounds.INTERVAL)) {
            String value = request.interval();
            if (value.length() > FeedRequest.Bounds.INTERVAL || !INTERVAL.matcher(value).matches()) {
                errors.add(new FieldError("interval", "must be an ISO-8601 duration such as PT10M"));
            } else {
                try {
                    interval = Duration.parse(value);
                    if (interval.compareTo(settings.minInterval()) < 0
                            || interval.compareTo(settings.maxInterval()) > 0) {
                        errors.add(new FieldError("interval", "must be between " + settings.minInterval() + " and "
                                + settings.maxInterval()));
                    }
                } catch (DateTimeParseException | ArithmeticException e) {
                    errors.add(new FieldError("interval", "must be an ISO-8601 duration such as PT10M"));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidFeedException(errors);
        }
        awaitTable();
        String id = ArticleIds.fromUrl(url);
        Feed existing = table.feed(id);
        if (existing != null && !existing.owner().equals(owner)) {
            // another key's feed of the same URL: one poll serves both, but each key manages its own
            throw new InvalidFeedException(List.of(new FieldError("url", "is already registered by another API key")));
        }
        if (existing == null && table.feeds().stream().filter(f -> f.owner().equals(owner)).count()
                >= settings.maxPerKey()) {
            throw new TooManyFeedsException("This API key holds its maximum of " + settings.maxPerKey()
                    + " feeds; delete one first.");
        }
        Feed feed = new Feed(Feed.SCHEMA_VERSION, id, url, source.withDomainIfMissing(ArticleIds.domainOf(url)),
                interval.toString(), owner, existing != null ? existing.createdAt() : clock.instant());
        try {
            log.write(feed);
        } catch (FeedLog.FeedsUnavailableException e) {
            throw new UnavailableException(e.getMessage(), e);
        }
        table.put(feed);
        return new Registered(view(feed), existing == null);
    }

    public List<View> list(String owner) {
        awaitTable();
        return table.feeds().stream().filter(f -> f.owner().equals(owner))
                .sorted(Comparator.comparing(Feed::createdAt).thenComparing(Feed::id)).map(this::view).toList();
    }

    public Optional<View> get(String id, String owner) {
        awaitTable();
        Feed feed = table.feed(id);
        return feed == null || !feed.owner().equals(owner) ? Optional.empty() : Optional.of(view(feed));
    }

    /** Deletes a feed of this key: its polling stops within seconds. False if it has none of this id. */
    public boolean delete(String id, String owner) {
        awaitTable();
        Feed feed = table.feed(id);
        if (feed == null || !feed.owner().equals(owner)) {
            return false;
        }
        try {
            log.delete(id);
        } catch (FeedLog.FeedsUnavailableException e) {
            throw new UnavailableException(e.getMessage(), e);
        }
        table.removeFeed(id);
        return true;
    }

    /**
     * Fetches one page now and accepts it as an article (the same path as a feed's items).
     *
     * @throws InvalidFeedException when the request itself is invalid (nothing is fetched)
     */
    public ArticleIntake.Accepted fetch(FetchRequest request)
            throws PageFetcher.FetchException, UnusablePageException {
        List<FieldError> errors = new ArrayList<>();
        String url = checkUrl(request == null ? null : request.url(), errors);
        Source source = request == null ? null : request.source();
        FieldRules.source(source, (field, message) -> errors.add(new FieldError(field, message)));
        if (!errors.isEmpty()) {
            throw new InvalidFeedException(errors);
        }
        Source publisher = source == null || isBlank(source.name()) && isBlank(source.domain())
                ? new Source(null, ArticleIds.domainOf(url)) : source;
        return poller.fetchAndAccept(url, publisher, null, null);
    }

    private String checkUrl(String url, List<FieldError> errors) {
        if (!FieldRules.given(url, FieldRules.MAX_URL)) {
            errors.add(new FieldError("url", "is required"));
            return null;
        }
        String problem = FieldRules.url(url);
        if (problem != null) {
            errors.add(new FieldError("url", problem));
            return null;
        }
        try {
            guard.checkUrl(url.strip());
            ArticleIds.canonicalUrl(url.strip()); // the id is made from it: it must exist
            return url.strip();
        } catch (OutboundRefusedException e) {
            errors.add(new FieldError("url", "is refused: " + e.getMessage()));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("url", e.getMessage()));
        }
        return null;
    }

    private View view(Feed feed) {
        FeedState s = table.state(feed.id());
        Health health = s == null ? new Health(null, null, null, 0, null, null, 0, 0, 0)
                : new Health(s.lastPolledAt(), s.lastChangedAt(), s.nextPollAt(), s.failures(), s.lastError(),
                        s.lastStatus(), s.itemsSeen(), s.itemsIngested(), s.itemsFailed());
        return new View(feed.id(), feed.url(), feed.source(), feed.interval(), feed.createdAt(), health);
    }

    private void awaitTable() {
        try {
            if (!reader.awaitCaughtUp(READ_WAIT)) {
                throw new UnavailableException("the feeds are still being read from the broker", null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted", e);
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
