package io.newsflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The publisher bench-feeds polls, on its own (no ingest service): feeds on distinct loopback
 * hosts, 304 to a matching conditional GET, unique pages, and the counts the benchmark measures
 * with.
 */
class FeedPublisherTest {

    private static final Pattern LINK = Pattern.compile("<link>(http[^<]+\\.html)</link>");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void servesFeedsPagesAndRobotsAndCountsThem() throws Exception {
        try (FeedPublisher publisher = FeedPublisher.start(new FeedPublisher.Settings(10, 2, 20, "test"))) {
            assertThat(publisher.feedUrl(0).getHost()).isEqualTo("127.0.0.2");
            assertThat(publisher.feedUrl(1).getHost()).isEqualTo("127.0.0.3");

            HttpResponse<String> feed = get(publisher.feedUrl(0), null);
            assertThat(feed.statusCode()).isEqualTo(200);
            assertThat(feed.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                    "application/rss+xml"));
            List<String> links = links(feed.body());
            assertThat(links).hasSize(20).doesNotHaveDuplicates();
            String etag = feed.headers().firstValue("ETag").orElseThrow();

            assertThat(get(publisher.feedUrl(0), etag).statusCode()).isEqualTo(304);

            HttpResponse<String> page = get(URI.create(links.get(0)), null);
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith(
                    "text/html"));
            assertThat(page.body()).contains("<article>", "feed 0, story 19").hasSizeGreaterThan(1500);
            assertThat(get(URI.create(links.get(1)), null).body()).isNotEqualTo(page.body());
            assertThat(get(publisher.origin(1).resolve("/robots.txt"), null).body()).contains("Allow: /");

            publisher.publish(0);
            HttpResponse<String> changed = get(publisher.feedUrl(0), etag);
            assertThat(changed.statusCode()).as("a new item changes the ETag").isEqualTo(200);
            assertThat(links(changed.body())).hasSize(20).first().asString()
                    .startsWith(publisher.feedUrl(0).resolve("/").toString()).contains("f0-20.html");

            assertThat(publisher.counts()).isEqualTo(new FeedPublisher.Counts(1, 2, 1, 2, 0));
            assertThat(publisher.requests(0)).extracting(FeedPublisher.FeedRequest::status).containsExactly(200, 304, 200);
            assertThat(publisher.progress()).isEqualTo(new FeedPublisher.Progress(1, 10, 2, 20));
            assertThat(get(publisher.origin(0).resolve("/nothing"), null).statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(URI uri, String etag) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2));
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> links(String rss) {
        Matcher m = LINK.matcher(rss);
        List<String> links = new java.util.ArrayList<>();
        while (m.find()) {
            links.add(m.group(1));
        }
        return links;
    }
}
