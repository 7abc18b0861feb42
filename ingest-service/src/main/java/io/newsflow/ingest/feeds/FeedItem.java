package io.newsflow.ingest.feeds;

import java.time.Instant;
import java.util.List;

/**
 * One entry of a feed: the page it links to and what the feed says of it, passed to the article
 * as hints (the page's own metadata still decides where it is better).
 *
 * @param url         the item's link
 * @param title       its title in the feed
 * @param publishedAt its date in the feed
 * @param authors     its authors in the feed
 * @param categories  its categories in the feed
 */
public record FeedItem(String url, String title, Instant publishedAt, List<String> authors, List<String> categories) {
}
