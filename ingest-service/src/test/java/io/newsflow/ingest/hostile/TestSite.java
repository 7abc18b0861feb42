package io.newsflow.ingest.hostile;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A publisher and a search index on 127.0.0.1 for the hostile-input tests, so that no request
 * of theirs leaves the machine and a well-formed request has a well-defined answer: pages under
 * {@code /news/} (robots.txt disallows {@code /private/}), a feed at {@code /rss.xml}, a 404 and a
 * PDF, and, for the status endpoint, an Elasticsearch stand-in that knows one article
 * ({@link #INDEXED_ID}) and no other.
 */
public final class TestSite implements AutoCloseable {

    /** The one article the stand-in index has. */
    public static final String INDEXED_ID = "0123456789abcdef0123456789abcdef";

    private final HttpServer server;

    public TestSite() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", TestSite::serve);
        server.start();
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private static void serve(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        exchange.getRequestBody().readAllBytes();
        String type = "text/html; charset=utf-8";
        int status = 200;
        String body;
        if (path.equals("/robots.txt")) {
            type = "text/plain";
            body = "User-agent: *\nDisallow: /private/\n";
        } else if (path.equals("/rss.xml")) {
            type = "application/rss+xml";
            body = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>Hostile Times</title><link>http://127.0.0.1/</link>
                    <description>d</description></channel></rss>
                    """;
        } else if (path.startsWith("/news-articles/_doc/")) {
            exchange.getResponseHeaders().add("X-Elastic-Product", "Elasticsearch");
            type = "application/json";
            String id = path.substring("/news-articles/_doc/".length());
            if (id.equals(INDEXED_ID)) {
                body = "{\"_index\":\"news-articles-v1\",\"_id\":\"" + id + "\",\"_version\":1,\"_seq_no\":0,"
                        + "\"_primary_term\":1,\"found\":true,\"_source\":{\"revision\":1,\"receivedAt\":"
                        + "\"2024-05-01T10:00:00Z\",\"indexedAt\":\"2024-05-01T10:00:02Z\",\"url\":"
                        + "\"https://example.com/indexed\",\"title\":\"Indexed\"}}";
            } else {
                status = 404;
                body = "{\"_index\":\"news-articles-v1\",\"_id\":\"" + id.replaceAll("[^0-9a-f]", "") + "\",\"found\":false}";
            }
        } else if (path.startsWith("/news/")) {
            body = "<html><head><title>Hostile Times</title></head><body><article><h1>A story</h1><p>"
                    + "The harbour reopened on Tuesday after the storm, officials said. ".repeat(5)
                    + "</p></article></body></html>";
        } else if (path.equals("/report.pdf")) {
            type = "application/pdf";
            body = "%PDF-1.4";
        } else {
            status = 404;
            body = "not found";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
