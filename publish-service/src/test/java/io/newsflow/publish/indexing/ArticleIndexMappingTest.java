package io.newsflow.publish.indexing;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch._types.mapping.TypeMapping;
import org.junit.jupiter.api.Test;

class ArticleIndexMappingTest {

    @Test
    void languageSubFieldsOnlyWhereTheClusterHasTheAnalyzer() throws Exception {
        TypeMapping with = ArticleIndex.mappings(true);
        TypeMapping without = ArticleIndex.mappings(false);

        assertThat(with.properties().get("body").text().fields()).containsKey("english");
        assertThat(with.properties().get("title").text().fields()).containsKeys("english", "keyword");
        assertThat(without.properties().get("body").text().fields()).doesNotContainKey("english");
        assertThat(without.properties().get("title").text().fields()).containsOnlyKeys("keyword");
    }

    @Test
    void unknownFieldsCannotGrowTheMappingAndFacetsAreKeywords() throws Exception {
        TypeMapping mapping = ArticleIndex.mappings(true);

        assertThat(mapping.dynamic().jsonValue()).isEqualTo("false");
        for (String facet : new String[] {"people", "organizations", "locations", "misc", "countries",
                "primaryCountry", "entityIds"}) {
            assertThat(mapping.properties().get(facet).isKeyword()).as(facet).isTrue();
        }
        assertThat(mapping.properties().get("location").isGeoPoint()).isTrue();
    }

    /** Who said what: each quote a nested document, so a speaker and the words are matched together. */
    @Test
    void quotesAreNestedWithTheSpeakerAsKeywords() throws Exception {
        var quotes = ArticleIndex.mappings(true).properties().get("quotes");

        assertThat(quotes.isNested()).isTrue();
        assertThat(quotes.nested().properties().get("text").isText()).isTrue();
        var speaker = quotes.nested().properties().get("speaker").object().properties();
        assertThat(speaker.get("name").isKeyword()).isTrue();
        assertThat(speaker.get("name").keyword().ignoreAbove()).isEqualTo(1024);
        assertThat(speaker.get("entityId").isKeyword()).isTrue();
    }

    /**
     * Elasticsearch refuses a whole document with a keyword term over 32,766 bytes, so every
     * keyword field whose value comes from outside (the client, the page) has an {@code
     * ignore_above}: a longer value stays in the source and is only left out of the terms. The
     * others hold what the pipeline makes itself: ids, hashes, codes, labels of fixed lists.
     */
    @Test
    void everyKeywordFromOutsideIsBoundedSoNoLongValueCanRejectADocument() throws Exception {
        java.util.Set<String> madeByThePipeline = java.util.Set.of("id", "dateline.countryCode", "language.code",
                "places.countryCode", "places.kind", "countries", "primaryCountry", "dates.value",
                "dates.granularity", "topics.code", "sentiment.label", "fingerprints.contentHash",
                "fingerprints.simhash", "story.id", "duplicateOf.id", "enrichment.version");
        java.util.List<String> unbounded = new java.util.ArrayList<>();
        collectUnbounded(ArticleIndex.mappings(true).properties(), "", unbounded);

        assertThat(unbounded).isNotEmpty().allSatisfy(field -> assertThat(madeByThePipeline).contains(field));
    }

    private static void collectUnbounded(java.util.Map<String, co.elastic.clients.elasticsearch._types.mapping.Property> properties,
            String prefix, java.util.List<String> unbounded) {
        properties.forEach((name, property) -> {
            if (property.isKeyword() && property.keyword().ignoreAbove() == null) {
                unbounded.add(prefix + name);
            }
            if (property.isText() && property.text().fields() != null) {
                property.text().fields().forEach((sub, field) -> {
                    if (field.isKeyword() && field.keyword().ignoreAbove() == null) {
                        unbounded.add(prefix + name + "." + sub);
                    }
                });
            }
            if (property.isObject()) {
                collectUnbounded(property.object().properties(), prefix + name + ".", unbounded);
            }
            if (property.isNested()) {
                collectUnbounded(property.nested().properties(), prefix + name + ".", unbounded);
            }
        });
    }
}
