package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.kafka.DeadLetterException;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.outbound.OutboundRefusedException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;

/**
 * Calls subscribers' webhooks: one POST of the alert's JSON, signed, through the
 * {@link OutboundGuard} (the client resolves hosts only through it, and follows no redirects).
 *
 * <p>The signature is {@value #SIGNATURE_HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 of the
 * exact body bytes under the subscription's secret; a receiver recomputes it and compares in
 * constant time. The CloudEvents HTTP binding's {@code ce-*} headers say what the body is, and
 * {@code ce-id} is the same for every attempt at one alert, so a receiver can drop repeats.
 */
final class WebhookSender implements Closeable {

    static final String SIGNATURE_HEADER = "X-Newsflow-Signature";
    static final String USER_AGENT = "Newsflow-Webhooks/1.0 (+https://github.com/newsflow)";

    private final OutboundGuard guard;
    private final CloseableHttpClient client;

    WebhookSender(OutboundGuard guard, Duration connectTimeout, Duration responseTimeout) {
        this.guard = guard;
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(guard.dnsResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(connectTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .setSocketTimeout(Timeout.of(responseTimeout.toMillis(), TimeUnit.MILLISECONDS))
                                .build())
                        .setMaxConnTotal(50).setMaxConnPerRoute(4)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(responseTimeout.toMillis(), TimeUnit.MILLISECONDS)).build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .setUserAgent(USER_AGENT)
                .build();
    }

    /**
     * @param ceHeaders the record's CloudEvents attributes ({@code ce_*}), sent as {@code ce-*}
     * @throws WebhookRefusedException     the guard refused the URL (never retried)
     * @throws WebhookFailedException      the receiver did not answer 2xx (retried, then dead-lettered)
     */
    void send(String url, String secret, byte[] body, Map<String, String> ceHeaders) {
        HttpPost post;
        try {
            post = new HttpPost(guard.checkUrl(url));
        } catch (OutboundRefusedException e) {
            throw new WebhookRefusedException("the webhook URL was refused: " + e.getMessage());
        }
        post.setEntity(new ByteArrayEntity(body, ContentType.APPLICATION_JSON));
        post.setHeader(SIGNATURE_HEADER, "sha256=" + sign(secret, body));
        ceHeaders.forEach((name, value) -> {
            if (name.startsWith("ce_")) {
                post.setHeader("ce-" + name.substring(3), value);
            } else if (name.equals("traceparent") || name.equals("tracestate")) {
                post.setHeader(name, value); // W3C trace context: the receiver may continue the article's trace
            }
        });
        try {
            int status = client.execute(post, response -> {
                EntityUtils.consume(response.getEntity());
                return response.getCode();
            });
            if (status < 200 || status > 299) {
                throw new WebhookFailedException("the webhook answered " + status);
            }
        } catch (OutboundRefusedException e) {
            throw new WebhookRefusedException("the webhook's address was refused: " + e.getMessage());
        } catch (IOException e) {
            throw new WebhookFailedException("the webhook could not be reached: " + e);
        }
    }

    /** Hex HMAC-SHA256 of {@code body} under {@code secret}. */
    static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }

    @Override
    public void close() throws IOException {
        client.close();
    }

    /** The outbound guard refused the webhook's URL or address: dead-lettered at once. */
    static final class WebhookRefusedException extends DeadLetterException {
        WebhookRefusedException(String detail) {
            super(DeadLetterReason.WEBHOOK_FAILED, detail);
        }
    }

    /** The receiver failed this time; retried with back-off, then dead-lettered as {@code webhook-failed}. */
    static final class WebhookFailedException extends DeadLetterException {
        WebhookFailedException(String detail) {
            super(DeadLetterReason.WEBHOOK_FAILED, detail);
        }
    }
}
