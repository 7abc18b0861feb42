package io.newsflow.ingest.broker;

import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.RawArticle;
import io.newsflow.ingest.page.PageText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** With no broker listening, a post must fail fast and clearly, never hang or pretend success. */
class KafkaRawArticlePublisherTest {

    @Test
    void unreachableBrokerFailsWithinTheBoundedTime() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 1000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 1000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 1500),
                new StringSerializer(), new ByteArraySerializer());
        var publisher = new KafkaRawArticlePublisher(new KafkaTemplate<>(factory), "news.raw", Duration.ofSeconds(5), Duration.ofSeconds(2));
        ArticleReceived article = new ArticleReceived(1, "0123456789abcdef0123456789abcdef", null, null,
                Source.named("X"), null, null, Instant.now(), null, null, null, null, null, null);
        RawArticle raw = new RawArticle(article, PageText.of("text"), false);

        long start = System.nanoTime();
        try {
            assertThatThrownBy(() -> publisher.send(raw).get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BrokerUnavailableException.class);
        } finally {
            factory.destroy();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void onceTheBrokerIsKnownToBeUnreachablePostsAreRefusedAtOnceWithNothingWritten() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 800),
                new StringSerializer(), new ByteArraySerializer());
        var publisher = new KafkaRawArticlePublisher(new KafkaTemplate<>(factory), "news.raw", Duration.ofSeconds(5), Duration.ofSeconds(30));
        ArticleReceived article = new ArticleReceived(1, "0123456789abcdef0123456789abcdef", null, null,
                Source.named("X"), null, null, Instant.now(), null, null, null, null, null, null);
        RawArticle raw = new RawArticle(article, PageText.of("text"), false);
        try {
            for (int i = 0; i < 3; i++) {
                assertThatThrownBy(() -> publisher.send(raw).get(5, java.util.concurrent.TimeUnit.SECONDS))
                        .hasCauseInstanceOf(BrokerUnavailableException.class);
            }
            long start = System.nanoTime();
            assertThatThrownBy(() -> publisher.send(raw).get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .cause().isInstanceOfSatisfying(BrokerUnavailableException.class,
                            e -> assertThat(e.outcomeUnknown()).as("nothing was sent").isFalse());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
        } finally {
            factory.destroy();
        }
    }
}
