package io.newsflow.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KnowledgeTest {

    private static final Knowledge KNOWLEDGE = EntityRecognizer.standard().knowledge();

    @Test
    void noAliasIsClaimedByTwoEntities() {
        assertThat(KNOWLEDGE.conflicts()).isEmpty();
    }

    @Test
    void countriesCapitalsAndCuratedEntriesAreLoadedWithStableIds() {
        assertThat(KNOWLEDGE.size()).isGreaterThan(600);
        assertThat(KNOWLEDGE.byId("country/GE").canonicalName()).isEqualTo("Georgia");
        assertThat(KNOWLEDGE.byId("city/tbilisi").type()).isEqualTo(EntityType.LOCATION);
        assertThat(KNOWLEDGE.byId("country/US").aliases()).contains("U.S.", "US", "America", "USA");
        assertThat(KNOWLEDGE.byId("person/alexei-navalny").aliases()).contains("Navalny");
        assertThat(KNOWLEDGE.byId("org/nato").type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void foldingUnifiesAccentsAndSlavicEndingsOnly() {
        assertThat(Knowledge.fold("Zelenskiy")).isEqualTo(Knowledge.fold("Zelensky"))
                .isEqualTo(Knowledge.fold("Zelenskyy")).isEqualTo(Knowledge.fold("Zelenskyi"));
        assertThat(Knowledge.fold("Navalnyy")).isEqualTo(Knowledge.fold("Navalny"));
        assertThat(Knowledge.fold("Erdoğan")).isEqualTo("Erdogan");
        assertThat(Knowledge.fold("US")).isNotEqualTo(Knowledge.fold("us"));
        assertThat(Knowledge.fold("Xi")).isEqualTo("Xi");
    }

    @Test
    void slugsAreReadable() {
        assertThat(Knowledge.slug("Washington D.C.")).isEqualTo("washington-dc");
        assertThat(Knowledge.slug("Brasília")).isEqualTo("brasilia");
    }
}
