package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Topics;
import io.newsflow.ingest.security.ApiKeys;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Feeds and fetching by URL against a real broker and a publisher served on 127.0.0.1 (the
 * local profile allows private addresses, as a demo does; link-local ones stay refused): a feed's
 * items become articles on news.raw with the feed's hints, robots.txt is honoured, the next poll is
 * a conditional GET answered 304, an item of two feeds is one article, health is shown, and bad
 * requests are refused naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"newsflow.ingest.feeds.min-interval=1s", "newsflow.ingest.feeds.fetch.per-host-interval=10ms"})
@ActiveProfiles("local")
class FeedsApiIT {

    static final String KEY = "feeds-key-0123456789";
    static final String OTHER = "other-key-0123456789";

    static HttpServer publisher;
    static String site;
    static final Queue<String> requests = new ConcurrentLinkedQueue<>();

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.ingest.security.api-keys[0].name", () -> "newsdesk");
        registry.add("newsflow.ingest.security.api-keys[0].sha256", () -> ApiKeys.hash(KEY));
        registry.add("newsflow.ingest.security.api-keys[1].name", () -> "other");
        registry.add("newsflow.ingest.security.api-keys[1].sha256", () -> ApiKeys.hash(OTHER));
    }

    @BeforeAll
    static void startPublisher() throws IOException {
        publisher = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site = "http://127.0.0.1:" + publisher.getAddress().getPort();
        publisher.createContext("/", FeedsApiIT::serve);
        publisher.start();
    }

    @AfterAll
    static void stopPublisher() {
        publisher.stop(0);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String inm = exchange.getRequestHeaders().getFirst("If-None-Match");
        requests.add(path + (inm == null ? "" : " if-none-match=" + inm) + " ua="
                + exchange.getRequestHeaders().getFirst("User-Agent"));
        String type = "text/html; charset=utf-8";
        String body;
        int status = 200;
        switch (path) {
            case "/robots.txt" -> {
                type = "text/plain";
                body = "User-agent: *\nDisallow: /private/\n";
            }
            case "/rss.xml" -> {
                if ("\"rss-1\"".equals(inm)) {
                    exchange.sendResponseHeaders(304, -1);
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("ETag", "\"rss-1\"");
                type = "application/rss+xml";
                body = rss();
            }
            case "/atom.xml" -> {
                type = "application/atom+xml";
                body = atom();
            }
            case "/news/1.html", "/news/2.html", "/news/3.html", "/news/4.html" -> body = page(path);
            case "/down.html" -> {
                status = 503;
                body = "busy";
            }
            default -> {
                status = 404;
                body = "not found";
            }
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String rss() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Local Times</title>
                <link>%1$s/</link><description>News</description>
                <item><title>Harbour reopens after storm</title><link>%1$s/news/1.html</link>
                  <pubDate>Tue, 10 Sep 2024 09:00:00 GMT</pubDate><dc:creator>Ana Silva</dc:creator>
                  <category>Local</category><category>Weather</category></item>
                <item><title>Council approves new bridge</title><link>%1$s/news/2.html?utm_source=rss</link>
                  <pubDate>Tue, 10 Sep 2024 10:00:00 GMT</pubDate></item>
                <item><title>Members only</title><link>%1$s/private/secret.html</link></item>
                </channel></rss>
                """.formatted(site);
    }

    private static String atom() {
        return """
                <?xml version="1.0" encoding="utf-8"?>
                <feed xmlns="http://www.w3.org/2005/Atom"><title>Local Times (Atom)</title><id>urn:x</id>
                <updated>2024-09-10T11:00:00Z</updated>
                <entry><title>Harbour reopens after storm</title><link href="%1$s/news/1.html"/><id>urn:1</id>
                  <updated>2024-09-10T09:00:00Z</updated></entry>
                <entry><title>School year starts</title><link href="%1$s/news/3.html"/><id>urn:3</id>
                  <updated>2024-09-10T11:00:00Z</updated><author><name>Bo Chen</name></author></entry>
                </feed>
                """.formatted(site);
    }

    private static String page(String path) {
        return "<html><head><title>Local Times " + path + "</title></head><body><article><h1>Story " + path
                + "</h1><p>" + "The harbour reopened on Tuesday after the storm, officials said. ".repeat(8)
                + "</p></article></body></html>";
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aFeedsItemsBecomeArticlesWithTheFeedsHintsAndTheNextPollIsConditional() throws Exception {
        HttpResponse<String> created = call("POST", "/feeds", """
                {"url": "%s/rss.xml", "source": "Local Times", "interval": "PT2S"}
                """.formatted(site), KEY);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode feed = EventJson.mapper().readTree(created.body());
        String feedId = feed.get("id").asString();
        assertThat(feedId).matches("[0-9a-f]{32}");
        assertThat(created.headers().firstValue("Location")).hasValue("/api/v1/feeds/" + feedId);

        String first = ArticleIds.fromUrl(site + "/news/1.html");
        ArticleReceived article = EventJson.mapper().readValue(KafkaTopics.readOne(Topics.RAW, first).value(),
                ArticleReceived.class);
        assertThat(article.title()).isEqualTo("Harbour reopens after storm");
        assertThat(article.publishedAt()).hasToString("2024-09-10T09:00:00Z");
        assertThat(article.authors()).containsExactly("Ana Silva");
        assertThat(article.section()).isEqualTo("Local");
        assertThat(article.metadata()).containsEntry("feedId", feedId).containsEntry("feedCategories", "Local, Weather");
        assertThat(article.source().name()).isEqualTo("Local Times");
        assertThat(KafkaTopics.readOne(Topics.RAW, ArticleIds.fromUrl(site + "/news/2.html")).value())
                .as("the tracking parameter is not part of the id").contains("Council approves new bridge");

        // health: two items taken, the robots-disallowed one counted as failed and never requested
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode health = EventJson.mapper().readTree(call("GET", "/feeds/" + feedId, null, KEY).body())
                    .get("health");
            assertThat(health.get("itemsIngested").asLong()).isEqualTo(2);
            assertThat(health.get("itemsFailed").asLong()).isEqualTo(1);
            assertThat(health.get("lastPolledAt").isNull()).isFalse();
            assertThat(health.get("failures").asInt()).isZero();
        });
        assertThat(requests).noneMatch(r -> r.startsWith("/private/"));
        assertThat(requests).anyMatch(r -> r.startsWith("/robots.txt"));
        assertThat(requests).allMatch(r -> r.contains("ua=Newsflow/"));
        // the next poll asks with the ETag and gets 304: nothing fetched again
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.contains("/rss.xml if-none-match=\"rss-1\" ua="
                + requests.stream().filter(r -> r.startsWith("/rss.xml")).findFirst().orElseThrow()
                        .replaceFirst(".* ua=", "")));
        assertThat(requests.stream().filter(r -> r.startsWith("/news/1.html")).count()).isEqualTo(1);

        // another feed listing the same page: one article id; its new item is taken
        HttpResponse<String> atom = call("POST", "/feeds", """
                {"url": "%s/atom.xml", "source": {"name": "Local Times", "domain": "localtimes.example"}}
                """.formatted(site), KEY);
        assertThat(atom.statusCode()).as(atom.body()).isEqualTo(201);
        assertThat(EventJson.mapper().readTree(atom.body()).get("interval").asString()).isEqualTo("PT10M");
        ConsumerRecord<String, String> third = KafkaTopics.readOne(Topics.RAW, ArticleIds.fromUrl(site + "/news/3.html"));
        assertThat(third.value()).contains("School year starts").contains("Bo Chen");

        JsonNode listing = EventJson.mapper().readTree(call("GET", "/feeds", null, KEY).body());
        assertThat(listing.get("feeds").findValuesAsString("id")).contains(feedId);
        assertThat(EventJson.mapper().readTree(call("GET", "/feeds", null, OTHER).body()).get("feeds")).isEmpty();
        assertThat(call("GET", "/feeds/" + feedId, null, OTHER).statusCode()).as("another key's feed").isEqualTo(404);

        // re-registering updates it (200); deleting stops it
        HttpResponse<String> again = call("POST", "/feeds", """
                {"url": "%s/rss.xml", "source": "Local Times", "interval": "PT1H"}
                """.formatted(site), KEY);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(again.body()).get("id").asString()).isEqualTo(feedId);
        assertThat(call("DELETE", "/feeds/" + feedId, null, KEY).statusCode()).isEqualTo(204);
        assertThat(call("GET", "/feeds/" + feedId, null, KEY).statusCode()).isEqualTo(404);
    }

    @Test
    void aPageIsFetchedByUrlAndIngested() throws Exception {
        HttpResponse<String> fetched = call("POST", "/articles:fetch", """
                {"url": "%s/news/4.html", "source": "Local Times"}
                """.formatted(site), KEY);
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(202);
        String id = EventJson.mapper().readTree(fetched.body()).get("id").asString();
        assertThat(id).isEqualTo(ArticleIds.fromUrl(site + "/news/4.html"));
        assertThat(KafkaTopics.readOne(Topics.RAW, id).value()).contains("Story /news/4.html");

        assertProblem(call("POST", "/articles:fetch", "{\"url\": \"" + site + "/missing.html\"}", KEY), 422,
                "page-refused");
        assertProblem(call("POST", "/articles:fetch", "{\"url\": \"" + site + "/private/secret.html\"}", KEY), 422,
                "robots");
        HttpResponse<String> down = call("POST", "/articles:fetch", "{\"url\": \"" + site + "/down.html\"}", KEY);
        assertProblem(down, 502, "page-unavailable");
        assertThat(down.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void badRequestsAreRefusedNamingTheField() throws Exception {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "file:///etc/passwd",
                "http://[::ffff:169.254.169.254]/", "http://user:pw@example.com/feed", "ftp://example.com/feed.xml")) {
            assertProblem(call("POST", "/feeds", "{\"url\":\"" + url + "\",\"source\":\"x\"}", KEY), 422, "url");
            assertProblem(call("POST", "/articles:fetch", "{\"url\":\"" + url + "\"}", KEY), 422, "url");
        }
        assertProblem(call("POST", "/feeds", "{\"url\":\"" + site + "/rss.xml\",\"source\":\"x\",\"interval\":\"10m\"}",
                KEY), 422, "interval");
        assertProblem(call("POST", "/feeds", "{\"url\":\"" + site + "/rss.xml\",\"source\":\"x\",\"interval\":\"P30D\"}",
                KEY), 422, "interval");
        assertProblem(call("POST", "/feeds", "{\"url\":\"" + site + "/rss.xml\"}", KEY), 422, "source");
        assertProblem(call("POST", "/feeds", "null", KEY), 400, "malformed-request");
        assertProblem(call("POST", "/feeds", "{\"url\":\"" + site + "/rss.xml\",\"colour\":1}", KEY), 400, "colour");
        assertProblem(call("POST", "/articles:fetch", "[]", KEY), 400, "malformed-request");
        assertThat(call("POST", "/feeds", "{}", null).statusCode()).isEqualTo(401);
        assertThat(call("DELETE", "/feeds/nope", null, KEY).statusCode()).isEqualTo(404);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).contains(mentions);
    }

    private HttpResponse<String> call(String method, String path, String body, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
