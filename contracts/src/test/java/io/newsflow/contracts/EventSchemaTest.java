package io.newsflow.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The records as serialised on the topics must match the published JSON Schemas. */
class EventSchemaTest {

    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

    static ArticleReceived received() {
        return new ArticleReceived(ArticleReceived.SCHEMA_VERSION, ArticleIds.fromUrl("https://example.com/a"),
                "https://example.com/a", "https://example.com/a",
                new Source("Example News", "example.com"), "A title", Instant.parse("2024-05-01T10:00:00Z"),
                Instant.parse("2024-05-01T10:05:00Z"), "en", List.of("Jane Doe"), "World", Map.of("feed", "rss"),
                "<html><body><p>Hi</p></body></html>", null);
    }

    static ArticleEnriched enriched() {
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, ArticleIds.fromUrl("https://example.com/a"),
                1_700_000_000_000L, "https://example.com/a", "https://example.com/a",
                new Source("Example News", "example.com"), Instant.parse("2024-05-01T10:05:00Z"), null,
                Instant.parse("2024-05-01T11:00:00Z"), "Example News", "A lead.",
                new ArticleEnriched.Dateline("LONDON (Reuters) -", "LONDON", "GB"),
                new ArticleEnriched.Image("https://example.com/a.jpg", "A caption"),
                "A title", List.of("Jane Doe"), "World", Map.of(), "First paragraph.",
                "First paragraph.\n\nSecond paragraph.", 4, 1, new ArticleEnriched.Language("en", 0.98),
                List.of(new ArticleEnriched.Entity("PERSON", "Keir Starmer", "Keir Starmer", List.of("Starmer"),
                        "person/keir-starmer", 2, List.of(new ArticleEnriched.Span(0, 12), new ArticleEnriched.Span(20, 27)),
                        0.9)),
                List.of(new ArticleEnriched.Quote("First paragraph", new ArticleEnriched.Speaker("Keir Starmer",
                        "person/keir-starmer"), new ArticleEnriched.Span(0, 15))),
                List.of(new ArticleEnriched.Place("London", "GB", "city", 51.50853, -0.12574, 1)), List.of("GB"), "GB",
                new ArticleEnriched.GeoPoint(51.50853, -0.12574),
                List.of(new ArticleEnriched.DateMention("on Monday", "2024-04-29", "day", new ArticleEnriched.Span(3, 12))),
                List.of(new ArticleEnriched.Topic("medtop:11000000", "politics", 0.8)),
                List.of(new ArticleEnriched.Keyword("second paragraph", 0.7)), new ArticleEnriched.Sentiment(-0.2, "neutral"),
                "First paragraph.", new ArticleEnriched.Fingerprints("9f86d081884c7d65", "00ff00ff00ff00ff"), null, null,
                new ArticleEnriched.Enrichment("1", Instant.parse("2024-05-01T10:05:01Z"), 12, List.of(),
                        List.of("body-from-json-ld")));
    }

    static Subscription subscription() {
        return new Subscription(Subscription.SCHEMA_VERSION, "0123456789abcdef0123456789abcdef", "Belarus politics",
                new Subscription.Query("Lukashenka OR \"Tsikhanouskaya\"", List.of("BY"), List.of("medtop:11000000"),
                        List.of(), List.of("en", "ru"), null),
                new Subscription.Delivery("news.alerts.newsroom", "https://hooks.example.com/newsflow"),
                "q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k8l9z0x1c", "anonymous", Instant.parse("2024-05-01T09:00:00Z"));
    }

    /** A subscription without a webhook, delivering whole articles to a slice. */
    static Subscription sliceSubscription() {
        return new Subscription(Subscription.SCHEMA_VERSION, "fedcba9876543210fedcba9876543210", "Markets",
                new Subscription.Query(null, List.of(), List.of("economy, business and finance"), null, null,
                        List.of("reuters.com")),
                new Subscription.Delivery("news.enriched.markets", null), null, "key-1",
                Instant.parse("2024-05-01T09:30:00Z"));
    }

    static ArticleAlert alert() {
        return new ArticleAlert(ArticleAlert.SCHEMA_VERSION, subscription().id(), subscription().name(),
                enriched().id(), Revisions.of(1_714_557_900_000L, 42), "Lukashenka meets envoy",
                "https://example.com/a", new Source("Example News", "example.com"),
                Instant.parse("2024-05-01T10:00:00Z"), List.of("BY"),
                List.of(new ArticleAlert.Highlight("title", "Lukashenka meets envoy",
                                List.of(new ArticleEnriched.Span(0, 10))),
                        new ArticleAlert.Highlight("body", "... said Lukashenka, and Tsikhanouskaya answered ...",
                                List.of(new ArticleEnriched.Span(9, 19), new ArticleEnriched.Span(25, 39)))),
                Instant.parse("2024-05-01T10:05:02Z"));
    }

    static Story story() {
        return new Story(Story.SCHEMA_VERSION, "s-5f1c", "Fire shuts container terminals", "5f1c",
                Instant.parse("2024-06-03T08:00:00Z"), Instant.parse("2024-06-03T11:00:00Z"), 3,
                List.of(new Story.Count("Example Wire", 2), new Story.Count("Example Daily", 1)),
                List.of(new Story.Count("Port of Rotterdam", 3)), List.of(new Story.Count("NL", 3)),
                List.of(new Story.Count("disaster, accident and emergency incident", 3)), -0.4, null,
                Instant.parse("2024-06-03T11:00:02Z"));
    }

    /** A story that turned out to be another one, with nothing but what it had. */
    static Story mergedStory() {
        return new Story(Story.SCHEMA_VERSION, "s-77aa", null, null, Instant.parse("2024-06-03T09:00:00Z"),
                Instant.parse("2024-06-03T09:00:00Z"), 1, List.of(), List.of(), List.of(), List.of(), null, "s-5f1c",
                Instant.parse("2024-06-03T11:00:02Z"));
    }

    /** A copy published first, corrected when its original (published earlier, posted later) came in. */
    static DuplicateCorrection correction() {
        return new DuplicateCorrection(DuplicateCorrection.SCHEMA_VERSION, "0123456789abcdef0123456789abcdef",
                new ArticleEnriched.DuplicateOf("fedcba9876543210fedcba9876543210", 0.83),
                Instant.parse("2024-06-03T11:00:02Z"));
    }

    /** An alert for a subscription of filters only, about an article posted as text without a URL. */
    static ArticleAlert bareAlert() {
        return new ArticleAlert(ArticleAlert.SCHEMA_VERSION, sliceSubscription().id(), sliceSubscription().name(),
                enriched().id(), 1, null, null, Source.named("Wire"), null, null, null,
                Instant.parse("2024-05-01T10:05:02Z"));
    }

    @Test
    void articleReceivedMatchesItsSchema() {
        assertThat(errors("article-received.v1.schema.json", json(received()))).isEmpty();
    }

    @Test
    void articleEnrichedMatchesItsSchema() {
        assertThat(errors("article-enriched.v1.schema.json", json(enriched()))).isEmpty();
    }

    @Test
    void duplicateCorrectionsMatchTheirSchemaAndBrokenOnesAreRefused() {
        assertThat(errors("duplicate-correction.v1.schema.json", json(correction()))).isEmpty();
        assertThat(correction().contractViolations(correction().id())).isEmpty();
        ObjectNode node = json(correction());
        node.remove("duplicateOf");
        node.put("id", "not-an-id");
        assertThat(errors("duplicate-correction.v1.schema.json", node)).hasSize(2);
        var self = new DuplicateCorrection(1, "a", new ArticleEnriched.DuplicateOf("a", 1), Instant.EPOCH);
        assertThat(self.contractViolations("b")).containsExactly("id a is not the key b",
                "an article cannot be a copy of itself");
        assertThat(new DuplicateCorrection(2, null, null, null).contractViolations(null))
                .containsExactly("schemaVersion 2 is not 1", "no id", "no duplicateOf.id");
    }

    @Test
    void schemaRejectsARecordWithBothHtmlAndText() {
        ObjectNode node = json(received());
        node.put("text", "also text");
        assertThat(errors("article-received.v1.schema.json", node)).isNotEmpty();
    }

    @Test
    void schemaRejectsMalformedEnrichments() {
        ObjectNode node = json(enriched());
        ((ObjectNode) node.get("entities").get(0)).put("type", "PER");
        node.put("primaryCountry", "gbr");
        assertThat(errors("article-enriched.v1.schema.json", node)).hasSize(2);
    }

    @Test
    void schemaRejectsARecordWithoutId() {
        ObjectNode node = json(enriched());
        node.remove("id");
        assertThat(errors("article-enriched.v1.schema.json", node))
                .extracting(Error::getMessage).anyMatch(message -> message.contains("id"));
    }

    @Test
    void subscriptionsMatchTheirSchema() {
        assertThat(errors("subscription.v1.schema.json", json(subscription()))).isEmpty();
        ObjectNode slice = json(sliceSubscription());
        assertThat(slice.has("webhookSecret")).isFalse();
        assertThat(slice.get("query").has("countries")).as("empty lists are left out").isFalse();
        assertThat(errors("subscription.v1.schema.json", slice)).isEmpty();
        // Delivery has no @JsonInclude of its own, so a missing webhook is written as null today;
        // the schema allows that and leaving it out alike
        ((ObjectNode) slice.get("delivery")).remove("webhook");
        assertThat(errors("subscription.v1.schema.json", slice)).isEmpty();
        assertThat(subscription().contractViolations(subscription().id())).isEmpty();
    }

    @Test
    void subscriptionSchemaRejectsBrokenSubscriptions() {
        ObjectNode badId = json(subscription());
        badId.put("id", "0123456789ABCDEF0123456789ABCDEF");
        assertThat(errors("subscription.v1.schema.json", badId)).isNotEmpty();

        ObjectNode intoThePipeline = json(subscription());
        ((ObjectNode) intoThePipeline.get("delivery")).put("topic", Topics.RAW);
        assertThat(errors("subscription.v1.schema.json", intoThePipeline)).isNotEmpty();

        ObjectNode webhookWithoutSecret = json(subscription());
        webhookWithoutSecret.remove("webhookSecret");
        assertThat(errors("subscription.v1.schema.json", webhookWithoutSecret)).isNotEmpty();

        ObjectNode askingForNothing = json(subscription());
        askingForNothing.putObject("query");
        assertThat(errors("subscription.v1.schema.json", askingForNothing)).isNotEmpty();

        ObjectNode lowerCaseCountry = json(subscription());
        ((ObjectNode) lowerCaseCountry.get("query")).putArray("countries").add("by");
        assertThat(errors("subscription.v1.schema.json", lowerCaseCountry)).isNotEmpty();
    }

    /** The schema's delivery.topic rule and {@link Topics#isSubscriberTopic} say the same. */
    @Test
    void subscriptionSchemaAcceptsExactlyTheSubscriberTopics() {
        List<String> topics = List.of(Topics.ALERTS, "news.alerts.newsroom", "news.alerts.a_b-9", "news.enriched.markets",
                "news.enriched.0", "news.enriched." + "a".repeat(100), "news.enriched." + "a".repeat(101),
                Topics.RAW, Topics.ENRICHED, Topics.RAW_DLT, Topics.ENRICHED_DLT, Topics.SUBSCRIPTIONS, Topics.WEBHOOKS,
                Topics.WEBHOOKS_DLT, "news.alerts.dlt", "news.alerts.", "news.enriched.", "news.alerts.-x",
                "news.alerts.X", "news.alerts.a.b", "news.alertsx", "xnews.alerts", "news.alerts.a b", "news.enriched.dlt2");
        for (String topic : topics) {
            ObjectNode node = json(subscription());
            ((ObjectNode) node.get("delivery")).put("topic", topic);
            assertThat(errors("subscription.v1.schema.json", node).isEmpty()).as(topic)
                    .isEqualTo(Topics.isSubscriberTopic(topic));
        }
    }

    @Test
    void alertsMatchTheirSchema() {
        ObjectNode node = json(alert());
        assertThat(node.get("highlights").get(1).get("matches").get(1).toString()).isEqualTo("{\"start\":25,\"end\":39}");
        assertThat(errors("article-alert.v1.schema.json", node)).isEmpty();
        ObjectNode bare = json(bareAlert());
        assertThat(bare.has("highlights")).isFalse();
        assertThat(errors("article-alert.v1.schema.json", bare)).isEmpty();
        assertThat(EventJson.mapper().treeToValue(node, ArticleAlert.class)).isEqualTo(alert());
    }

    @Test
    void alertSchemaRejectsBrokenAlerts() {
        ObjectNode badSubscription = json(alert());
        badSubscription.put("subscriptionId", "sub-1");
        assertThat(errors("article-alert.v1.schema.json", badSubscription))
                .extracting(error -> error.getInstanceLocation().toString()).containsExactly("/subscriptionId");

        ObjectNode badField = json(alert());
        ((ObjectNode) badField.get("highlights").get(0)).put("field", "headline");
        assertThat(errors("article-alert.v1.schema.json", badField)).isNotEmpty();

        ObjectNode noSource = json(alert());
        noSource.putObject("source");
        assertThat(errors("article-alert.v1.schema.json", noSource)).isNotEmpty();

        ObjectNode noMatchTime = json(alert());
        noMatchTime.remove("matchedAt");
        assertThat(errors("article-alert.v1.schema.json", noMatchTime)).isNotEmpty();
    }

    @Test
    void cloudEventsHeadersMatchTheirSchema() {
        ObjectNode headers = ceHeaders(CloudEvents.ARTICLE_ALERT, "publish-service");
        assertThat(errors("cloudevents-headers.v1.schema.json", headers)).isEmpty();
        headers.remove(CloudEvents.SUBJECT_HEADER);
        assertThat(errors("cloudevents-headers.v1.schema.json", headers)).as("ce_subject is optional").isEmpty();

        JsonNode schema = readSchema("cloudevents-headers.v1.schema.json");
        assertThat(schema.get("properties").get(CloudEvents.TYPE_HEADER).get("enum").valueStream()
                .map(JsonNode::asString).toList()).containsExactlyInAnyOrder(CloudEvents.ARTICLE_RECEIVED,
                        CloudEvents.ARTICLE_ENRICHED, CloudEvents.ARTICLE_ALERT, CloudEvents.SUBSCRIPTION, CloudEvents.STORY,
                        CloudEvents.DUPLICATE_CORRECTION);
        for (String header : List.of(CloudEvents.SPEC_VERSION_HEADER, CloudEvents.ID_HEADER, CloudEvents.SOURCE_HEADER,
                CloudEvents.TYPE_HEADER, CloudEvents.TIME_HEADER, CloudEvents.SUBJECT_HEADER,
                CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.SCHEMA_VERSION_HEADER)) {
            assertThat(schema.get("properties").has(header)).as(header).isTrue();
        }

        ObjectNode unknownType = ceHeaders("io.newsflow.article.deleted.v1", "publish-service");
        assertThat(errors("cloudevents-headers.v1.schema.json", unknownType)).isNotEmpty();
        ObjectNode foreignSource = ceHeaders(CloudEvents.ARTICLE_RECEIVED, "x").put(CloudEvents.SOURCE_HEADER, "/other/x");
        assertThat(errors("cloudevents-headers.v1.schema.json", foreignSource)).isNotEmpty();
        ObjectNode noTime = ceHeaders(CloudEvents.ARTICLE_RECEIVED, "ingest-service");
        noTime.remove(CloudEvents.TIME_HEADER);
        assertThat(errors("cloudevents-headers.v1.schema.json", noTime)).isNotEmpty();
        ObjectNode badVersion = ceHeaders(CloudEvents.ARTICLE_RECEIVED, "ingest-service")
                .put(CloudEvents.SCHEMA_VERSION_HEADER, "v1");
        assertThat(errors("cloudevents-headers.v1.schema.json", badVersion)).isNotEmpty();
    }

    /** The headers as the services write them (kafka-support's EventHeaders), as a map of strings. */
    static ObjectNode ceHeaders(String type, String service) {
        return EventJson.mapper().createObjectNode()
                .put(CloudEvents.SPEC_VERSION_HEADER, CloudEvents.SPEC_VERSION)
                .put(CloudEvents.ID_HEADER, "0123456789abcdef0123456789abcdef:1714557900000042")
                .put(CloudEvents.SOURCE_HEADER, CloudEvents.source(service))
                .put(CloudEvents.TYPE_HEADER, type)
                .put(CloudEvents.TIME_HEADER, Instant.parse("2024-05-01T10:05:02.123Z").toString())
                .put(CloudEvents.SUBJECT_HEADER, "0123456789abcdef0123456789abcdef")
                .put(CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.CONTENT_TYPE)
                .put(CloudEvents.SCHEMA_VERSION_HEADER, "1");
    }

    @Test
    void datesAreIsoStringsAndRecordsRoundTrip() {
        ObjectNode node = json(received());
        assertThat(node.get("receivedAt").asString()).isEqualTo("2024-05-01T10:05:00Z");
        assertThat(node.has("text")).isFalse();
        assertThat(EventJson.mapper().treeToValue(node, ArticleReceived.class)).isEqualTo(received());
        assertThat(EventJson.mapper().treeToValue(json(enriched()), ArticleEnriched.class)).isEqualTo(enriched());
    }

    @Test
    void quotesAreOptionalAndARecordWithoutThemStillReads() {
        ObjectNode node = json(enriched());
        assertThat(node.get("quotes").get(0).get("speaker").get("entityId").asString()).isEqualTo("person/keir-starmer");
        node.remove("quotes");
        assertThat(errors("article-enriched.v1.schema.json", node)).isEmpty();
        ArticleEnriched back = EventJson.mapper().treeToValue(node, ArticleEnriched.class);
        assertThat(back.quotes()).isEmpty();

        ObjectNode broken = json(enriched());
        ((ObjectNode) broken.get("quotes").get(0)).remove("speaker");
        assertThat(errors("article-enriched.v1.schema.json", broken)).isNotEmpty();
    }

    @Test
    void anEmptyBodyIsStillWrittenAsTheSchemaRequires() {
        ArticleEnriched empty = new ArticleEnriched(1, enriched().id(), 1, null, null, Source.named("X"),
                Instant.parse("2024-05-01T10:05:00Z"), null, null, null, null, null, null, null, null, null, null,
                null, null, 0, 0, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                new ArticleEnriched.Enrichment("1", Instant.parse("2024-05-01T10:05:01Z"), 1, null,
                        List.of("no-article-found")));
        ObjectNode node = json(empty);
        assertThat(node.get("body").asString()).isEmpty();
        assertThat(errors("article-enriched.v1.schema.json", node)).isEmpty();
    }

    @Test
    void theDeadLetterHeaderSchemaNamesEveryReasonTheCodeWrites() {
        JsonNode schema = readSchema("dead-letter-headers.v1.schema.json");
        JsonNode reasons = schema.get("properties").get(DeadLetterReason.HEADER).get("enum");
        assertThat(reasons.valueStream().map(JsonNode::asString).toList()).containsExactlyElementsOf(
                java.util.Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code).toList());
        for (String header : List.of(DeadLetterReason.ARTICLE_ID_HEADER, DeadLetterReason.DETAIL_HEADER,
                DeadLetterReason.VALUE_OMITTED_HEADER)) {
            assertThat(schema.get("properties").has(header)).as(header).isTrue();
        }
        ObjectNode headers = EventJson.mapper().createObjectNode().put(DeadLetterReason.HEADER, "index-rejected")
                .put("kafka_dlt-original-topic", Topics.ENRICHED);
        assertThat(errors("dead-letter-headers.v1.schema.json", headers)).isEmpty();
        headers.put(DeadLetterReason.HEADER, "gone-away");
        assertThat(errors("dead-letter-headers.v1.schema.json", headers)).isNotEmpty();
    }

    @Test
    void recordsKeepingTheContractHaveNoViolationsAndBareOnesAreNamed() {
        assertThat(received().contractViolations(received().id())).isEmpty();
        assertThat(enriched().contractViolations(enriched().id())).isEmpty();
        ArticleReceived bare = EventJson.mapper().readValue("{\"schemaVersion\":1,\"id\":\"k1\"}", ArticleReceived.class);
        assertThat(bare.contractViolations("k1")).containsExactly("id is not 32 lower-case hex digits",
                "source is missing (a name and/or a domain)", "receivedAt is missing", "neither html nor text is present");
        assertThat(received().contractViolations("another")).containsExactly("id differs from the record's key");
    }

    @Test
    void revisionsOrderPostsByAppendTimeThenOffsetAndStayExactInJavaScript() {
        assertThat(Revisions.of(1_764_064_800_123L, 42)).isEqualTo(1_764_064_800_123_042L);
        assertThat(Revisions.of(1_764_064_800_123L, 43)).isGreaterThan(Revisions.of(1_764_064_800_123L, 42));
        assertThat(Revisions.of(1_764_064_800_124L, 0)).isGreaterThan(Revisions.of(1_764_064_800_123L, 999));
        assertThat(Revisions.appendTime(Revisions.of(1_764_064_800_123L, 7)).toEpochMilli()).isEqualTo(1_764_064_800_123L);
        assertThat(Revisions.of(Instant.parse("2100-01-01T00:00:00Z").toEpochMilli(), 999)).isLessThan(1L << 53);
    }

    @Test
    void sourceMayBeGivenAsABareName() {
        Source source = EventJson.mapper().readValue("\"Reuters\"", Source.class);
        assertThat(source).isEqualTo(new Source("Reuters", null));
    }

    /** The record as its producers serialise it. */
    static ObjectNode json(Object event) {
        return EventJson.mapper().valueToTree(event);
    }

    /** The schema file {@code /schemas/<schemaFile>} from the classpath, as JSON. */
    static JsonNode readSchema(String schemaFile) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + schemaFile)) {
            assertThat(in).as("/schemas/" + schemaFile).isNotNull();
            return EventJson.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What in {@code node} breaks the schema {@code /schemas/<schemaFile>}; empty when it keeps it. */
    static List<Error> errors(String schemaFile, JsonNode node) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + schemaFile)) {
            assertThat(in).as("/schemas/" + schemaFile).isNotNull();
            Schema schema = SCHEMAS.getSchema(in);
            return schema.validate(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
