package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Topics;
import io.newsflow.testinfra.ElasticsearchProcess;
import io.newsflow.testinfra.KafkaProcess;
import io.newsflow.tools.NewsflowTools;
import io.newsflow.tools.audit.Audit;
import io.newsflow.tools.audit.Ledger;
import io.newsflow.tools.deadletters.DeadLetter;
import io.newsflow.tools.deadletters.DeadLetters;
import io.newsflow.tools.kafka.TopicReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.http.HttpHost;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Newsflow's promise, tested the way an operator breaks things: while articles keep arriving over
 * HTTP, each service is killed (SIGKILL) and restarted, Elasticsearch is frozen (SIGSTOP) for 30 s
 * and then blocks writes for 10 s, the broker is killed and restarted, and poison, contract-breaking
 * and oversized records are thrown in. Afterwards every article that got a {@code 202} must be
 * indexed at the revision it should have, every poison record must be dead-lettered with its
 * reason, the operators' audit must find nothing missing, and {@code news.enriched} must hold no
 * more records than accepted posts. The services run as separate JVMs from their packaged jars on
 * a broker and an Elasticsearch node of this test's own (it kills and freezes them).
 */
class FaultInjectionIT {

    private static final Logger log = LoggerFactory.getLogger(FaultInjectionIT.class);
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static ElasticsearchProcess elasticsearch;
    private static KafkaProcess kafka;
    private static ServiceProcess ingest;
    private static ServiceProcess enrich;
    private static ServiceProcess publish;
    private static RestClient rest;
    private static ElasticsearchClient client;

    @BeforeAll
    static void start() throws Exception {
        elasticsearch = new ElasticsearchProcess();
        kafka = new KafkaProcess();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers(),
                "ELASTICSEARCH_URIS", elasticsearch.url(),
                // one consumer thread each: three JVMs, a broker and a node share two cores here
                "NEWSFLOW_ENRICH_CONCURRENCY", "1",
                // the same after a restart, so the restarted enrich fences its crashed self at once
                "NEWSFLOW_INSTANCE_ID", "faults");
        ingest = ServiceProcess.start("ingest-service", "faults-ingest", environment);
        enrich = ServiceProcess.start("enrich-service", "faults-enrich", environment);
        publish = ServiceProcess.start("publish-service", "faults-publish", environment);
        for (ServiceProcess service : List.of(ingest, enrich, publish)) {
            service.awaitReady(Duration.ofSeconds(180));
        }
        rest = RestClient.builder(HttpHost.create(elasticsearch.url())).build();
        client = new ElasticsearchClient(new RestClientTransport(rest, new Jackson3JsonpMapper(EventJson.mapper())));
    }

    @AfterAll
    static void stop() throws Exception {
        for (ServiceProcess service : new ServiceProcess[] {ingest, enrich, publish}) {
            if (service != null) {
                service.close();
            }
        }
        if (rest != null) {
            rest.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (elasticsearch != null) {
            elasticsearch.thaw();
            elasticsearch.close();
        }
    }

    @Test
    void everyAcceptedArticleIsIndexedOrDeadLetteredThroughCrashesFreezesAndRestarts() throws Exception {
        Load load = new Load();
        Thread loader = new Thread(load, "load");
        loader.start();
        try {
            pause(Duration.ofSeconds(5));

            log.info("fault: kill -9 enrich, restart");
            enrich.kill();
            pause(Duration.ofSeconds(2));
            enrich = enrich.restart();
            enrich.awaitReady(Duration.ofSeconds(180));

            log.info("fault: kill -9 publish, restart");
            publish.kill();
            pause(Duration.ofSeconds(2));
            publish = publish.restart();
            publish.awaitReady(Duration.ofSeconds(180));

            log.info("fault: Elasticsearch frozen for 30 s");
            elasticsearch.freeze();
            Duration healthTook;
            int healthStatus;
            try {
                pause(Duration.ofSeconds(3));
                long start = System.nanoTime();
                healthStatus = http.send(HttpRequest.newBuilder(URI.create(publish.baseUrl() + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                healthTook = Duration.ofNanos(System.nanoTime() - start);
                pause(Duration.ofSeconds(27));
            } finally {
                elasticsearch.thaw();
            }
            assertThat(healthStatus).as("publish is DOWN while Elasticsearch is frozen").isEqualTo(503);
            assertThat(healthTook).as("and says so promptly").isLessThan(Duration.ofMillis(2500));

            log.info("fault: index write block for 10 s");
            writeBlock(true);
            try {
                pause(Duration.ofSeconds(10));
            } finally {
                writeBlock(false);
            }

            log.info("fault: kill -9 the broker, restart");
            kafka.kill();
            pause(Duration.ofSeconds(5));
            kafka.start();
            pause(Duration.ofSeconds(10));

            log.info("fault: poison, contract-breaking and oversized records");
            poison();
            load.oversized();
            pause(Duration.ofSeconds(5));
        } finally {
            load.stop();
            loader.join(60_000);
        }
        log.info("load: {} accepted posts of {} articles, {} answers 503 (retried)", load.acceptedPosts.get(),
                load.articles.size(), load.unavailable.get());
        assertThat(load.errors).as("answers other than 202/503").isEmpty();
        assertThat(load.acceptedPosts.get()).isGreaterThan(500);

        Ledger.Report report = awaitSettled();
        log.info("audit: {}", report);
        assertThat(report.missing()).as("accepted and nowhere: " + report.missingIds()).isZero();
        assertThat(report.deadLettered()).containsEntry("unreadable-record", 1L)
                .containsEntry("contract-violation", 2L).hasSize(2);

        // every article that got a 202 is indexed with its latest content
        for (Load.Article article : load.articles.values()) {
            JsonNode document = document(article.id);
            assertThat(document).as("article %s", article.id).isNotNull();
            long revision = document.get("revision").asLong();
            assertThat(revision).as("article %s: revision of its last change or a later unchanged re-post",
                    article.id).isBetween(article.lastChangedRevision, article.latestRevision);
            assertThat(document.get("body").asString()).as("article %s: its last content", article.id)
                    .contains(article.lastText.substring(article.lastText.indexOf('\n') + 1));
        }
        JsonNode oversized = document(load.oversizedId);
        assertThat(oversized.get("enrichment").get("flags").toString()).contains("output-bounded");

        // news.enriched: no more records than accepted posts, and no post enriched twice
        AtomicLong enrichedRecords = new AtomicLong();
        java.util.Set<String> revisions = new java.util.HashSet<>();
        AtomicLong redelivered = new AtomicLong();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
            reader.readAll(Topics.ENRICHED, record -> {
                enrichedRecords.incrementAndGet();
                long revision = EventJson.mapper().readTree(record.value()).get("revision").asLong();
                if (!revisions.add(record.key() + "@" + revision)) {
                    redelivered.incrementAndGet();
                }
            });
        }
        log.info("news.enriched: {} records for {} accepted posts; {} of them a second record of one post",
                enrichedRecords.get(), load.acceptedPosts.get(), redelivered.get());
        assertThat(enrichedRecords.get()).isLessThanOrEqualTo(load.acceptedPosts.get());
        assertThat(redelivered.get()).as("posts enriched twice").isZero();

        operatorToolsShowAndRedriveTheDeadLetters();
    }

    /** {@code ./newsflow dlt} and {@code ./newsflow dlt redrive} on what the faults left behind. */
    private void operatorToolsShowAndRedriveTheDeadLetters() throws Exception {
        assertThat(tools("dlt")).contains("news.raw.dlt: 3 dead letters", "unreadable-record", "contract-violation");
        assertThat(tools("dlt", "redrive", "--topic", Topics.RAW_DLT, "--reason", "unreadable-record"))
                .contains("put back 1 of 3");
        // the unreadable record fails again, and is dead-lettered again with the same reason
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(deadLetters(Topics.RAW_DLT).stream()
                .filter(letter -> letter.reason().equals("unreadable-record")).count()).isEqualTo(2));
        assertThat(tools("dlt", "redrive", "--topic", Topics.RAW_DLT, "--reason", "unreadable-record", "--dry-run"))
                .as("progress is remembered: only the new dead letter").contains("would put back 1 of 1");
        assertThat(tools("audit")).as("exits 0: nothing missing").contains("missing");
    }

    private static String tools(String... args) {
        StringWriter out = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--bootstrap", kafka.bootstrapServers(),
                "--elasticsearch", elasticsearch.url()));
        all.addAll(List.of(args));
        int exit = NewsflowTools.execute(new PrintWriter(out, true), new PrintWriter(out, true), all.toArray(String[]::new));
        assertThat(exit).as(out.toString()).isZero();
        return out.toString();
    }

    /** Audits until nothing is in flight any more; fails after 3 minutes. */
    private static Ledger.Report awaitSettled() {
        Audit audit = new Audit(kafka.bootstrapServers(), client, Audit.Names.defaults());
        List<Ledger.Report> settled = new ArrayList<>();
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).ignoreExceptions()
                .untilAsserted(() -> {
                    Ledger.Report report = audit.run(null);
                    log.info("audit while settling: {}", report);
                    assertThat(report.inFlight()).isEmpty();
                    settled.add(0, report);
                });
        return settled.get(0);
    }

    private static List<DeadLetter> deadLetters(String topic) {
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers())) {
            return new DeadLetters(reader).read(topic);
        }
    }

    private static void poison() throws Exception {
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", kafka.bootstrapServers(),
                "acks", "all"), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.RAW, "poison-unreadable",
                    "{this is not json".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.RAW, "k1",
                    "{\"schemaVersion\":1,\"id\":\"k1\"}".getBytes(StandardCharsets.UTF_8))).get();
            producer.send(new ProducerRecord<>(Topics.RAW, ArticleIds.fromUrl("https://x.example/tombstone"),
                    (byte[]) null)).get();
        }
    }

    private static void writeBlock(boolean on) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch.url()
                        + "/news-articles/_settings")).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"index.blocks.write\": " + on + "}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static JsonNode document(String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(elasticsearch.url()
                + "/news-articles/_doc/" + id)).build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? EventJson.mapper().readTree(response.body()).get("_source") : null;
    }

    private static void pause(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }

    /**
     * A client posting ~15 articles a second, as a well-behaved publisher does: a 503 is retried
     * with the same body (the id is stable, so a retry is safe whatever happened). One post in
     * ten corrects an earlier article, one in ten re-posts one unchanged.
     */
    static final class Load implements Runnable {

        /** What the client knows of an article: its id, and the revisions its 202s said. */
        static final class Article {
            final String id;
            final String url;
            String lastText;
            long lastChangedRevision;
            long latestRevision;

            Article(String id, String url) {
                this.id = id;
                this.url = url;
            }
        }

        private static final String[] PEOPLE = {"Olena Kovalenko", "Marek Nowak", "Amina Diallo", "Kenji Sato"};
        private static final String[] PLACES = {"Kyiv", "Warsaw", "Dakar", "Osaka", "Geneva"};

        final Map<String, Article> articles = new ConcurrentHashMap<>();
        final AtomicLong acceptedPosts = new AtomicLong();
        final AtomicInteger unavailable = new AtomicInteger();
        final List<String> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final List<Article> posted = new ArrayList<>();
        private volatile boolean running = true;
        volatile String oversizedId;

        void stop() {
            running = false;
        }

        @Override
        public void run() {
            int n = 0;
            while (running) {
                long start = System.nanoTime();
                ThreadLocalRandom random = ThreadLocalRandom.current();
                int dice = random.nextInt(10);
                Article article;
                boolean changed;
                if (dice == 0 && !posted.isEmpty()) {
                    article = posted.get(random.nextInt(posted.size()));
                    changed = true;
                } else if (dice == 1 && !posted.isEmpty()) {
                    article = posted.get(random.nextInt(posted.size()));
                    changed = false;
                } else {
                    String url = "https://faults.example.org/news/" + (n++);
                    article = new Article(ArticleIds.fromUrl(url), url);
                    changed = true;
                }
                String text = changed ? story(random) : article.lastText;
                if (post(article, text, changed) && !articles.containsKey(article.id)) {
                    articles.put(article.id, article);
                    posted.add(article);
                }
                long spent = (System.nanoTime() - start) / 1_000_000;
                sleepQuietly(Math.max(0, 66 - spent));
            }
        }

        /** Posts until a 202 (true) or the load stops (false). */
        private boolean post(Article article, String text, boolean changed) {
            String body = EventJson.mapper().writeValueAsString(Map.of("url", article.url, "source", "Faults Wire",
                    "text", text));
            while (running) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                                    URI.create(ingest.baseUrl() + "/api/v1/articles"))
                            .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 202) {
                        long revision = EventJson.mapper().readTree(response.body()).get("revision").asLong();
                        acceptedPosts.incrementAndGet();
                        synchronized (article) {
                            article.latestRevision = Math.max(article.latestRevision, revision);
                            if (changed) {
                                article.lastChangedRevision = revision;
                                article.lastText = text;
                            }
                        }
                        return true;
                    }
                    if (response.statusCode() != 503) {
                        errors.add(response.statusCode() + " " + response.body());
                        return false;
                    }
                    unavailable.incrementAndGet();
                } catch (java.io.IOException e) {
                    unavailable.incrementAndGet(); // the service is restarting under us: retry
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                sleepQuietly(500);
            }
            return false;
        }

        /** An entity-dense text of 4.4 MB: its full enrichment would be ~20 MB. */
        void oversized() {
            String url = "https://faults.example.org/big";
            Article article = new Article(ArticleIds.fromUrl(url), url);
            String text = "Vladimir Putin met Emmanuel Macron in Geneva on Monday. ".repeat(78_000);
            if (post(article, text, true)) {
                oversizedId = article.id;
                article.lastText = "Vladimir Putin met Emmanuel Macron in Geneva on Monday.";
                articles.put(article.id, article);
            }
        }

        private static String story(ThreadLocalRandom random) {
            String person = PEOPLE[random.nextInt(PEOPLE.length)];
            String place = PLACES[random.nextInt(PLACES.length)];
            return "Talks in " + place + " enter day " + random.nextInt(1, 30) + "\n" + person
                    + " said on Tuesday that negotiators in " + place + " had agreed on " + random.nextInt(2, 90)
                    + " points, with a final text expected within " + random.nextInt(2, 9) + " days. Observers said"
                    + " the mood had improved since the last round, reference " + random.nextLong(1_000_000_000L) + ".";
        }

        private static void sleepQuietly(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
