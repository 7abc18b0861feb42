package io.newsflow.publish.elasticsearch;

import io.newsflow.contracts.EventJson;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import org.apache.http.client.config.RequestConfig;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import tools.jackson.databind.JsonNode;

/**
 * Cluster health as the service sees it, answered within {@code timeout} whatever Elasticsearch
 * does: a frozen or overloaded node makes the check DOWN with the reason, instead of holding the
 * health endpoint (and an orchestrator's probe) for the minute a bulk request may take. Uses
 * {@code _cluster/health} rather than {@code GET /} because the latter is not available on every
 * distribution (the integration-test one answers 405); asks through the low-level client so that
 * this one request gets its own short timeouts.
 */
class ElasticsearchHealthIndicator extends AbstractHealthIndicator {

    private final RestClient client;
    private final RequestOptions options;

    ElasticsearchHealthIndicator(RestClient client, Duration timeout) {
        super("Elasticsearch health check failed");
        this.client = client;
        int millis = (int) timeout.toMillis();
        this.options = RequestOptions.DEFAULT.toBuilder().setRequestConfig(RequestConfig.custom()
                .setConnectTimeout(millis).setConnectionRequestTimeout(millis).setSocketTimeout(millis).build()).build();
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws IOException {
        Request request = new Request("GET", "/_cluster/health");
        request.setOptions(options);
        Response response = client.performRequest(request);
        JsonNode health;
        try (InputStream body = response.getEntity().getContent()) {
            health = EventJson.mapper().readTree(body);
        }
        String status = health.path("status").asString("unknown");
        ("red".equals(status) ? builder.down() : builder.up())
                .withDetail("cluster", health.path("cluster_name").asString(""))
                .withDetail("status", status)
                .withDetail("nodes", health.path("number_of_nodes").asInt());
    }
}
