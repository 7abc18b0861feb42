package io.newsflow.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedParserTest {

    final FeedParser parser = new FeedParser();
    final URI base = URI.create("https://news.example.com/feeds/x");

    @Test
    void readsRss2ItemsWithTheirHints() throws Exception {
        var parsed = parser.parse(bytes("""
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>T</title>
                <item><title> Port reopens </title><link>https://news.example.com/a</link>
                  <pubDate>Tue, 10 Sep 2024 09:00:00 GMT</pubDate><dc:creator>Ana Silva</dc:creator>
                  <category>Local</category><category>Weather</category></item>
                <item><title>No link but a URL guid</title><guid isPermaLink="true">https://news.example.com/b</guid></item>
                <item><title>Nothing to fetch</title><guid isPermaLink="false">tag:example,1</guid></item>
                </channel></rss>"""), "application/rss+xml", base);

        assertThat(parsed.items()).hasSize(2);
        FeedItem first = parsed.items().get(0);
        assertThat(first.url()).isEqualTo("https://news.example.com/a");
        assertThat(first.title()).isEqualTo("Port reopens");
        assertThat(first.publishedAt()).hasToString("2024-09-10T09:00:00Z");
        assertThat(first.authors()).containsExactly("Ana Silva");
        assertThat(first.categories()).containsExactly("Local", "Weather");
        assertThat(parsed.items().get(1).url()).isEqualTo("https://news.example.com/b");
    }

    @Test
    void readsAtomEntries() throws Exception {
        var parsed = parser.parse(bytes("""
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><id>urn:x</id><updated>2024-09-10T11:00:00Z</updated>
                <entry><title>School year starts</title><link rel="alternate" href="https://news.example.com/c"/>
                  <id>urn:3</id><published>2024-09-10T10:30:00+02:00</published><updated>2024-09-10T11:00:00Z</updated>
                  <author><name>Bo Chen</name></author><category term="Education"/></entry>
                </feed>"""), "application/atom+xml", base);

        assertThat(parsed.items()).singleElement().satisfies(item -> {
            assertThat(item.url()).isEqualTo("https://news.example.com/c");
            assertThat(item.publishedAt()).hasToString("2024-09-10T08:30:00Z");
            assertThat(item.authors()).containsExactly("Bo Chen");
            assertThat(item.categories()).containsExactly("Education");
        });
    }

    @Test
    void readsNewsSitemapsAndListsTheNewestChildrenOfAnIndex() throws Exception {
        var parsed = parser.parse(bytes("""
                <?xml version="1.0" encoding="UTF-8"?>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
                        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
                  <url><loc>https://news.example.com/d</loc>
                    <news:news><news:publication><news:name>Example</news:name><news:language>en</news:language></news:publication>
                      <news:publication_date>2024-09-10T12:00:00Z</news:publication_date>
                      <news:title>Bridge opens</news:title><news:keywords>bridge, city</news:keywords></news:news></url>
                  <url><loc>https://news.example.com/e</loc><lastmod>2024-09-09</lastmod></url>
                </urlset>"""), "application/xml", URI.create("https://news.example.com/sitemap-news.xml"));

        assertThat(parsed.items()).hasSize(2);
        assertThat(parsed.items().get(0).title()).isEqualTo("Bridge opens");
        assertThat(parsed.items().get(0).publishedAt()).hasToString("2024-09-10T12:00:00Z");
        assertThat(parsed.items().get(1).url()).isEqualTo("https://news.example.com/e");

        var index = parser.parse(bytes("""
                <?xml version="1.0" encoding="UTF-8"?>
                <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
                  <sitemap><loc>https://news.example.com/s-old.xml</loc><lastmod>2020-01-01</lastmod></sitemap>
                  <sitemap><loc>https://news.example.com/s-new.xml</loc><lastmod>2024-09-10</lastmod></sitemap>
                </sitemapindex>"""), "application/xml", URI.create("https://news.example.com/sitemap.xml"));
        assertThat(index.items()).isEmpty();
        assertThat(index.sitemaps()).containsExactly("https://news.example.com/s-new.xml",
                "https://news.example.com/s-old.xml");
    }

    @Test
    void refusesWhatIsNotAFeedAndNeverResolvesExternalEntities() {
        assertThatThrownBy(() -> parser.parse(bytes("<html><body>Not a feed</body></html>"), "text/html", base))
                .isInstanceOf(FeedParser.UnreadableFeedException.class).hasMessageContaining("not an RSS or Atom feed");
        assertThatThrownBy(() -> parser.parse(new byte[0], null, base)).hasMessageContaining("empty");
        assertThatThrownBy(() -> parser.parse(bytes("""
                <?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <rss version="2.0"><channel><title>&xxe;</title><item><link>https://x.example/a</link></item></channel></rss>
                """), "application/rss+xml", base)).isInstanceOf(FeedParser.UnreadableFeedException.class);
        assertThatThrownBy(() -> parser.parse(bytes("""
                <?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.example/&xxe;</loc></url></urlset>
                """), "application/xml", base)).isInstanceOf(FeedParser.UnreadableFeedException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
