package io.newsflow.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real TLS server on 127.0.0.1 that answers as a secured Elasticsearch
 * does (401 with a Basic challenge without credentials). Its certificate is made for the test
 * by the JDK's keytool and is the only trust anchor the client gets.
 */
class ElasticsearchConnectionTest {

    @TempDir
    static Path dir;
    private static HttpsServer server;
    private static Path ca;
    private static final List<String> authorizations = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServer() throws Exception {
        Path keystore = dir.resolve("node.p12");
        keytool("-genkeypair", "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "san=ip:127.0.0.1,dns:localhost", "-validity", "2",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        ca = dir.resolve("ca.crt");
        keytool("-exportcert", "-rfc", "-alias", "node", "-keystore", keystore.toString(),
                "-storepass", "changeit", "-file", ca.toString());

        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keyManagers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keyManagers.getKeyManagers(), null, null);

        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.createContext("/", exchange -> {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            authorizations.add(authorization == null ? "" : authorization);
            boolean allowed = ("Basic " + base64("publish:s3cret")).equals(authorization)
                    || "ApiKey a2V5OnNlY3JldA==".equals(authorization);
            byte[] body = (allowed ? "{\"cluster_name\":\"newsflow\"}" : "{\"error\":\"unauthorized\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (!allowed) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"security\", charset=\"UTF-8\"");
            }
            exchange.sendResponseHeaders(allowed ? 200 : 401, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop(0);
    }

    @BeforeEach
    void clear() {
        authorizations.clear();
    }

    @Test
    void aUserIsAuthenticatedOverTlsTrustingTheClustersCa() throws Exception {
        try (RestClient client = connection("publish", "s3cret", null, ca).open()) {
            Response first = client.performRequest(new Request("GET", "/"));
            Response second = client.performRequest(new Request("GET", "/"));

            assertThat(first.getStatusLine().getStatusCode()).isEqualTo(200);
            assertThat(second.getStatusLine().getStatusCode()).isEqualTo(200);
            // with every request, the first included: no 401 round trip to learn the scheme
            assertThat(authorizations).containsExactly("Basic " + base64("publish:s3cret"),
                    "Basic " + base64("publish:s3cret"));
        }
    }

    @Test
    void anApiKeyIsSentWithTheFirstRequest() throws Exception {
        try (RestClient client = connection(null, null, "a2V5OnNlY3JldA==", ca).open()) {
            assertThat(client.performRequest(new Request("GET", "/")).getStatusLine().getStatusCode()).isEqualTo(200);
            assertThat(authorizations).containsExactly("ApiKey a2V5OnNlY3JldA==");
        }
    }

    @Test
    void aServerTheCaDidNotSignIsRefused() throws Exception {
        // without the cluster's CA the JVM's trust store decides, and it doesn't know this certificate
        try (RestClient client = connection("publish", "s3cret", null, null).open()) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
                    .isInstanceOf(SSLHandshakeException.class);
        }
        assertThat(authorizations).as("no request got through").isEmpty();
    }

    @Test
    void aWrongPasswordIsAnUnauthorizedAnswerNotASilentSuccess() throws Exception {
        try (RestClient client = connection("publish", "wrong", null, ca).open()) {
            assertThatThrownBy(() -> client.performRequest(new Request("GET", "/")))
                    .hasMessageContaining("401");
        }
    }

    @Test
    void settingsThatCannotWorkAreRefusedAtStart() throws Exception {
        assertThatThrownBy(() -> connection("publish", "s3cret", "a2V5OnNlY3JldA==", ca))
                .hasMessageContaining("either a username or an API key");
        assertThatThrownBy(() -> connection("publish", "", null, ca)).hasMessageContaining("no password");
        Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
        assertThatThrownBy(() -> connection("publish", "s3cret", null, notPem).open())
                .hasMessageContaining(notPem.toString());
        assertThatThrownBy(() -> connection("publish", "s3cret", null, dir.resolve("missing.pem")).open())
                .hasMessageContaining("missing.pem");
        assertThatThrownBy(() -> ElasticsearchConnection.to(List.of("ftp://127.0.0.1:21")).open())
                .hasMessageContaining("not an http(s) address");
        assertThatThrownBy(() -> ElasticsearchConnection.to(List.of(" ")).open())
                .hasMessageContaining("no address");
    }

    @Test
    void itsDescriptionNeverShowsTheSecrets() {
        assertThat(connection("publish", "s3cret", null, ca).toString()).contains("publish").doesNotContain("s3cret");
        assertThat(connection(null, null, "a2V5OnNlY3JldA==", null).toString()).doesNotContain("a2V5");
    }

    private static ElasticsearchConnection connection(String user, String password, String apiKey, Path ca) {
        return new ElasticsearchConnection(List.of("https://127.0.0.1:" + server.getAddress().getPort()), user,
                password, apiKey, ca, Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void keytool(String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("keytool " + String.join(" ", args) + ": " + output).isZero();
    }
}
