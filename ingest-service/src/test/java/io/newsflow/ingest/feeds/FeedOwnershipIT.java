package io.newsflow.ingest.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.contracts.Source;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.IntakeMetrics;
import io.newsflow.kafka.CompactedTopicReader;
import io.newsflow.outbound.OutboundGuard;
import io.newsflow.outbound.PageFetcher;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Two instances polling the feeds of one topic through a real broker's consumer group: every
 * feed is polled by one instance at a time, never twice within its interval, also while the
 * partitions move between them; when one instance stops, the other polls all the feeds.
 */
class FeedOwnershipIT {

    static final Duration INTERVAL = Duration.ofSeconds(3);
    static final int FEEDS = 12;

    final String topic = "news.feeds.ownership-" + System.nanoTime();
    final Map<String, List<Poll>> polls = new ConcurrentHashMap<>();
    final List<AutoCloseable> closing = new ArrayList<>();
    HttpServer server;

    record Poll(String instance, long atMillis) {
    }

    @AfterEach
    void stop() throws Exception {
        for (int i = closing.size() - 1; i >= 0; i--) {
            closing.get(i).close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void eachFeedIsPolledByOneInstanceAtATimeAndMovesWhenOneStops() throws Exception {
        KafkaTopics.create(topic, 6);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/feed-")) {
                polls.computeIfAbsent(path, k -> new CopyOnWriteArrayList<>()).add(new Poll(
                        exchange.getRequestHeaders().getFirst("User-Agent"), System.currentTimeMillis()));
            }
            byte[] body = (path.startsWith("/feed-") ? "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x"
                    + "</title></channel></rss>" : "").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(path.startsWith("/feed-") ? 200 : 404, body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
        String site = "http://127.0.0.1:" + server.getAddress().getPort();

        Instance a = instance("instance-a");
        FeedLog writer = a.log;
        for (int i = 0; i < FEEDS; i++) {
            writer.write(new Feed(Feed.SCHEMA_VERSION, "feed" + i, site + "/feed-" + i + ".xml", Source.named("x"),
                    INTERVAL.toString(), "newsdesk", Instant.now()));
        }
        Instance b = instance("instance-b");

        // both run: every feed is polled, each of them by one instance at a time
        await().atMost(Duration.ofSeconds(40)).until(() -> polls.size() == FEEDS
                && polls.values().stream().allMatch(list -> list.size() >= 3));
        Set<String> instances = polls.values().stream().flatMap(List::stream).map(Poll::instance)
                .collect(Collectors.toSet());
        assertThat(instances).containsExactlyInAnyOrder("instance-a", "instance-b");
        assertNoFeedPolledTwiceWithinItsInterval();

        // one stops: the other takes its feeds over
        long stopped = System.currentTimeMillis();
        a.close();
        closing.remove(a);
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> assertThat(polls.values()).allSatisfy(list ->
                assertThat(list).anySatisfy(p -> {
                    assertThat(p.instance()).isEqualTo("instance-b");
                    assertThat(p.atMillis()).isGreaterThan(stopped);
                })));
        assertNoFeedPolledTwiceWithinItsInterval();
    }

    /** Consecutive polls of one feed, by whichever instance, are at least (nearly) its interval apart. */
    private void assertNoFeedPolledTwiceWithinItsInterval() {
        polls.forEach((feed, list) -> {
            List<Poll> sorted = list.stream().sorted(java.util.Comparator.comparingLong(Poll::atMillis)).toList();
            for (int i = 1; i < sorted.size(); i++) {
                assertThat(sorted.get(i).atMillis() - sorted.get(i - 1).atMillis()).as("%s polls %s", feed, sorted)
                        .isGreaterThanOrEqualTo(INTERVAL.toMillis() - 500);
            }
        });
    }

    private Instance instance(String name) {
        String bootstrap = TestInfrastructure.kafkaBootstrapServers();
        Map<String, Object> consumer = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        var producerFactory = new DefaultKafkaProducerFactory<String, byte[]>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(), new ByteArraySerializer());
        FeedTable table = new FeedTable();
        CompactedTopicReader reader = new CompactedTopicReader(consumer, topic, table).start();
        FeedLog log = new FeedLog(new KafkaTemplate<>(producerFactory), topic, Duration.ofSeconds(10));
        PageFetcher fetcher = new PageFetcher(new OutboundGuard(true), new PageFetcher.Settings(name,
                Duration.ofSeconds(2), Duration.ofSeconds(5), 1 << 20, 3, Duration.ZERO, false));
        ArticleIntake intake = new ArticleIntake(article -> CompletableFuture.completedFuture(1L), Clock.systemUTC(),
                Duration.ofSeconds(1), new IntakeMetrics(new SimpleMeterRegistry()));
        FeedPoller poller = new FeedPoller(fetcher, intake, new FeedMetrics(new SimpleMeterRegistry()),
                new FeedPoller.Settings(10, 100, Duration.ofMinutes(1), Duration.ofMinutes(1)), Clock.systemUTC());
        FeedScheduler scheduler = new FeedScheduler(consumer, "feeds-ownership-test-" + topic, table, reader, log,
                poller, 2, Clock.systemUTC()).start();
        Instance instance = new Instance(log, () -> {
            scheduler.close();
            reader.close();
            fetcher.close();
            producerFactory.destroy();
        });
        closing.add(instance);
        return instance;
    }

    record Instance(FeedLog log, AutoCloseable resources) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            resources.close();
        }
    }
}
