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
}
