package io.newsflow.ingest.feeds;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.ArticleSubmission;
import io.newsflow.ingest.intake.ArticleSubmission.Bounds;
import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.FieldRules;
import io.newsflow.ingest.intake.InvalidArticleException;
import io.newsflow.ingest.page.PageText;
import io.newsflow.outbound.PageFetcher;
import io.newsflow.pages.PageCharsets;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Polls one feed: a conditional GET of the feed, its items read, each new item's page fetched
 * and handed to {@link ArticleIntake} exactly as a posted article (same validation, id from the
 * page's URL, so an item listed by two feeds is one article), with the feed's title, date,
 * authors and categories as hints. Spring- and Kafka-free: it takes the feed's last
 * {@link FeedState} and returns the next one, which says when to poll again.
 *
 * <p>Pacing: a feed that changed is polled again after its interval; one that did not (304, or
 * nothing new) is polled less often, up to four times its interval; one that failed backs off
 * exponentially (interval x 2^failures, at most {@code maxBackoff}). An item whose page failed
 * for a reason that may pass (5xx, timeout, the broker unavailable) is not remembered, so the
 * next poll takes it again; one that can never succeed (404, refused by robots.txt or the SSRF
 * guard, not a page, invalid) is remembered and counted as failed.
 */
final class FeedPoller {

    /**
     * @param maxItemsPerPoll item pages fetched per poll at most (the rest wait for the next poll,
     *                        which then comes after the shortest interval)
     * @param seenMemory      item keys remembered per feed (a feed lists its latest items; a few
     *                        thousand covers any news feed's window)
     * @param maxBackoff      longest wait after failures
     * @param maxInterval     longest wait for a feed that rarely changes
     */
    record Settings(int maxItemsPerPoll, int seenMemory, Duration maxBackoff, Duration maxInterval) {
    }

    private static final Instant EARLIEST = Instant.parse(Bounds.EARLIEST_PUBLISHED);

    private final PageFetcher fetcher;
    private final ArticleIntake intake;
    private final FeedParser parser = new FeedParser();
    private final FeedMetrics metrics;
    private final Settings settings;
    private final Clock clock;

    FeedPoller(PageFetcher fetcher, ArticleIntake intake, FeedMetrics metrics, Settings settings, Clock clock) {
        this.fetcher = fetcher;
        this.intake = intake;
        this.metrics = metrics;
        this.settings = settings;
        this.clock = clock;
    }

    /** Polls the feed once; never throws: a failure is in the returned state. */
    FeedState poll(Feed feed, FeedState previous) {
        FeedState state = previous == null ? FeedState.initial(feed.id()) : previous;
        Instant now = clock.instant();
        PageFetcher.Response response;
        try {
            response = fetcher.fetch(feed.url(), new PageFetcher.Conditions(state.etag(), state.lastModified()));
        } catch (PageFetcher.FetchException e) {
            return failed(feed, state, now, "the feed could not be fetched: " + e.getMessage(),
                    e.status() == 0 ? null : e.status());
        }
        if (response.notModified()) {
            metrics.poll("unchanged");
            return unchanged(feed, state, now, response, response.status());
        }
        List<FeedItem> items = new ArrayList<>();
        try {
            FeedParser.Parsed parsed = parser.parse(response.body(), response.contentType(), response.url());
            items.addAll(parsed.items());
            for (String child : parsed.sitemaps()) {
                try {
                    var page = fetcher.fetch(child, PageFetcher.Conditions.none());
                    items.addAll(parser.parse(page.body(), page.contentType(), page.url()).items());
                } catch (PageFetcher.FetchException | FeedParser.UnreadableFeedException e) {
                    metrics.poll("child-sitemap-failed");
                }
            }
        } catch (FeedParser.UnreadableFeedException e) {
            return failed(feed, state, now, e.getMessage(), response.status());
        }
        return take(feed, state, now, response, items);
    }

    /** Ingests the items not seen before, newest first, and says what happened. */
    private FeedState take(Feed feed, FeedState state, Instant now, PageFetcher.Response response,
            List<FeedItem> items) {
        Set<String> seen = state.seenSet();
        Map<String, FeedItem> fresh = new LinkedHashMap<>();
        items.stream().sorted(Comparator.comparing((FeedItem i) -> i.publishedAt() == null ? Instant.EPOCH
                : i.publishedAt()).reversed()).forEach(item -> {
                    String key = key(item.url());
                    if (key != null && !seen.contains(key)) {
                        fresh.putIfAbsent(key, item);
                    }
                });
        List<String> taken = new ArrayList<>();
        long ingested = 0;
        long failed = 0;
        boolean deferred = fresh.size() > settings.maxItemsPerPoll();
        String transientError = null;
        int n = 0;
        for (Map.Entry<String, FeedItem> entry : fresh.entrySet()) {
            if (n++ == settings.maxItemsPerPoll()) {
                break;
            }
            try {
                fetchAndAccept(entry.getValue().url(), feed.source(), feed.id(), entry.getValue());
                taken.add(entry.getKey());
                ingested++;
                metrics.item("ingested");
            } catch (PageFetcher.FetchException e) {
                if (e.isTransient()) {
                    transientError = "an item's page could not be fetched (will retry): " + e.getMessage();
                    deferred = true;
                    metrics.item("deferred");
                } else {
                    taken.add(entry.getKey());
                    failed++;
                    metrics.item("failed");
                }
            } catch (UnusablePageException | InvalidArticleException e) {
                taken.add(entry.getKey());
                failed++;
                metrics.item("failed");
            } catch (BrokerUnavailableException e) {
                transientError = "the broker did not take an item (will retry): " + e.getMessage();
                deferred = true;
                metrics.item("deferred");
                break;
            }
        }
        boolean changed = !fresh.isEmpty();
        metrics.poll(changed ? "changed" : "unchanged");
        int unchangedPolls = changed ? 0 : state.unchangedPolls() + 1;
        // items left over come in the next poll, a minute later (or after the interval, if shorter)
        Duration wait = deferred ? min(Duration.ofMinutes(1), feed.every()) : stretched(feed, unchangedPolls);
        Instant next = now.plus(wait);
        // items left for the next poll: forget the validators, so that it reads the feed again
        String etag = deferred ? null : response.etag();
        String lastModified = deferred ? null : response.lastModified();
        return new FeedState(FeedState.SCHEMA_VERSION, feed.id(), etag, lastModified, now,
                changed ? now : state.lastChangedAt(), next, 0, transientError, response.status(),
                state.itemsSeen() + taken.size(), state.itemsIngested() + ingested,
                state.itemsFailed() + failed, unchangedPolls,
                FeedState.remember(state.seen(), taken, settings.seenMemory()), now);
    }

    private FeedState unchanged(Feed feed, FeedState state, Instant now, PageFetcher.Response response, int status) {
        int unchangedPolls = state.unchangedPolls() + 1;
        return new FeedState(FeedState.SCHEMA_VERSION, feed.id(),
                response.etag() != null ? response.etag() : state.etag(),
                response.lastModified() != null ? response.lastModified() : state.lastModified(), now,
                state.lastChangedAt(), now.plus(stretched(feed, unchangedPolls)), 0, null, status, state.itemsSeen(),
                state.itemsIngested(), state.itemsFailed(), unchangedPolls, state.seen(), now);
    }

    private FeedState failed(Feed feed, FeedState state, Instant now, String error, Integer status) {
        metrics.poll("failed");
        int failures = state.failures() + 1;
        Duration wait = feed.every().multipliedBy(1L << Math.min(failures, 16));
        if (wait.compareTo(settings.maxBackoff()) > 0) {
            wait = settings.maxBackoff();
        }
        return new FeedState(FeedState.SCHEMA_VERSION, feed.id(), state.etag(), state.lastModified(), now,
                state.lastChangedAt(), now.plus(wait), failures, error, status, state.itemsSeen(),
                state.itemsIngested(), state.itemsFailed(), state.unchangedPolls(), state.seen(), now);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** The interval stretched for a feed that keeps not changing: up to four times, within the maximum. */
    private Duration stretched(Feed feed, int unchangedPolls) {
        double factor = Math.min(4.0, 1.0 + unchangedPolls / 3.0);
        Duration stretched = Duration.ofMillis((long) (feed.every().toMillis() * factor));
        return stretched.compareTo(settings.maxInterval()) > 0 && feed.every().compareTo(settings.maxInterval()) < 0
                ? settings.maxInterval() : stretched.compareTo(feed.every()) < 0 ? feed.every() : stretched;
    }

    /**
     * Fetches one page and accepts it as an article of {@code source}; the hints (from a feed, or
     * none) fill the fields the page may not state.
     *
     * @param feedId the feed it came from (kept in the article's metadata), or null
     */
    ArticleIntake.Accepted fetchAndAccept(String url, Source source, String feedId, FeedItem hints)
            throws PageFetcher.FetchException, UnusablePageException {
        PageFetcher.Response page = fetcher.fetch(url, PageFetcher.Conditions.none());
        String type = page.contentType() == null ? "" : page.contentType().toLowerCase(Locale.ROOT);
        if (!type.isEmpty() && !type.startsWith("text/html") && !type.startsWith("application/xhtml")) {
            throw new UnusablePageException("the page is not HTML (" + abbreviate(page.contentType()) + ")");
        }
        if (page.body().length == 0) {
            throw new UnusablePageException("the page is empty");
        }
        String html;
        try {
            html = PageCharsets.decodeStrictly(page.body(), charsetOf(page.contentType()));
        } catch (PageCharsets.UndecodableException e) {
            html = PageCharsets.decode(page.body()); // a publisher's stray byte must not lose the article
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        if (feedId != null) {
            metadata.put("feedId", feedId);
        }
        String section = null;
        List<String> authors = List.of();
        String title = null;
        String publishedAt = null;
        if (hints != null) {
            // a feed's hints are a third party's: one the article's bounds would refuse is left out
            // (the page's own metadata still counts) rather than losing the article with it
            title = fits(hints.title(), Bounds.TITLE);
            publishedAt = hints.publishedAt() == null || hints.publishedAt().isBefore(EARLIEST)
                    || hints.publishedAt().isAfter(clock.instant().plus(Bounds.LATEST_PUBLISHED_AHEAD)) ? null
                    : hints.publishedAt().toString();
            authors = hints.authors().stream().filter(author -> fits(author, Bounds.AUTHOR) != null).limit(20).toList();
            if (!hints.categories().isEmpty()) {
                section = fits(hints.categories().get(0), Bounds.SECTION);
                String categories = fits(abbreviate(String.join(", ", hints.categories())), Bounds.METADATA_VALUE);
                if (categories != null) {
                    metadata.put("feedCategories", categories);
                }
            }
        }
        return intake.accept(new ArticleSubmission(page.url().toString(), source, PageText.of(html), null, title,
                publishedAt, null, authors, section, metadata));
    }

    /** An item's key: the id its article will get (so two links to one page are one item). */
    static String key(String url) {
        try {
            return ArticleIds.fromUrl(url);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Charset charsetOf(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                try {
                    return Charset.forName(p.substring(8).replace("\"", "").strip());
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static String fits(String hint, int max) {
        return hint == null || FieldRules.text(hint, max) != null ? null : hint;
    }

    private static String abbreviate(String value) {
        return value.length() > 1000 ? value.substring(0, 1000) : value;
    }
}
