package io.newsflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.Topics;
import io.newsflow.testinfra.TestInfrastructure;
import io.newsflow.tools.NewsflowTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole path, as users run it: the three packaged services as separate JVMs on a real
 * broker and a real Elasticsearch; an article posted over HTTP must become a clean, searchable
 * document in the {@code news-articles} alias.
 */
class PipelineEndToEndIT {

    private static final List<ServiceProcess> services = new ArrayList<>();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final JsonMapper json = JsonMapper.builder().build();
    private static String elasticsearch;
    private static ServiceProcess ingest;
    /** Stands in for a trace collector (Jaeger in compose): the OTLP/HTTP export requests it got. */
    private static com.sun.net.httpserver.HttpServer collector;
    private static final List<byte[]> exported = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void startPipeline() throws Exception {
        elasticsearch = TestInfrastructure.elasticsearchUrl();
        collector = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        collector.createContext("/v1/traces", exchange -> {
            exported.add(exchange.getRequestBody().readAllBytes());
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        collector.start();
        Map<String, String> environment = Map.of(
                "KAFKA_BOOTSTRAP_SERVERS", TestInfrastructure.kafkaBootstrapServers(),
                "ELASTICSEARCH_URIS", elasticsearch,
                // spans exported over OTLP, as compose does to Jaeger (off unless an endpoint is set)
                "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT",
                "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces",
                "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "1.0",
                // copy counts in rounds of 2 s instead of 30, so that the test sees them soon
                "NEWSFLOW_PUBLISH_DUPLICATES_COUNT_COPIES_EVERY", "2s");
        for (String name : List.of("ingest-service", "enrich-service", "publish-service")) {
            services.add(ServiceProcess.start(name, environment));
        }
        for (ServiceProcess service : services) {
            service.awaitReady(Duration.ofSeconds(120));
        }
        ingest = services.get(0);
    }

    @AfterAll
    static void stopPipeline() throws InterruptedException {
        for (ServiceProcess service : services) {
            service.close();
        }
        if (collector != null) {
            collector.stop(0);
        }
    }

    @Test
    void postedPageBecomesACleanSearchableDocument() throws Exception {
        String url = "https://www.example-news.org/world/2024/05/01/ceasefire-talks?utm_source=feed";
        String page = """
                <!doctype html><html lang="en"><head>
                <title>Ceasefire talks resume in Cairo | Example News</title>
                <meta property="og:title" content="Ceasefire talks resume in Cairo">
                <meta property="article:published_time" content="2024-05-01T07:30:00Z"></head>
                <body><nav><a href="/">Home</a><a href="/world">World</a><a href="/sport">Sport</a></nav>
                <article><h1>Ceasefire talks resume in Cairo</h1>
                <p>Negotiators returned to Cairo on Wednesday for a new round of talks.</p>
                <p>Mediators said both delegations had accepted the agenda.</p></article>
                <footer>© Example News. All rights reserved.</footer></body></html>
                """;
        String body = json.writeValueAsString(Map.of("url", url, "source", "Example News", "html", page));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json.readTree(response.body()).get("id").asString();
        assertThat(id).isEqualTo(ArticleIds.fromUrl(url));

        JsonNode document = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> getDocument(id), doc -> doc != null);
        assertThat(document.get("title").asString()).isEqualTo("Ceasefire talks resume in Cairo");
        assertThat(document.get("body").asString()).isEqualTo(
                "Negotiators returned to Cairo on Wednesday for a new round of talks.\n\n"
                        + "Mediators said both delegations had accepted the agenda.");
        assertThat(document.get("source").get("domain").asString()).isEqualTo("example-news.org");
        assertThat(document.get("publishedAt").asString()).isEqualTo("2024-05-01T07:30:00Z");
        // the enrichments reach the index: language, places, dates, topics, fingerprints
        assertThat(document.get("language").get("code").asString()).isEqualTo("en");
        assertThat(document.get("countries").toString()).contains("EG");
        assertThat(document.get("dates").get(0).get("value").asString()).as("Wednesday before publication")
                .isEqualTo("2024-05-01");
        assertThat(document.get("topics").get(0).get("label").asString()).isNotBlank();
        assertThat(document.get("fingerprints").get("simhash").asString()).hasSize(16);

        HttpResponse<String> status = http.send(HttpRequest.newBuilder(URI.create(
                ingest.baseUrl() + "/api/v1/articles/" + id + "/status")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(status.statusCode()).as(status.body()).isEqualTo(200);
        assertThat(json.readTree(status.body()).get("state").asString()).isEqualTo("indexed");
        assertThat(json.readTree(status.body()).get("revision").asLong()).isEqualTo(json.readTree(response.body())
                .get("revision").asLong());

        // search sees a document after the next refresh (refresh_interval 1s), unlike a get by id
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                search("ceasefire").get("hits").get("hits").findValuesAsString("_id")).contains(id));
    }

    /**
     * A wire story, two syndicated copies (another URL, source, dateline and credit line, the last
     * paragraph cut) and an article that only quotes one of its paragraphs: both copies point at
     * the original in the index, the original and the other article at nothing; the original
     * counts its copies; all three share a story, which the stories index holds.
     */
    @Test
    void syndicatedCopiesPointAtTheirOriginal() throws Exception {
        String p1 = "The port authority closed two container terminals on Monday after a fire broke out in a "
                + "warehouse storing lithium batteries, halting the loading of more than a dozen ships.";
        String p2 = "Firefighters brought the blaze under control by the evening, a spokesman said, adding that "
                + "no one had been hurt and that the cause was still being investigated by the police.";
        String p3 = "Shipping companies warned that delays could last for days, as vessels queued outside the "
                + "harbour and trucks backed up along the coastal motorway for several kilometres.";
        String p4 = "The terminals handle about a third of the country's container traffic, and exporters of "
                + "fruit and wine said perishable cargo would have to be diverted to smaller ports in the south.";
        String p5 = "The transport minister is due to visit the site on Tuesday and has promised a review of how "
                + "hazardous goods are stored in port warehouses.";
        String wire = String.join("\n\n", p1, p2, p3, p4, p5);
        String original = postText("https://wire.example.org/2024/06/03/port-fire", "Example Wire",
                "Fire shuts container terminals", "2024-06-03T08:00:00Z", wire);
        String copy1 = postText("https://daily.example.com/business/port-fire-halts-shipping", "Example Daily",
                "Port fire halts shipping", "2024-06-03T08:40:00Z",
                "ROTTERDAM (Example Wire) - " + String.join("\n\n", p1, p2, p3, p4)
                        + "\n\n(Reporting by Jan de Vries; Editing by Mark Hale)");
        String copy2 = postText("https://times.example.net/news/terminals-closed", "Example Times",
                "Terminals closed after warehouse blaze", "2024-06-03T09:15:00Z", wire
                        + "\n\nCopyright Example Wire. All rights reserved.");
        String other = postText("https://weekly.example.org/analysis/ports", "Example Weekly",
                "Why our ports are so fragile", "2024-06-04T10:00:00Z", "Analysts have long warned about the "
                        + "concentration of trade in a handful of harbours. " + p4 + " A study published last year found "
                        + "that a week-long closure of the largest port would cost the economy more than a billion "
                        + "euros, and recommended spreading container traffic across more sites on the coast.");

        for (String copy : List.of(copy1, copy2)) {
            JsonNode document = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> getDocument(copy), doc -> doc != null);
            assertThat(document.path("duplicateOf").path("id").asString()).as(copy).isEqualTo(original);
            assertThat(document.path("duplicateOf").path("similarity").asDouble()).isBetween(0.5, 1.0);
        }
        for (String notACopy : List.of(original, other)) {
            JsonNode document = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> getDocument(notACopy), doc -> doc != null);
            assertThat(document.has("duplicateOf")).as(notACopy).isFalse();
        }
        // the original counts its copies (a few seconds later: counts are kept in rounds)
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> getDocument(original), doc -> doc.path("copies").path("count").asInt() == 2);
        assertThat(getDocument(other).has("copies")).isFalse();

        // the original and its copies are one story, in the stories index with all three counted
        String story = getDocument(original).path("story").path("id").asString();
        assertThat(story).isNotEmpty();
        assertThat(List.of(getDocument(copy1), getDocument(copy2))).allSatisfy(doc ->
                assertThat(doc.path("story").path("id").asString()).isEqualTo(story));
        JsonNode storyDocument = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> json.readTree(
                http.send(HttpRequest.newBuilder(URI.create(elasticsearch + "/news-stories/_doc/" + story)).build(),
                        HttpResponse.BodyHandlers.ofString()).body()).path("_source"), doc -> doc.has("articleCount"));
        assertThat(storyDocument.path("articleCount").asInt()).isGreaterThanOrEqualTo(3);
        assertThat(storyDocument.path("sources").findValuesAsString("value"))
                .contains("Example Wire", "Example Daily", "Example Times");
        assertThat(storyDocument.path("label").asString()).isNotBlank();
    }

    /**
     * An original posted after its copies (published first, posted last): the copy that was
     * taken for the original and the copy that pointed at it are corrected in the index to name
     * the late original, which counts both.
     */
    @Test
    void aLateOriginalCorrectsTheCopiesIndexedBeforeIt() throws Exception {
        String p1 = "Heavy rain flooded the old town overnight, forcing the evacuation of two care homes and "
                + "closing the main railway line to the coast until at least Thursday, officials said.";
        String p2 = "The river rose by more than three metres in twelve hours, breaching a flood wall that had "
                + "been reinforced only last year at a cost of several million euros to the regional government.";
        String p3 = "Volunteers filled sandbags through the night in the market square, while fire crews pumped "
                + "water out of cellars and rescued a driver whose car had been swept off a bridge.";
        String p4 = "Forecasters said the rain would ease by the afternoon but warned that rivers downstream "
                + "would keep rising for another day as water drained from the hills to the north.";
        String p5 = "The mayor asked residents to avoid the riverbank and to check on elderly neighbours, and "
                + "said the town hall would stay open overnight as a shelter for anyone who needed it.";
        String wire = String.join("\n\n", p1, p2, p3, p4, p5);
        String firstCopy = postText("https://courier.example.com/floods-old-town", "Example Courier",
                "Floods hit old town", "2024-09-10T09:00:00Z", "(Example Wire) - " + wire
                        + "\n\nCopyright Example Wire.");
        JsonNode first = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> getDocument(firstCopy), doc -> doc != null);
        assertThat(first.has("duplicateOf")).as("nothing earlier is known yet").isFalse();
        String secondCopy = postText("https://gazette.example.net/news/flood-evacuation", "Example Gazette",
                "Care homes evacuated as river rises", "2024-09-10T09:30:00Z",
                String.join("\n\n", p1, p2, p3, p4) + "\n\n(Reporting by Example Wire)");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> getDocument(secondCopy), doc -> doc.path("duplicateOf").path("id").asString()
                        .equals(firstCopy));

        String original = postText("https://wire.example.org/2024/09/10/floods", "Example Wire",
                "Floods force evacuations in old town", "2024-09-10T07:45:00Z", "RIVERTON - " + wire);

        for (String copy : List.of(firstCopy, secondCopy)) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).ignoreExceptions()
                    .untilAsserted(() -> assertThat(getDocument(copy).path("duplicateOf").path("id").asString())
                            .as(copy).isEqualTo(original));
        }
        assertThat(getDocument(original).has("duplicateOf")).isFalse();
        assertThat(getDocument(firstCopy).path("duplicateOf").path("similarity").asDouble()).isBetween(0.5, 1.0);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> getDocument(original), doc -> doc.path("copies").path("count").asInt() == 2);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> getDocument(firstCopy), doc -> doc.path("copies").path("count").asInt(0) == 0);
    }

    /**
     * The Grafana board (docker/grafana) uses only metrics the running services expose: every
     * metric name in every panel query is found in some service's /actuator/prometheus, after an
     * article went through and a post was refused (counters by outcome appear with their first
     * event).
     */
    @Test
    void theGrafanaBoardUsesOnlyMetricsTheServicesExpose() throws Exception {
        String id = postText("https://metrics.example.org/2024/06/01/board", "Example Metrics", "Board check",
                "2024-06-01T08:00:00Z", "The board check article has a body long enough to be enriched and indexed "
                        + "like any other article, with a few sentences about nothing in particular.");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> getDocument(id), doc -> doc != null);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"url\":\"not a url\",\"source\":\"x\",\"text\":\"t\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);

        java.util.Set<String> exposed = new java.util.TreeSet<>();
        for (ServiceProcess service : services) {
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl()
                    + "/actuator/prometheus")).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).as(service.baseUrl()).isEqualTo(200);
            scrape.body().lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("[{ ]", 2)[0]).forEach(exposed::add);
        }
        JsonNode board = json.readTree(java.nio.file.Files.readString(java.nio.file.Path.of(
                "../docker/grafana/dashboards/newsflow-pipeline.json")));
        java.util.Set<String> used = new java.util.TreeSet<>();
        for (JsonNode panel : board.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                used.addAll(PromQl.metricNames(target.path("expr").asString()));
            }
        }
        assertThat(used).as("metrics of the board").hasSizeGreaterThan(10);
        assertThat(exposed).as("metrics the services expose").containsAll(used);
    }

    private String postText(String url, String source, String title, String publishedAt, String text)
            throws Exception {
        String body = json.writeValueAsString(Map.of("url", url, "source", source, "title", title,
                "publishedAt", publishedAt, "text", text));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("id").asString();
    }

    /**
     * Whatever ingest accepts can be enriched and indexed: the largest article it takes (a body
     * just under the 5 MB request limit) with every field at its longest (url, source, title,
     * section, 50 authors, 32 metadata entries, all at their bounds) goes through enrich and
     * publish and is found, not dead-lettered for a term too long or a record too large.
     */
    @Test
    void theLargestValidArticleWithTheLongestValuesIsIndexed() throws Exception {
        int urlMax = io.newsflow.ingest.intake.ArticleSubmission.Bounds.URL;
        String base = "https://long.example.org/";
        String url = base + "a".repeat(urlMax - base.length());
        // varied paragraphs, as a long report has (repeated ones would be taken for page furniture)
        String[] who = {"The port authority", "Ana Silva", "The ministry", "Shipping companies", "Exporters",
                "The transport minister", "Firefighters", "The European Union", "Dock workers", "Insurers"};
        String[] did = {"said", "warned", "announced", "denied", "reported", "confirmed"};
        String[] what = {"that talks would resume on Monday", "a rise in freight prices", "new rules for the harbour",
                "the closure of two terminals", "plans to expand exports", "a review of safety in warehouses"};
        java.util.Random random = new java.util.Random(20261207);
        StringBuilder text = new StringBuilder(4_800_000);
        for (int i = 0; text.length() < 4_750_000; i++) {
            text.append(who[random.nextInt(who.length)]).append(' ').append(did[random.nextInt(did.length)])
                    .append(' ').append(what[random.nextInt(what.length)]).append(" in ")
                    .append(1990 + random.nextInt(35)).append('.').append(i % 5 == 4 ? "\n\n" : " ");
        }
        String title = ("Port " + "reopens after the fire ".repeat(60)).substring(0,
                io.newsflow.ingest.intake.ArticleSubmission.Bounds.TITLE);
        Map<String, String> metadata = new java.util.LinkedHashMap<>();
        for (int i = 0; i < io.newsflow.ingest.intake.ArticleSubmission.Bounds.METADATA_ENTRIES; i++) {
            String key = ("key" + i + "-").concat("k".repeat(64)).substring(0,
                    io.newsflow.ingest.intake.ArticleSubmission.Bounds.METADATA_KEY);
            metadata.put(key, "v".repeat(io.newsflow.ingest.intake.ArticleSubmission.Bounds.METADATA_VALUE));
        }
        List<String> authors = new ArrayList<>();
        for (int i = 0; i < io.newsflow.ingest.intake.ArticleSubmission.Bounds.AUTHORS; i++) {
            authors.add(("Author " + i + " ").concat("Longname ".repeat(120)).substring(0,
                    io.newsflow.ingest.intake.ArticleSubmission.Bounds.AUTHOR).strip());
        }
        Map<String, Object> article = new java.util.LinkedHashMap<>();
        article.put("url", url);
        article.put("source", Map.of("name", "Long Wire ".repeat(110).substring(0, 1024).strip(),
                "domain", "long.example.org"));
        article.put("title", title);
        article.put("section", "World ".repeat(200).substring(0, io.newsflow.ingest.intake.ArticleSubmission.Bounds.SECTION));
        article.put("authors", authors);
        article.put("metadata", metadata);
        article.put("publishedAt", "2024-06-03T08:00:00Z");
        article.put("language", "en");
        article.put("text", text.toString());

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(article))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = json.readTree(response.body()).get("id").asString();

        JsonNode document = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions().until(() -> getDocument(id), doc -> doc != null);
        assertThat(document.path("url").asString()).isEqualTo(url);
        assertThat(document.path("title").asString()).isEqualTo(title);
        assertThat(document.path("authors").size()).isEqualTo(authors.size());
        assertThat(document.path("metadata").size()).isEqualTo(metadata.size());
        assertThat(document.path("wordCount").asInt()).isGreaterThan(700_000);
        // and it can be found by its title's words like any other (once the index has refreshed)
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> search("reopens").findValuesAsString("_id"), ids -> ids.contains(id));
    }

    /**
     * Subscriptions as a subscriber uses them: created over HTTP; a matching and a non-matching
     * article posted; one alert on news.alerts for the match, the whole article on a topic of
     * its own, a signed webhook call; a correction alerts again with its new revision; a deleted
     * subscription stays quiet; every record carries its CloudEvents headers and matches its
     * schema.
     */
    @Test
    void subscriptionsDeliverMatchesToTopicsAndWebhooks() throws Exception {
        try (var subscriber = new SubscriptionsEndToEnd(ingest.baseUrl(), TestInfrastructure.kafkaBootstrapServers())) {
            HttpResponse<String> refused = subscriber.call("POST", "/api/v1/subscriptions",
                    "{\"name\":\"x\",\"query\":{\"q\":\"Lukashenka\"},\"delivery\":{\"topic\":\"news.raw\"}}");
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(422);
            assertThat(refused.body()).contains("delivery.topic");

            JsonNode alerts = created(subscriber.call("POST", "/api/v1/subscriptions", "{\"name\":\"belarus-alerts\","
                    + "\"query\":{\"q\":\"Lukashenka\"},\"delivery\":{\"webhook\":\"" + subscriber.webhookUrl() + "\"}}"));
            JsonNode slice = created(subscriber.call("POST", "/api/v1/subscriptions", "{\"name\":\"belarus-slice\","
                    + "\"query\":{\"q\":\"Lukashenka\"},\"delivery\":{\"topic\":\"" + SubscriptionsEndToEnd.sliceTopic()
                    + "\"}}"));
            JsonNode gone = created(subscriber.call("POST", "/api/v1/subscriptions",
                    "{\"name\":\"gone\",\"query\":{\"q\":\"Lukashenka\"}}"));
            assertThat(alerts.get("webhookSecret").asString()).hasSizeGreaterThan(30);
            assertThat(slice.has("webhookSecret")).isFalse();
            assertThat(subscriber.call("DELETE", "/api/v1/subscriptions/" + gone.get("id").asString(), null).statusCode())
                    .isEqualTo(204);
            assertThat(subscriber.call("GET", "/api/v1/subscriptions/" + gone.get("id").asString(), null).statusCode())
                    .isEqualTo(404);
            HttpResponse<String> listing = subscriber.call("GET", "/api/v1/subscriptions", null);
            assertThat(json.readTree(listing.body()).get("subscriptions").findValuesAsString("name"))
                    .containsExactly("belarus-alerts", "belarus-slice");
            assertThat(listing.body()).doesNotContain("webhookSecret");

            // the publish service has read both (and forgotten the deleted one) before anything is posted
            ServiceProcess publish = services.get(2);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(json.readTree(
                    http.send(HttpRequest.newBuilder(URI.create(publish.baseUrl()
                            + "/actuator/metrics/newsflow.subscriptions.active")).build(),
                            HttpResponse.BodyHandlers.ofString()).body()).get("measurements").get(0).get("value").asDouble())
                    .isEqualTo(2.0));
            subscriber.follow(List.of(Topics.RAW, Topics.ENRICHED, Topics.ALERTS, SubscriptionsEndToEnd.sliceTopic()));

            String url = "https://www.example-news.org/world/2024/05/02/belarus-drills";
            String matching = post(url, "Lukashenka orders snap military drills",
                    "Belarusian leader Alyaksandr Lukashenka ordered snap military drills near the border on Thursday.");
            String other = post("https://www.example-news.org/sport/2024/05/02/derby", "Derby ends in a draw",
                    "The city derby ended goalless on Thursday in front of a sold-out stadium.");
            String alertsId = alerts.get("id").asString();
            subscriber.readUntil(read -> subscriber.on(Topics.ALERTS, alertsId).size() == 1
                    && !subscriber.on(SubscriptionsEndToEnd.sliceTopic(), matching).isEmpty()
                    && !subscriber.on(Topics.ENRICHED, other).isEmpty(), Duration.ofSeconds(60));

            ConsumerRecord<String, byte[]> alert = subscriber.on(Topics.ALERTS, alertsId).get(0);
            JsonNode alertValue = json.readTree(alert.value());
            assertThat(alertValue.get("articleId").asString()).isEqualTo(matching);
            assertThat(alertValue.get("subscriptionName").asString()).isEqualTo("belarus-alerts");
            assertThat(alertValue.get("highlights").get(0).get("fragment").asString()).contains("Lukashenka");
            assertThat(SubscriptionsEndToEnd.schemaErrors("article-alert.v1.schema.json", alertValue)).isEmpty();
            assertThat(subscriber.values(Topics.ALERTS, v -> v.get("articleId").asString().equals(other))).isEmpty();
            assertThat(subscriber.values(Topics.ALERTS, v -> v.get("subscriptionId").asString()
                    .equals(gone.get("id").asString()))).as("a deleted subscription is quiet").isEmpty();
            JsonNode sliced = json.readTree(subscriber.on(SubscriptionsEndToEnd.sliceTopic(), matching).get(0).value());
            assertThat(sliced.get("body").asString()).contains("snap military drills");
            assertThat(SubscriptionsEndToEnd.schemaErrors("article-enriched.v1.schema.json", sliced)).isEmpty();

            // every record carries the CloudEvents attributes and its schema version
            for (var record : List.of(subscriber.on(Topics.RAW, matching).get(0), subscriber.on(Topics.ENRICHED, matching).get(0),
                    alert, subscriber.on(SubscriptionsEndToEnd.sliceTopic(), matching).get(0))) {
                Map<String, String> headers = SubscriptionsEndToEnd.headers(record);
                assertThat(SubscriptionsEndToEnd.schemaErrors("cloudevents-headers.v1.schema.json",
                        SubscriptionsEndToEnd.json(headers))).as(record.topic() + " " + headers).isEmpty();
                assertThat(headers).containsEntry("ce_specversion", "1.0").containsEntry("schemaVersion", "1")
                        .containsEntry("content-type", "application/json").containsKey("ce_id");
            }
            assertThat(SubscriptionsEndToEnd.headers(alert)).containsEntry("ce_type", "io.newsflow.article.alert.v1");
            // one trace, from the HTTP post to the alert: W3C traceparent 00-<trace id>-<span id>-<flags>
            String traceId = traceId(subscriber.on(Topics.RAW, matching).get(0));
            assertThat(traceId).matches("[0-9a-f]{32}");
            assertThat(traceId(subscriber.on(Topics.ENRICHED, matching).get(0))).isEqualTo(traceId);
            assertThat(traceId(alert)).isEqualTo(traceId);
            assertThat(SubscriptionsEndToEnd.headers(subscriber.on(Topics.ENRICHED, matching).get(0)))
                    .containsEntry("ce_type", "io.newsflow.article.enriched.v1").containsEntry("ce_subject", matching);

            // the webhook got the same alert, signed with the secret shown at creation
            await().atMost(Duration.ofSeconds(30)).until(() -> !subscriber.calls.isEmpty());
            SubscriptionsEndToEnd.Call call = subscriber.calls.get(0);
            assertThat(call.header("X-Newsflow-Signature"))
                    .isEqualTo(SubscriptionsEndToEnd.hmac(alerts.get("webhookSecret").asString(), call.body()));
            assertThat(json.readTree(call.body()).get("articleId").asString()).isEqualTo(matching);
            assertThat(call.header("ce-type")).isEqualTo("io.newsflow.article.alert.v1");
            assertThat(call.header("traceparent")).contains(traceId);

            // a correction is alerted again, with its new revision
            long firstRevision = alertValue.get("revision").asLong();
            post(url, "Lukashenka orders snap military drills (updated)",
                    "Belarusian leader Alyaksandr Lukashenka ordered snap military drills near the border on Thursday, "
                            + "the defence ministry said.");
            subscriber.readUntil(read -> subscriber.on(Topics.ALERTS, alertsId).size() == 2, Duration.ofSeconds(60));
            JsonNode correction = json.readTree(subscriber.on(Topics.ALERTS, alertsId).get(1).value());
            assertThat(correction.get("articleId").asString()).isEqualTo(matching);
            assertThat(correction.get("revision").asLong()).isGreaterThan(firstRevision);
            assertThat(correction.get("title").asString()).endsWith("(updated)");

            // the Java subscriber example (./newsflow follow) shows the alert and its correction, once each
            StringWriter followed = new StringWriter();
            int exit = NewsflowTools.execute(new PrintWriter(followed, true), new PrintWriter(followed, true), "follow",
                    "--bootstrap", TestInfrastructure.kafkaBootstrapServers(), "--subscription", alertsId,
                    "--from-beginning", "--max", "2", "--timeout", "60s");
            assertThat(exit).as(followed.toString()).isZero();
            assertThat(followed.toString().lines().toList()).hasSize(2)
                    .allMatch(line -> line.contains("[belarus-alerts]") && line.contains(url))
                    .anyMatch(line -> line.contains("(updated)")
                            && line.endsWith("(revision " + correction.get("revision").asLong() + ")"));
        }
    }

    /**
     * One article's trace reaches the trace collector from all three services: the spans each
     * exports over OTLP/HTTP (protobuf) carry the trace id of the article's traceparent and the
     * exporting service's name.
     */
    @Test
    void anArticlesTraceIsExportedByEveryService() throws Exception {
        String id = postText("https://trace.example.org/2024/06/01/one-trace", "Example Trace", "One trace",
                "2024-06-01T08:00:00Z", "An article followed from the post to the index, its spans exported by each "
                        + "service to the collector, which here is a small server standing in for Jaeger.");
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> getDocument(id), doc -> doc != null);
        String traceparent = null;
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(Map.of(
                "bootstrap.servers", TestInfrastructure.kafkaBootstrapServers(), "auto.offset.reset", "earliest",
                "isolation.level", "read_committed", "group.id", "e2e-trace-" + System.nanoTime()),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ENRICHED));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (traceparent == null && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (id.equals(record.key())) {
                        traceparent = SubscriptionsEndToEnd.headers(record).get("traceparent");
                    }
                }
            }
        }
        assertThat(traceparent).as("the enriched record's traceparent").isNotNull();
        byte[] traceId = java.util.HexFormat.of().parseHex(traceparent.split("-")[1]);
        for (String service : List.of("ingest-service", "enrich-service", "publish-service")) {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).alias(service).until(() ->
                    exported.stream().anyMatch(body -> contains(body, service.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                            && contains(body, traceId)));
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String traceId(ConsumerRecord<String, byte[]> record) {
        String traceparent = SubscriptionsEndToEnd.headers(record).get("traceparent");
        assertThat(traceparent).as(record.topic() + " carries traceparent").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    private static JsonNode created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).isPresent();
        return json.readTree(response.body());
    }

    /** Posts an article as scraped text; returns its id. */
    private static String post(String url, String title, String text) throws Exception {
        String body = json.writeValueAsString(Map.of("url", url, "source", "Example News", "title", title,
                "publishedAt", "2024-05-02T08:00:00Z", "text", title + "\n\n" + text));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return json.readTree(response.body()).get("id").asString();
    }

    @Test
    void rejectedArticleNeverReachesTheIndex() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(ingest.baseUrl() + "/api/v1/articles"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"url\": \"https://example.org/x\", \"text\": \"no source\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(response.body()).contains("source");
    }

    private static JsonNode getDocument(String id) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(elasticsearch + "/news-articles/_doc/" + id)).GET().build(), HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? json.readTree(response.body()).get("_source") : null;
    }

    private static JsonNode search(String word) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(elasticsearch + "/news-articles/_search?q=title:" + word)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
