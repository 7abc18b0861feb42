package io.newsflow.ingest.broker;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Whether the broker answers. Part of the readiness group: when the broker is unreachable, the
 * service stops being ready, so a load balancer sends posts elsewhere instead of collecting 503s,
 * and it becomes ready again by itself once the broker is back.
 */
@Component("kafka")
class KafkaHealthIndicator extends AbstractHealthIndicator implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    private final AdminClient admin;

    KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
        super("Kafka health check failed");
        var config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put("request.timeout.ms", (int) TIMEOUT.toMillis());
        config.put("default.api.timeout.ms", (int) TIMEOUT.toMillis());
        this.admin = AdminClient.create(config);
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) throws Exception {
        var cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) TIMEOUT.toMillis()));
        int nodes = cluster.nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
        builder.up().withDetail("clusterId", cluster.clusterId().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS))
                .withDetail("nodes", nodes);
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
