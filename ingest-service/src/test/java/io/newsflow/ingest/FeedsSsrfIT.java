package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.newsflow.ingest.security.ApiKeys;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The SSRF table with the allow-private switch off (production's default): every URL that would
 * reach this machine, its network or a metadata service is refused with a 422 naming the field,
 * for feeds and for fetching alike, and nothing is ever connected to (a server listening on
 * 127.0.0.1 counts the requests that reach it: none).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "newsflow.ingest.feeds.fetch.allow-private=false")
@ActiveProfiles("local")
class FeedsSsrfIT {

    static final String KEY = "ssrf-key-0123456789";

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.ingest.security.api-keys[0].name", () -> "newsdesk");
        registry.add("newsflow.ingest.security.api-keys[0].sha256", () -> ApiKeys.hash(KEY));
    }

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyUrlReachingThisMachineItsNetworkOrAMetadataServiceIsRefused() throws Exception {
        HttpServer target = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger reached = new AtomicInteger();
        target.createContext("/", exchange -> {
            reached.incrementAndGet();
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        target.start();
        int p = target.getAddress().getPort();
        try {
            List<String> refused = List.of("http://127.0.0.1/", "http://127.0.0.1:" + p + "/feed.xml",
                    "http://localhost/", "http://localhost:" + p + "/feed.xml", "http://localhost.:" + p + "/",
                    "http://[::1]/", "http://[::1]:" + p + "/", "http://[::ffff:127.0.0.1]:" + p + "/",
                    "http://[::ffff:7f00:1]/", "http://169.254.169.254/latest/meta-data/",
                    "http://[fe80::1]/", "http://10.0.0.1/", "http://192.168.1.1/", "http://172.16.0.1/",
                    "http://0.0.0.0:" + p + "/", "http://2130706433:" + p + "/", "http://0177.0.0.1:" + p + "/",
                    "http://0x7f.0.0.1:" + p + "/", "http://0x7f000001/", "http://127.1/", "file:///etc/passwd",
                    "gopher://127.0.0.1:" + p + "/", "ftp://127.0.0.1/", "http://user:pass@example.com/",
                    "javascript:alert(1)", "http://" + "a".repeat(2100) + ".example/");
            for (String url : refused) {
                String json = url.replace("\\", "\\\\").replace("\"", "\\\"");
                HttpResponse<String> fetch = post("/articles:fetch", "{\"url\":\"" + json + "\",\"source\":\"x\"}");
                assertThat(fetch.statusCode()).as(url + " " + fetch.body()).isEqualTo(422);
                assertThat(fetch.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
                assertThat(fetch.body()).as(url).contains("\"field\":\"url\"");
                HttpResponse<String> feed = post("/feeds", "{\"url\":\"" + json + "\",\"source\":\"x\"}");
                assertThat(feed.statusCode()).as(url + " " + feed.body()).isEqualTo(422);
                assertThat(feed.body()).as(url).contains("\"field\":\"url\"");
            }
            assertThat(reached).as("no connection was made").hasValue(0);
        } finally {
            target.stop(0);
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1" + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
