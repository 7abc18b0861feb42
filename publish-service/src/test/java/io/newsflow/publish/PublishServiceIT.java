package io.newsflow.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.DeadLetterReason;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Source;
import io.newsflow.contracts.Topics;
import io.newsflow.testinfra.KafkaTopics;
import io.newsflow.testinfra.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** The publish service against a real broker and a real Elasticsearch. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
@ActiveProfiles("local")
public class PublishServiceIT {

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        TestInfrastructure.registerKafka(registry);
        registry.add("newsflow.publish.elasticsearch.uris", TestInfrastructure::elasticsearchUrl);
    }

    /** news.enriched belongs to the enrich service, which is not running here. */
    @BeforeAll
    static void createEnrichedTopic() throws Exception {
        KafkaTopics.create(Topics.ENRICHED, 2);
    }

    @Autowired
    ElasticsearchClient elasticsearch;

    @Autowired
    MeterRegistry meters;

    public static ArticleEnriched article(String url, long revision, String title) {
        return new ArticleEnriched(1, ArticleIds.fromUrl(url), revision, url, url,
                new Source("Example", "example.org"), Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T08:00:00Z"), null, "Example", "Lead of " + title,
                new ArticleEnriched.Dateline("GENEVA (Reuters) -", "GENEVA", "CH"), null,
                title, List.of("Jane Doe"), "World", Map.of("feed", "rss"), null,
                "Body of " + title + ".", 3, 1, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new ArticleEnriched.Enrichment("1", Instant.parse("2024-05-01T10:00:01Z"), 5, List.of(), List.of()));
    }

    @Test
    void enrichedArticleIsSearchableThroughTheAliasUnderItsId() throws Exception {
        ArticleEnriched article = article("https://example.org/a", 10, "Talks resume");

        KafkaTopics.send(Topics.ENRICHED, article.id(), EventJson.mapper().writeValueAsString(article));

        JsonNode document = awaitDocument(article.id(), doc -> doc.get("revision").asLong() == 10);
        assertThat(document.get("title").asString()).isEqualTo("Talks resume");
        assertThat(document.get("source").get("domain").asString()).isEqualTo("example.org");
        assertThat(document.get("publishedAt").asString()).isEqualTo("2024-05-01T08:00:00Z");
        assertThat(document.get("indexedAt").asString()).isNotBlank();
        assertThat(document.get("authors").get(0).asString()).isEqualTo("Jane Doe");
        assertThat(document.get("metadata").get("feed").asString()).isEqualTo("rss");
        assertThat(document.get("dateline").get("place").asString()).isEqualTo("GENEVA");
        var aliases = elasticsearch.indices().getAlias(a -> a.name("news-articles")).result();
        assertThat(aliases).containsOnlyKeys("news-articles-v1");
        // search sees a document after the next refresh (refresh_interval 1s), unlike a get by id
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(elasticsearch.search(s -> s
                        .index("news-articles").query(q -> q.match(m -> m.field("title").query("talks"))), JsonNode.class)
                .hits().hits()).extracting(hit -> hit.id()).contains(article.id()));
        // title.english exists where the cluster has the analyzer (it stems: "resumed" finds "resume");
        // a node without analysis-common (the test distribution) gets the index without it
        var titleFields = elasticsearch.indices().getMapping(m -> m.index("news-articles")).result()
                .get("news-articles-v1").mappings().properties().get("title").text().fields();
        boolean english;
        try {
            elasticsearch.indices().analyze(a -> a.analyzer("english").text("x"));
            english = true;
        } catch (co.elastic.clients.elasticsearch._types.ElasticsearchException e) {
            english = false;
        }
        assertThat(titleFields.containsKey("english")).isEqualTo(english);
        if (english) {
            assertThat(elasticsearch.search(s -> s.index("news-articles")
                            .query(q -> q.match(m -> m.field("title.english").query("resumed"))), JsonNode.class)
                    .hits().hits()).extracting(hit -> hit.id()).contains(article.id());
        }
    }

    @Test
    void enrichmentsAreFacetsAndTheLatencyIsMeasured() throws Exception {
        String url = "https://example.org/facets";
        ArticleEnriched base = article(url, 5, "Starmer visits Paris");
        ArticleEnriched article = new ArticleEnriched(1, base.id(), 5, url, url, base.source(), base.receivedAt(),
                base.publishedAt(), null, null, null, null, null, base.title(), List.of(), null, Map.of(),
                "Keir Starmer met Emmanuel Macron.", base.body(), 5, 1, new ArticleEnriched.Language("en", 0.99),
                List.of(new ArticleEnriched.Entity("PERSON", "Keir Starmer", "Keir Starmer", List.of(),
                                "person/keir-starmer", 1, List.of(new ArticleEnriched.Span(0, 12)), 0.9),
                        new ArticleEnriched.Entity("ORGANIZATION", "NATO", "NATO", List.of(), null, 1, List.of(), 0.8)),
                List.of(new ArticleEnriched.Place("Paris", "FR", "city", 48.85341, 2.3488, 1)), List.of("FR", "GB"),
                "FR", new ArticleEnriched.GeoPoint(48.85341, 2.3488), List.of(),
                List.of(new ArticleEnriched.Topic("medtop:11000000", "politics", 0.9)),
                List.of(new ArticleEnriched.Keyword("state visit", 0.8)), new ArticleEnriched.Sentiment(0.3, "positive"),
                "Keir Starmer met Emmanuel Macron.", new ArticleEnriched.Fingerprints("ab", "0123456789abcdef"), null, null,
                base.enrichment());

        KafkaTopics.send(Topics.ENRICHED, article.id(), EventJson.mapper().writeValueAsString(article));

        awaitDocument(article.id(), doc -> true);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(elasticsearch.search(s -> s
                        .index("news-articles").query(q -> q.bool(b -> b
                                .filter(f -> f.term(t -> t.field("people").value("Keir Starmer")))
                                .filter(f -> f.term(t -> t.field("organizations").value("NATO")))
                                .filter(f -> f.term(t -> t.field("entityIds").value("person/keir-starmer")))
                                .filter(f -> f.term(t -> t.field("countries").value("GB")))
                                .filter(f -> f.term(t -> t.field("topics.label").value("politics")))
                                .filter(f -> f.term(t -> t.field("language.code").value("en")))
                                .filter(f -> f.range(r -> r.number(n -> n.field("sentiment.score").gt(0.0))))
                                .filter(f -> f.geoDistance(g -> g.field("location").distance("50km")
                                        .location(l -> l.latlon(ll -> ll.lat(48.8).lon(2.3))))))), JsonNode.class)
                .hits().hits()).extracting(hit -> hit.id()).containsExactly(article.id()));
        assertThat(meters.get("newsflow.publish.latency").timer().count()).isPositive();
    }

    /**
     * Who said what: quotes are nested, so a speaker and words match only when one quote has
     * both (Putin said "talks", Zelensky said "ceasefire": Putin + ceasefire finds nothing).
     */
    @Test
    void quotesAreSearchableBySpeakerAndWordsTogether() throws Exception {
        ArticleEnriched article = article("https://example.org/quotes", 3, "Leaders speak");
        var json = (tools.jackson.databind.node.ObjectNode) EventJson.mapper().valueToTree(article);
        json.putArray("quotes").addAll(List.of(
                EventJson.mapper().valueToTree(new ArticleEnriched.Quote("We are ready for talks",
                        new ArticleEnriched.Speaker("Vladimir Putin", "person/vladimir-putin"),
                        new ArticleEnriched.Span(10, 32))),
                EventJson.mapper().valueToTree(new ArticleEnriched.Quote("There must first be a ceasefire",
                        new ArticleEnriched.Speaker("Volodymyr Zelenskyy", "person/volodymyr-zelenskyy"),
                        new ArticleEnriched.Span(40, 71)))));

        KafkaTopics.send(Topics.ENRICHED, article.id(), EventJson.mapper().writeValueAsString(json));

        JsonNode document = awaitDocument(article.id(), doc -> doc.path("quotes").size() == 2);
        assertThat(document.path("quotes").get(0).path("speaker").path("entityId").asString())
                .isEqualTo("person/vladimir-putin");
        assertThat(saidBy("person/vladimir-putin", "talks")).containsExactly(article.id());
        assertThat(saidBy("person/vladimir-putin", "ceasefire")).isEmpty();
        assertThat(saidBy("person/volodymyr-zelenskyy", "ceasefire")).containsExactly(article.id());
    }

    private List<String> saidBy(String speaker, String word) throws Exception {
        elasticsearch.indices().refresh(r -> r.index("news-articles"));
        return elasticsearch.search(s -> s.index("news-articles").query(q -> q.nested(n -> n.path("quotes")
                .query(nq -> nq.bool(b -> b.filter(f -> f.term(t -> t.field("quotes.speaker.entityId").value(speaker)))
                        .must(m -> m.match(mt -> mt.field("quotes.text").query(word))))))), JsonNode.class)
                .hits().hits().stream().map(hit -> hit.id()).toList();
    }

    @Test
    void anOlderRevisionArrivingLateNeverOverwritesANewerOne() throws Exception {
        ArticleEnriched newer = article("https://example.org/b", 20, "Corrected headline");
        ArticleEnriched older = article("https://example.org/b", 19, "Original headline");
        ArticleEnriched marker = article("https://example.org/b-marker", 1, "Marker");

        KafkaTopics.send(Topics.ENRICHED, newer.id(), EventJson.mapper().writeValueAsString(newer));
        awaitDocument(newer.id(), doc -> doc.get("revision").asLong() == 20);
        KafkaTopics.send(Topics.ENRICHED, older.id(), EventJson.mapper().writeValueAsString(older));
        KafkaTopics.send(Topics.ENRICHED, newer.id(), EventJson.mapper().writeValueAsString(newer));
        KafkaTopics.send(Topics.ENRICHED, marker.id(), EventJson.mapper().writeValueAsString(marker));
        awaitDocument(marker.id(), doc -> true);

        JsonNode document = awaitDocument(newer.id(), doc -> true);
        assertThat(document.get("title").asString()).isEqualTo("Corrected headline");
        assertThat(document.get("revision").asLong()).isEqualTo(20);
    }

    @Test
    void tombstoneDeletesTheDocument() throws Exception {
        ArticleEnriched article = article("https://example.org/c", 5, "Retracted");
        KafkaTopics.send(Topics.ENRICHED, article.id(), EventJson.mapper().writeValueAsString(article));
        awaitDocument(article.id(), doc -> true);

        KafkaTopics.send(Topics.ENRICHED, article.id(), null);

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> assertThat(
                elasticsearch.exists(e -> e.index("news-articles").id(article.id())).value()).isFalse());
    }

    @Test
    void unreadableRecordIsDeadLetteredAndIndexingContinues() throws Exception {
        KafkaTopics.send(Topics.ENRICHED, "poison", "[1, 2, not json");
        ArticleEnriched after = article("https://example.org/after-poison", 1, "After poison");
        KafkaTopics.send(Topics.ENRICHED, after.id(), EventJson.mapper().writeValueAsString(after));

        ConsumerRecord<String, String> dead = KafkaTopics.readOne(Topics.ENRICHED_DLT, "poison");
        assertThat(dead.value()).isEqualTo("[1, 2, not json");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-original-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.ENRICHED);
        assertThat(header(dead, DeadLetterReason.HEADER)).isEqualTo("unreadable-record");
        awaitDocument(after.id(), doc -> true);
    }

    @Test
    void aDocumentElasticsearchRefusesIsDeadLetteredWithTheReasonAndIndexingContinues() throws Exception {
        ArticleEnriched base = article("https://example.org/bad-location", 3, "Bad location");
        ArticleEnriched refused = new ArticleEnriched(1, base.id(), 3, base.url(), base.url(), base.source(),
                base.receivedAt(), base.publishedAt(), null, null, null, null, null, base.title(), List.of(), null,
                Map.of(), null, base.body(), 3, 1, null, null, null, null, null,
                new ArticleEnriched.GeoPoint(999, 0), null, null, null, null, null, null, null, null, base.enrichment());
        ArticleEnriched after = article("https://example.org/after-refused", 1, "After refused");

        KafkaTopics.send(Topics.ENRICHED, refused.id(), EventJson.mapper().writeValueAsString(refused));
        KafkaTopics.send(Topics.ENRICHED, after.id(), EventJson.mapper().writeValueAsString(after));

        ConsumerRecord<String, String> dead = KafkaTopics.readOne(Topics.ENRICHED_DLT, refused.id());
        assertThat(EventJson.mapper().readValue(dead.value(), ArticleEnriched.class)).isEqualTo(refused);
        String why = new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8);
        assertThat(why).contains("status 400", "document_parsing_exception", "[location]");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-fqcn").value(), StandardCharsets.UTF_8))
                .contains("IndexingRejectedException");
        assertThat(dead.headers().lastHeader("kafka_dlt-original-offset")).isNotNull();
        assertThat(header(dead, DeadLetterReason.HEADER)).isEqualTo("index-rejected");
        assertThat(header(dead, DeadLetterReason.ARTICLE_ID_HEADER)).isEqualTo(refused.id());
        awaitDocument(after.id(), doc -> true);
        assertThat(elasticsearch.exists(e -> e.index("news-articles").id(refused.id())).value()).isFalse();
    }

    @Test
    void aRecordBreakingTheContractIsDeadLetteredInsteadOfBecomingAnEmptyDocument() throws Exception {
        // JSON of the right shape (a value without its primitives would not even read: unreadable-record)
        KafkaTopics.send(Topics.ENRICHED, "k1",
                "{\"schemaVersion\":1,\"id\":\"k1\",\"revision\":0,\"wordCount\":0,\"readingTimeMinutes\":0}");
        ArticleEnriched after = article("https://example.org/after-contract", 1, "After contract");
        KafkaTopics.send(Topics.ENRICHED, after.id(), EventJson.mapper().writeValueAsString(after));

        ConsumerRecord<String, String> dead = KafkaTopics.readOne(Topics.ENRICHED_DLT, "k1");
        assertThat(header(dead, DeadLetterReason.HEADER)).isEqualTo("contract-violation");
        assertThat(header(dead, DeadLetterReason.DETAIL_HEADER)).contains("revision is missing", "source is missing");
        awaitDocument(after.id(), doc -> true);
        assertThat(elasticsearch.exists(e -> e.index("news-articles").id("k1")).value()).isFalse();
    }

    /**
     * What Elasticsearch answers during maintenance or at the disk flood-stage watermark (403
     * cluster_block_exception) is the cluster's state, not the document's: wait, never dead-letter.
     */
    @Test
    void aWriteBlockDelaysIndexingAndDeadLettersNothing() throws Exception {
        String index = elasticsearch.indices().getAlias(a -> a.name("news-articles")).result().keySet().iterator().next();
        List<ArticleEnriched> articles = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            articles.add(article("https://example.org/blocked-" + i, 7, "Blocked " + i));
        }
        elasticsearch.indices().putSettings(p -> p.index(index).settings(st -> st.blocks(b -> b.write(true))));
        try {
            for (ArticleEnriched article : articles) {
                KafkaTopics.send(Topics.ENRICHED, article.id(), EventJson.mapper().writeValueAsString(article));
            }
            Thread.sleep(4000); // several attempts meet the block
            assertThat(elasticsearch.exists(e -> e.index("news-articles").id(articles.get(0).id())).value()).isFalse();
        } finally {
            elasticsearch.indices().putSettings(p -> p.index(index).settings(st -> st.blocks(b -> b.write(false))));
        }
        for (ArticleEnriched article : articles) {
            awaitDocument(article.id(), doc -> doc.get("revision").asLong() == 7);
        }
        var deadIds = KafkaTopics.readEverything(Topics.ENRICHED_DLT).stream().map(ConsumerRecord::key).toList();
        assertThat(deadIds).doesNotContainAnyElementsOf(articles.stream().map(ArticleEnriched::id).toList());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private JsonNode awaitDocument(String id, java.util.function.Predicate<JsonNode> condition) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            var response = elasticsearch.get(g -> g.index("news-articles").id(id), JsonNode.class);
            assertThat(response.found()).isTrue();
            assertThat(condition.test(response.source())).isTrue();
            found.add(0, response.source());
        });
        return found.get(0);
    }
}
