package io.newsflow.ingest.feeds;

import com.rometools.rome.feed.synd.SyndCategory;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.XmlReader;
import crawlercommons.sitemaps.AbstractSiteMap;
import crawlercommons.sitemaps.SiteMap;
import crawlercommons.sitemaps.SiteMapIndex;
import crawlercommons.sitemaps.SiteMapParser;
import crawlercommons.sitemaps.SiteMapURL;
import crawlercommons.sitemaps.UnknownFormatException;
import crawlercommons.sitemaps.extension.Extension;
import crawlercommons.sitemaps.extension.ExtensionMetadata;
import crawlercommons.sitemaps.extension.NewsAttributes;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a feed's items: RSS 0.9x/1.0/2.0 and Atom with Rome, sitemaps (with the Google News
 * extension's titles and dates) with crawler-commons. Neither resolves DTDs or external entities
 * (XXE). A sitemap index lists other sitemaps, not articles: its most recent children are
 * returned for the poller to read in the same poll.
 */
final class FeedParser {

    /** What a feed document holds. */
    record Parsed(List<FeedItem> items, List<String> sitemaps) {
    }

    /** The document is neither a feed nor a sitemap, or is broken. */
    static final class UnreadableFeedException extends Exception {
        UnreadableFeedException(String message) {
            super(message, null, false, false);
        }
    }

    /** Children of a sitemap index read per poll, most recently modified first. */
    static final int MAX_CHILD_SITEMAPS = 5;

    Parsed parse(byte[] body, String contentType, URI url) throws UnreadableFeedException {
        if (body == null || body.length == 0) {
            throw new UnreadableFeedException("the feed is empty");
        }
        String head = new String(body, 0, Math.min(body.length, 2048), StandardCharsets.ISO_8859_1)
                .toLowerCase(Locale.ROOT);
        if (head.contains("<urlset") || head.contains("<sitemapindex")) {
            return sitemap(body, url);
        }
        return feed(body, contentType);
    }

    private Parsed feed(byte[] body, String contentType) throws UnreadableFeedException {
        SyndFeed feed;
        try {
            var input = new SyndFeedInput();
            input.setAllowDoctypes(false);
            feed = input.build(new XmlReader(new ByteArrayInputStream(body), contentType, true));
        } catch (FeedException | IOException | IllegalArgumentException e) {
            throw new UnreadableFeedException("the document is not an RSS or Atom feed or a sitemap: " + oneLine(e));
        }
        List<FeedItem> items = new ArrayList<>();
        for (SyndEntry entry : feed.getEntries()) {
            String link = link(entry);
            if (link == null) {
                continue;
            }
            Date date = entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate();
            Set<String> authors = new LinkedHashSet<>();
            for (SyndPerson person : entry.getAuthors()) {
                addIfPresent(authors, person.getName());
            }
            addIfPresent(authors, entry.getAuthor());
            Set<String> categories = new LinkedHashSet<>();
            for (SyndCategory category : entry.getCategories()) {
                addIfPresent(categories, category.getName());
            }
            items.add(new FeedItem(link, blankToNull(entry.getTitle()), date == null ? null : date.toInstant(),
                    List.copyOf(authors), List.copyOf(categories)));
        }
        return new Parsed(items, List.of());
    }

    private Parsed sitemap(byte[] body, URI url) throws UnreadableFeedException {
        AbstractSiteMap sitemap;
        try {
            var parser = new SiteMapParser(false);
            parser.setAllowDocTypeDefinitions(false);
            parser.enableExtension(Extension.NEWS);
            URL base = url.toURL();
            sitemap = parser.parseSiteMap("text/xml", body, base);
        } catch (UnknownFormatException | IOException | IllegalArgumentException e) {
            throw new UnreadableFeedException("the sitemap cannot be read: " + oneLine(e));
        }
        if (sitemap instanceof SiteMapIndex index) {
            List<String> children = index.getSitemaps().stream()
                    .sorted(Comparator.comparing((AbstractSiteMap s) -> s.getLastModified() == null ? new Date(0)
                            : s.getLastModified()).reversed())
                    .limit(MAX_CHILD_SITEMAPS).map(s -> s.getUrl().toString()).toList();
            return new Parsed(List.of(), children);
        }
        List<FeedItem> items = new ArrayList<>();
        for (SiteMapURL entry : ((SiteMap) sitemap).getSiteMapUrls()) {
            String title = null;
            Instant published = entry.getLastModified() == null ? null : entry.getLastModified().toInstant();
            List<String> keywords = List.of();
            ExtensionMetadata[] news = entry.getAttributesForExtension(Extension.NEWS);
            if (news != null && news.length > 0 && news[0] instanceof NewsAttributes attributes) {
                title = blankToNull(attributes.getTitle());
                if (attributes.getPublicationDateTime() != null) {
                    published = attributes.getPublicationDateTime().toInstant();
                }
                if (attributes.getKeywords() != null) {
                    keywords = List.of(attributes.getKeywords());
                }
            }
            items.add(new FeedItem(entry.getUrl().toString(), title, published, List.of(), keywords));
        }
        return new Parsed(items, List.of());
    }

    /** The entry's page: its link, else an alternate link, else a GUID that is a URL. */
    private static String link(SyndEntry entry) {
        if (isHttp(entry.getLink())) {
            return entry.getLink().strip();
        }
        if (entry.getLinks() != null) {
            for (var link : entry.getLinks()) {
                if ((link.getRel() == null || "alternate".equals(link.getRel())) && isHttp(link.getHref())) {
                    return link.getHref().strip();
                }
            }
        }
        return isHttp(entry.getUri()) ? entry.getUri().strip() : null;
    }

    private static boolean isHttp(String value) {
        if (value == null) {
            return false;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        return v.startsWith("http://") || v.startsWith("https://");
    }

    private static void addIfPresent(Set<String> values, String value) {
        if (value != null && !value.isBlank() && value.length() <= 1024) {
            values.add(value.strip());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String oneLine(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        message = message.replaceAll("\\s+", " ");
        return message.length() > 200 ? message.substring(0, 200) + "…" : message;
    }
}
