package io.newsflow.elasticsearch;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.client.protocol.HttpClientContext;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * How a service reaches Elasticsearch, and the one place where its client is built: every
 * service (and the command-line tools) used to build its own, and only some could authenticate,
 * none could trust a cluster's own certificate authority.
 *
 * <p>The client is the 8.19 low-level {@link RestClient}, built by hand: Boot 4's
 * auto-configuration targets the 9.x client, which sends {@code compatible-with=9} and is refused
 * by 8.x clusters. A secured cluster (as in {@code docker-compose.yml}) is reached over
 * {@code https://} with the CA that signed its certificate ({@code caCertificate}, PEM, as
 * Elastic's {@code elasticsearch-certutil} writes it; without it the JVM's trust store decides)
 * and either a user of a role made for the service or an API key, never both. Hostnames are
 * verified against the certificate.
 *
 * @param uris           node URLs, e.g. {@code https://elasticsearch:9200}
 * @param username       basic-auth user (optional)
 * @param password       its password
 * @param apiKey         an API key, the base64 {@code encoded} value Elasticsearch returns
 *                       (optional; instead of a user)
 * @param caCertificate  PEM file of the certificate authority to trust for {@code https} (optional)
 * @param connectTimeout TCP connect timeout, and how long to wait for a pooled connection
 * @param socketTimeout  how long to wait for a response
 */
public record ElasticsearchConnection(
        List<String> uris,
        String username,
        String password,
        String apiKey,
        Path caCertificate,
        Duration connectTimeout,
        Duration socketTimeout) {

    public ElasticsearchConnection {
        uris = uris == null ? List.of() : uris.stream().filter(u -> u != null && !u.isBlank()).map(String::strip)
                .toList();
        username = blankToNull(username);
        password = blankToNull(password);
        apiKey = blankToNull(apiKey);
        if (apiKey != null && username != null) {
            throw new IllegalArgumentException("Elasticsearch: set either a username or an API key, not both");
        }
        if (username != null && password == null) {
            throw new IllegalArgumentException("Elasticsearch: user " + username + " has no password");
        }
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        socketTimeout = socketTimeout == null ? Duration.ofSeconds(30) : socketTimeout;
    }

    /** Addresses only, no authentication, default timeouts (tests, a local node). */
    public static ElasticsearchConnection to(List<String> uris) {
        return new ElasticsearchConnection(uris, null, null, null, null, null, null);
    }

    /** The file at {@code path}, or null when it is blank (configuration left empty). */
    public static Path file(String path) {
        return path == null || path.isBlank() ? null : Path.of(path.strip());
    }

    /** Whether any address is configured (some services run without Elasticsearch). */
    public boolean configured() {
        return !uris.isEmpty();
    }

    /**
     * A new client; the caller closes it.
     *
     * @throws IllegalArgumentException when no address is configured, an address is not a URL, or
     *                                  the CA file can't be read as certificates (said at start,
     *                                  not at the first request)
     */
    public RestClient open() {
        if (uris.isEmpty()) {
            throw new IllegalArgumentException("Elasticsearch: no address configured");
        }
        HttpHost[] hosts = uris.stream().map(ElasticsearchConnection::host).toArray(HttpHost[]::new);
        int connect = (int) connectTimeout.toMillis();
        RestClientBuilder builder = RestClient.builder(hosts)
                .setRequestConfigCallback(request -> request.setConnectTimeout(connect)
                        .setConnectionRequestTimeout(connect)
                        .setSocketTimeout((int) socketTimeout.toMillis()));
        if (apiKey != null) {
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "ApiKey " + apiKey)});
        } else if (username != null) {
            String basic = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.setDefaultHeaders(new Header[] {new BasicHeader("Authorization", "Basic " + basic)});
        }
        SSLContext tls = caCertificate == null ? null : trusting(caCertificate);
        builder.setHttpClientConfigCallback(http -> {
            // Credentials go as a header on every request (above). The client's auth cache would
            // only serve pre-emptive Basic auth, and it costs a Java deserialisation of the cached
            // scheme per request (Apache's BasicAuthCache stores schemes serialised): ~5% of the
            // enrich service's consumer CPU in a profile, for linking's small requests.
            http.addInterceptorFirst((HttpRequestInterceptor) (request, context) ->
                    context.removeAttribute(HttpClientContext.AUTH_CACHE));
            if (tls != null) {
                http.setSSLContext(tls);
            }
            return http;
        });
        return builder.build();
    }

    @Override
    public String toString() {
        // never the password or the key: this ends up in logs
        return "Elasticsearch " + uris + (username != null ? " as " + username : apiKey != null ? " with an API key" : "")
                + (caCertificate != null ? " trusting " + caCertificate : "");
    }

    private static HttpHost host(String uri) {
        try {
            HttpHost host = HttpHost.create(uri);
            if (!"http".equals(host.getSchemeName()) && !"https".equals(host.getSchemeName())) {
                throw new IllegalArgumentException("not http(s)");
            }
            return host;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Elasticsearch: " + uri + " is not an http(s) address", e);
        }
    }

    /** A TLS context whose only trust anchors are the certificates in {@code pem}. */
    static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            Collection<? extends Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(in);
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("Elasticsearch: no certificate in " + pem);
            }
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (Certificate certificate : certificates) {
                trusted.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("Elasticsearch: can't read the CA certificate " + pem, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("Elasticsearch: " + pem + " is not a PEM certificate: "
                    + e.getMessage(), e);
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
