package io.newsflow.ingest.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.BrokerUnavailableException;
import io.newsflow.ingest.intake.RawArticle;
import io.newsflow.ingest.page.PageText;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** With no broker listening, a post must fail fast and clearly, never hang or pretend success. */
class KafkaRawArticlePublisherTest {

    private static final RawArticle RAW = new RawArticle(new ArticleReceived(1, "0123456789abcdef0123456789abcdef",
            null, null, Source.named("X"), null, null, Instant.now(), null, null, null, null, null, null),
            PageText.of("text"), false);

    private DefaultKafkaProducerFactory<String, byte[]> factory;

    /** A publisher whose broker does not listen; the producer gives up within about a second. */
    private KafkaRawArticlePublisher unreachable(Duration probeInterval) throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        factory = new DefaultKafkaProducerFactory<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + closedPort,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 500,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 500,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 800),
                new StringSerializer(), new ByteArraySerializer());
        return new KafkaRawArticlePublisher(new KafkaTemplate<>(factory), "news.raw", Duration.ofSeconds(5),
                probeInterval, io.newsflow.kafka.RecordTracing.off());
    }

    @AfterEach
    void closeProducer() {
        factory.destroy();
    }

    @Test
    void unreachableBrokerFailsWithinTheBoundedTime() throws Exception {
        var publisher = unreachable(Duration.ofSeconds(2));
        long start = System.nanoTime();
        assertThatThrownBy(() -> publisher.send(RAW).get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(BrokerUnavailableException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void onceTheBrokerIsKnownToBeUnreachablePostsAreRefusedAtOnceWithNothingWritten() throws Exception {
        var publisher = unreachable(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> publisher.send(RAW).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(BrokerUnavailableException.class);
        }
        long start = System.nanoTime();
        assertThatThrownBy(() -> publisher.send(RAW).get(5, TimeUnit.SECONDS))
                .cause().isInstanceOfSatisfying(BrokerUnavailableException.class,
                        e -> assertThat(e.outcomeUnknown()).as("nothing was sent").isFalse());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(200));
    }
}
