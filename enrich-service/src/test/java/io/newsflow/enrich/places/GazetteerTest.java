package io.newsflow.enrich.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class GazetteerTest {

    private static final Gazetteer GAZETTEER = Gazetteer.load();

    @Test
    void loadsCountriesRegionsAndTowns() {
        assertThat(GAZETTEER.entryCount()).isGreaterThan(25_000);
        assertThat(GAZETTEER.country("UA").name()).isEqualTo("Ukraine");
        assertThat(GAZETTEER.country("XK").name()).isEqualTo("Kosovo");
    }

    @Test
    void countryCentresLieInsideTheCountry() {
        // rough boxes: the median of the towns, not the capital and not the sea
        assertThat(GAZETTEER.country("FR").lat()).isBetween(43.0, 50.0);
        assertThat(GAZETTEER.country("FR").lon()).isBetween(-4.0, 7.5);
        assertThat(GAZETTEER.country("ES").lat()).isBetween(36.5, 43.5);
        assertThat(GAZETTEER.country("ES").lon()).isBetween(-9.0, 3.0);
        assertThat(GAZETTEER.country("US").lat()).isBetween(30.0, 45.0);
        assertThat(GAZETTEER.country("US").lon()).isBetween(-110.0, -75.0);
    }

    @Test
    void namesAreFoldedForAccentsCaseAndPossessives() {
        assertThat(Gazetteer.key("São Paulo")).isEqualTo("sao paulo");
        assertThat(Gazetteer.key("KRAKÓW")).isEqualTo("krakow");
        assertThat(Gazetteer.key("Russia's")).isEqualTo("russia");
        assertThat(Gazetteer.key("Côte d’Ivoire")).isEqualTo(Gazetteer.key("Cote d'Ivoire"));
        assertThat(GAZETTEER.lookup("sao paulo")).isNotNull();
    }

    @Test
    void capitalsCarryTheirCoordinates() {
        Entry minsk = GAZETTEER.lookup("minsk").senses().stream().map(Gazetteer.Sense::entry)
                .filter(e -> e.kind() == Entry.Kind.CITY).findFirst().orElseThrow();

        assertThat(minsk.kind()).isEqualTo(Entry.Kind.CITY);
        assertThat(minsk.has(Entry.CAPITAL)).isTrue();
        assertThat(minsk.lat()).isCloseTo(53.9, within(0.05));
        assertThat(minsk.lon()).isCloseTo(27.57, within(0.05));
    }

    @Test
    void stateAbbreviationsAreQualifiersOnly() {
        assertThat(GAZETTEER.lookup(Gazetteer.key("Ga."))).isNull();
        assertThat(GAZETTEER.qualifier(Gazetteer.key("Ga."))).extracting(Entry::id).containsExactly("US.GA");
    }
}
