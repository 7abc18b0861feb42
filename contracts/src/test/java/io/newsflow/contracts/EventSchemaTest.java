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
                List.of(new ArticleEnriched.Place("London", "GB", "city", 51.50853, -0.12574, 1)), List.of("GB"), "GB",
                new ArticleEnriched.GeoPoint(51.50853, -0.12574),
                List.of(new ArticleEnriched.DateMention("on Monday", "2024-04-29", "day", new ArticleEnriched.Span(3, 12))),
                List.of(new ArticleEnriched.Topic("medtop:11000000", "politics", 0.8)),
                List.of(new ArticleEnriched.Keyword("second paragraph", 0.7)), new ArticleEnriched.Sentiment(-0.2, "neutral"),
                "First paragraph.", new ArticleEnriched.Fingerprints("9f86d081884c7d65", "00ff00ff00ff00ff"),
                new ArticleEnriched.Enrichment("1", Instant.parse("2024-05-01T10:05:01Z"), 12, List.of(),
                        List.of("body-from-json-ld")));
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
    void datesAreIsoStringsAndRecordsRoundTrip() {
        ObjectNode node = json(received());
        assertThat(node.get("receivedAt").asString()).isEqualTo("2024-05-01T10:05:00Z");
        assertThat(node.has("text")).isFalse();
        assertThat(EventJson.mapper().treeToValue(node, ArticleReceived.class)).isEqualTo(received());
        assertThat(EventJson.mapper().treeToValue(json(enriched()), ArticleEnriched.class)).isEqualTo(enriched());
    }

    @Test
    void anEmptyBodyIsStillWrittenAsTheSchemaRequires() {
        ArticleEnriched empty = new ArticleEnriched(1, enriched().id(), 1, null, null, Source.named("X"),
                Instant.parse("2024-05-01T10:05:00Z"), null, null, null, null, null, null, null, null, null, null,
                null, null, 0, 0, null, null, null, null, null, null, null, null, null, null, null, null,
                new ArticleEnriched.Enrichment("1", Instant.parse("2024-05-01T10:05:01Z"), 1, null,
                        List.of("no-article-found")));
        ObjectNode node = json(empty);
        assertThat(node.get("body").asString()).isEmpty();
        assertThat(errors("article-enriched.v1.schema.json", node)).isEmpty();
    }

    @Test
    void theDeadLetterHeaderSchemaNamesEveryReasonTheCodeWrites() {
        JsonNode schema;
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/dead-letter-headers.v1.schema.json")) {
            schema = EventJson.mapper().readTree(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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

    private static ObjectNode json(Object event) {
        return EventJson.mapper().valueToTree(event);
    }

    private static List<Error> errors(String schemaFile, JsonNode node) {
        try (InputStream in = EventSchemaTest.class.getResourceAsStream("/schemas/" + schemaFile)) {
            Schema schema = SCHEMAS.getSchema(in);
            return schema.validate(node);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
