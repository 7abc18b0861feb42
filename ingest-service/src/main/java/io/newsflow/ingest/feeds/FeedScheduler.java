package io.newsflow.ingest.feeds;

import io.newsflow.kafka.CompactedTopicReader;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls the feeds this instance owns, when they are due. Ownership is the consumer group's: every
 * instance joins one group on the feeds topic and polls the feeds of the partitions it is
 * assigned, so each feed is polled by exactly one instance, and when instances come or go the
 * group's rebalance moves feeds with no coordination of our own. The group consumer reads no
 * records (its partitions stay paused; the {@link FeedTable} reads the topic in full): it is there
 * for the assignment.
 *
 * <p>Handing over: an instance losing a partition first waits for its polls of that partition's
 * feeds to finish and for their states to be acknowledged (they are on the topic when the
 * rebalance completes); the instance
 * gaining it polls none of its feeds until its table has read the partition up to the end it had
 * at assignment, so it starts from the last state written. Hence no feed is polled twice in an
 * interval, and none is skipped when an instance dies (its partitions move after the group's
 * session timeout, and their overdue feeds are polled at once).
 */
final class FeedScheduler implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FeedScheduler.class);
    private static final Duration TICK = Duration.ofMillis(500);
    private static final Duration HANDOVER = Duration.ofSeconds(30);
    /** Due feeds of one host polled in one go, at most (then the other hosts get their turn). */
    private static final int MAX_BATCH = 50;

    private final Map<String, Object> consumerProperties;
    private final FeedTable table;
    private final CompactedTopicReader reader;
    private final FeedLog feedLog;
    private final FeedPoller poller;
    private final Clock clock;
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    /** Partitions just assigned, with the end offset the table must reach before their feeds are polled. */
    private final Map<Integer, Long> handedOver = new ConcurrentHashMap<>();
    /** Feeds being polled now, with their partition. */
    private final Map<String, Integer> inFlight = new ConcurrentHashMap<>();
    /**
     * Hosts whose due feeds are being polled now, one after another by one worker: one request at
     * a time per host, and workers never queue behind one host's politeness gate while feeds of
     * other hosts are due.
     */
    private final Set<String> busyHosts = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private final ScheduledExecutorService ticks;
    private final Thread membership;
    private final AtomicInteger partitions = new AtomicInteger();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean running = true;

    FeedScheduler(Map<String, Object> consumerProperties, String group, FeedTable table, CompactedTopicReader reader,
            FeedLog feedLog, FeedPoller poller, int workers, Clock clock) {
        this.consumerProperties = new HashMap<>(consumerProperties);
        this.consumerProperties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        this.consumerProperties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        this.consumerProperties.remove(ConsumerConfig.FETCH_MIN_BYTES_CONFIG);
        this.consumerProperties.remove(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG);
        this.table = table;
        this.reader = reader;
        this.feedLog = feedLog;
        this.poller = poller;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(workers, r -> daemon(r, "feed-poll-" + n.incrementAndGet()));
        this.ticks = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "feed-schedule"));
        this.membership = daemon(this::membership, "feed-ownership");
    }

    FeedScheduler start() {
        membership.start();
        ticks.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** How many registered feeds this instance polls. */
    int owned() {
        int n = partitions.get();
        return n == 0 ? 0 : (int) table.feeds().stream()
                .filter(f -> owned.contains(FeedLog.partitionOf(f.id(), n))).count();
    }

    /** Starts the polls that are due on the partitions this instance owns. */
    void tick() {
        try {
            int n = partitions.get();
            if (n == 0 || owned.isEmpty()) {
                return;
            }
            Instant now = clock.instant();
            List<Due> due = new ArrayList<>();
            for (Feed feed : table.feeds()) {
                int partition = FeedLog.partitionOf(feed.id(), n);
                if (!owned.contains(partition) || !settled(partition) || inFlight.containsKey(feed.id())) {
                    continue;
                }
                FeedState state = table.state(feed.id());
                Instant at = state == null || state.nextPollAt() == null ? Instant.EPOCH : state.nextPollAt();
                if (!at.isAfter(now)) {
                    due.add(new Due(feed, partition, at));
                }
            }
            due.sort(Comparator.comparing(Due::at)); // the most overdue first: nobody starves
            Map<String, List<Due>> byHost = new LinkedHashMap<>();
            for (Due d : due) {
                List<Due> batch = byHost.computeIfAbsent(host(d.feed()), h -> new ArrayList<>());
                if (batch.size() < MAX_BATCH) {
                    batch.add(d);
                }
            }
            byHost.forEach((host, batch) -> {
                if (!busyHosts.add(host)) {
                    return; // its host's turn comes when the feeds being polled there are done
                }
                batch.forEach(d -> inFlight.put(d.feed().id(), d.partition()));
                workers.execute(() -> pollAll(host, batch));
            });
            for (String id : table.statesWithoutFeed()) { // deleted feeds: their state goes too
                if (owned.contains(FeedLog.partitionOf(id, n)) && !inFlight.containsKey(id)) {
                    feedLog.deleteState(id);
                    table.removeState(id);
                }
            }
        } catch (RuntimeException e) {
            log.warn("Feed scheduling failed this round (will try again): {}", e.toString());
        }
    }

    /** Polls a host's due feeds one after another (one request at a time per host), then frees the host. */
    private void pollAll(String host, List<Due> batch) {
        try {
            for (Due d : batch) {
                poll(d.feed());
            }
        } finally {
            busyHosts.remove(host);
        }
    }

    private void poll(Feed feed) {
        try {
            FeedState next = poller.poll(feed, table.state(feed.id()));
            if (table.feed(feed.id()) != null) { // not deleted meanwhile
                table.put(next);
                feedLog.writeLater(next);
            }
        } catch (RuntimeException e) {
            log.warn("Polling feed {} ({}) failed: {}", feed.id(), feed.url(), e.toString());
        } finally {
            inFlight.remove(feed.id());
        }
    }

    private static String host(Feed feed) {
        try {
            String host = URI.create(feed.url()).getHost();
            return host == null ? feed.url() : host.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return feed.url();
        }
    }

    /** A feed due for a poll, and since when. */
    private record Due(Feed feed, int partition, Instant at) {
    }

    private boolean settled(int partition) {
        Long end = handedOver.get(partition);
        if (end == null) {
            return true;
        }
        if (reader.position(partition) >= end) {
            handedOver.remove(partition);
            return true;
        }
        return false;
    }

    private void membership() {
        while (running) {
            try (KafkaConsumer<String, byte[]> member = new KafkaConsumer<>(consumerProperties,
                    new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = member;
                var infos = member.partitionsFor(feedLog.topic());
                if (infos == null || infos.isEmpty()) {
                    sleep(Duration.ofSeconds(2));
                    continue;
                }
                partitions.set(infos.size());
                member.subscribe(List.of(feedLog.topic()), new Handover(member));
                while (running) {
                    member.poll(Duration.ofSeconds(1));
                    member.pause(member.assignment());
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Feed ownership lost ({}); joining again in 2 s", e.toString());
                owned.clear();
                sleep(Duration.ofSeconds(2));
            }
        }
    }

    /** Takes partitions over and hands them on (see the class comment). */
    private final class Handover implements ConsumerRebalanceListener {

        private final KafkaConsumer<String, byte[]> member;

        Handover(KafkaConsumer<String, byte[]> member) {
            this.member = member;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
            if (assigned.isEmpty()) {
                return;
            }
            member.endOffsets(assigned).forEach((partition, end) -> handedOver.put(partition.partition(), end));
            assigned.forEach(p -> owned.add(p.partition()));
            log.info("Polling the feeds of partitions {} of {}", owned, feedLog.topic());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
            Set<Integer> leaving = ConcurrentHashMap.newKeySet();
            revoked.forEach(p -> leaving.add(p.partition()));
            owned.removeAll(leaving);
            long deadline = System.nanoTime() + HANDOVER.toNanos();
            while (inFlight.values().stream().anyMatch(leaving::contains) && System.nanoTime() < deadline) {
                sleep(Duration.ofMillis(100));
            }
            try {
                feedLog.flush(); // the next owner must read the states of the polls just made
            } catch (RuntimeException e) {
                log.warn("Flushing the feed states before handing partitions over failed: {}", e.toString());
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> lost) {
            lost.forEach(p -> owned.remove(p.partition()));
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        ticks.shutdownNow();
        KafkaConsumer<String, byte[]> member = consumer;
        if (member != null) {
            member.wakeup();
        }
        membership.join(5_000);
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
    }
}
