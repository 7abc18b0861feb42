package io.newsflow.enrich.places;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.newsflow.enrich.text.TextAnalysis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaceResolverTest {

    private static final PlaceResolver RESOLVER = PlaceResolver.standard();

    private static PlaceAnalysis resolve(String title, String body) {
        return RESOLVER.resolve(title, TextAnalysis.of(body), null, List.of());
    }

    private static Optional<Place> place(PlaceAnalysis analysis, String name) {
        return analysis.places().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    @Test
    void georgiaIsTheCountryInAStoryAboutTheCaucasus() {
        PlaceAnalysis a = resolve("Georgia's ruling party claims victory in disputed vote",
                "Thousands of protesters gathered outside parliament in Tbilisi on Sunday after Georgia's ruling "
                        + "party claimed victory. The opposition accused Moscow of meddling, and Russia denied it. "
                        + "Russian troops have been stationed in Abkhazia since 2008.");

        assertThat(a.primaryCountry()).isEqualTo("GE");
        assertThat(place(a, "Georgia")).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("country");
            assertThat(p.countryCode()).isEqualTo("GE");
        });
        assertThat(a.countries()).startsWith("GE").contains("RU");
    }

    @Test
    void georgiaIsTheStateInAStoryAboutAtlanta() {
        PlaceAnalysis a = resolve("Georgia voters head to the polls",
                "Long lines formed at polling stations in Atlanta on Tuesday as Georgia voters cast ballots in a "
                        + "closely watched Senate runoff. Turnout in the suburbs of Atlanta was higher than in 2020, "
                        + "election officials said, and many Georgians waited for hours.");

        assertThat(a.primaryCountry()).isEqualTo("US");
        assertThat(place(a, "Georgia")).get().satisfies(p -> {
            assertThat(p.kind()).isEqualTo("region");
            assertThat(p.countryCode()).isEqualTo("US");
        });
        assertThat(a.countries()).doesNotContain("GE");
    }

    @Test
    void parisIsTheFrenchCapitalByDefault() {
        PlaceAnalysis a = resolve("Transport strike",
                "Commuters in Paris faced long delays on Thursday as metro drivers walked out over pension plans. "
                        + "Unions said the strike would continue into next week.");

        assertThat(a.primaryCountry()).isEqualTo("FR");
        assertThat(place(a, "Paris")).get().satisfies(p -> {
            assertThat(p.countryCode()).isEqualTo("FR");
            assertThat(p.lat()).isCloseTo(48.85, within(0.1));
        });
        assertThat(a.location().lat()).isCloseTo(48.85, within(0.1));
    }

    @Test
    void parisIsTheTexasTownWhenTheArticleIsAboutTexas() {
        PlaceAnalysis a = resolve("Tornado damages homes",
                "A tornado tore through Paris late on Monday, damaging dozens of homes and a school. The storm "
                        + "system moved across North Texas after hitting Dallas, forecasters said.");

        assertThat(place(a, "Paris")).get().satisfies(p -> {
            assertThat(p.countryCode()).isEqualTo("US");
            assertThat(p.lat()).isCloseTo(33.66, within(0.1));
        });
        assertThat(a.primaryCountry()).isEqualTo("US");
        assertThat(a.countries()).doesNotContain("FR");
    }

    @Test
    void aQualifierAfterACommaSettlesTheTown() {
        PlaceAnalysis a = resolve(null, "The festival returns to Paris, Texas, in June.");

        assertThat(place(a, "Paris")).get().extracting(Place::countryCode).isEqualTo("US");
        assertThat(place(a, "Texas")).get().extracting(Place::kind).isEqualTo("region");
    }

    @Test
    void aMinskDatelineMakesBelarusPrimaryWithMinskCoordinates() {
        PlaceAnalysis a = RESOLVER.resolve("Opposition figure sentenced",
                TextAnalysis.of("A court sentenced the opposition activist to eight years in prison on Friday. "
                        + "The European Union and the United States condemned the verdict, and Poland "
                        + "summoned the Belarusian ambassador. Washington called it a sham."),
                "MINSK", List.of());

        assertThat(a.primaryCountry()).isEqualTo("BY");
        assertThat(a.datelineCountryCode()).isEqualTo("BY");
        assertThat(a.location().lat()).isCloseTo(53.9, within(0.05));
        assertThat(a.location().lon()).isCloseTo(27.57, within(0.05));
        assertThat(place(a, "Minsk")).get().extracting(Place::kind).isEqualTo("city");
        assertThat(a.countries()).contains("BY", "US", "PL");
    }

    @Test
    void aDatelineWithItsCountryAfterTheComma() {
        PlaceAnalysis a = RESOLVER.resolve(null,
                TextAnalysis.of("Air raid sirens sounded across the capital overnight."), "KYIV, Ukraine", List.of());

        assertThat(a.primaryCountry()).isEqualTo("UA");
        assertThat(a.location().lat()).isCloseTo(50.45, within(0.05));
        assertThat(place(a, "Kyiv")).isPresent();
    }

    @Test
    void demonymsCountForTheirCountry() {
        PlaceAnalysis a = resolve(null,
                "Ukrainian forces pushed back an assault near the front line, the general staff said. Ukrainian "
                        + "officials said drones had hit a fuel depot.");

        assertThat(a.countries()).containsExactly("UA");
        assertThat(a.primaryCountry()).isEqualTo("UA");
        assertThat(a.location()).isNotNull();
    }

    @Test
    void theNewYorkTimesIsNotAMentionOfYork() {
        PlaceAnalysis a = resolve(null,
                "The report was first published by The New York Times on Monday. A spokesman declined to comment.");

        assertThat(a.places()).extracting(Place::name).doesNotContain("York", "New York City");
        assertThat(a.countries()).doesNotContain("GB");
    }

    @Test
    void newYorkIsTheCityNotYork() {
        PlaceAnalysis a = resolve(null, "Rents in New York rose again last month, brokers said.");

        assertThat(a.places()).extracting(Place::name).containsExactly("New York City");
        assertThat(a.primaryCountry()).isEqualTo("US");
    }

    @Test
    void commonWordTownsAreNotMatchedInLowerCaseOrWithoutContext() {
        PlaceAnalysis a = resolve(null,
                "It was nice to see the team split the prize. Reading the report, analysts said mobile sales "
                        + "along the coast were male-dominated. Most buyers wanted a bath and a sale.");

        assertThat(a.places()).isEmpty();
        assertThat(a.primaryCountry()).isNull();
    }

    @Test
    void aCommonWordTownCountsWhenItsCountryIsNamed() {
        PlaceAnalysis a = resolve(null,
                "The carnival in Nice drew record crowds this year, the mayor's office said. Hotels across the "
                        + "south of France were fully booked.");

        assertThat(place(a, "Nice")).get().extracting(Place::countryCode).isEqualTo("FR");
        assertThat(a.location().lat()).isCloseTo(43.7, within(0.1));
    }

    @Test
    void anArticleWithoutPlacesGivesAnEmptyResult() {
        PlaceAnalysis a = resolve("Shares edge higher",
                "Shares edged higher on Wednesday as investors weighed the latest earnings reports. Analysts said "
                        + "the mood was cautious ahead of the central bank's decision.");

        assertThat(a.places()).isEmpty();
        assertThat(a.countries()).isEmpty();
        assertThat(a.primaryCountry()).isNull();
        assertThat(a.location()).isNull();
    }

    @Test
    void emptyAndMissingInputsGiveAnEmptyResult() {
        assertThat(RESOLVER.resolve(null, TextAnalysis.of(""), null, null)).isEqualTo(PlaceAnalysis.EMPTY);
        assertThat(RESOLVER.resolve("", null, "", List.of())).isEqualTo(PlaceAnalysis.EMPTY);
    }

    @Test
    void personsNamedLikePlacesAreNotPlaces() {
        PlaceAnalysis a = resolve(null,
                "The award went to Paris Hilton, while Michael Jordan presented it. Chad Smith played drums.");

        assertThat(a.places()).isEmpty();
    }

    @Test
    void oldSpellingsResolveToTheCurrentName() {
        PlaceAnalysis a = resolve(null, "Explosions were heard in Kiev and Odessa overnight.");

        assertThat(a.places()).extracting(Place::name).containsExactlyInAnyOrder("Kyiv", "Odesa");
        assertThat(a.countries()).containsExactly("UA");
    }

    @Test
    void possessivesAndHyphenatedCompoundsStillCount() {
        PlaceAnalysis a = resolve(null,
                "Israel's cabinet met as the Israel-Hamas ceasefire held. A Cairo-based mediator joined the talks.");

        assertThat(a.countries()).contains("IL", "EG");
        assertThat(place(a, "Israel")).get().extracting(Place::mentions).isEqualTo(2);
    }

    @Test
    void theTitleWeighsMoreThanTheBody() {
        PlaceAnalysis a = resolve("Japan and South Korea agree on chip exports",
                "Officials from both countries met in Singapore on Monday after months of talks.");

        assertThat(a.countries().subList(0, 2)).containsExactlyInAnyOrder("JP", "KR");
        assertThat(a.countries()).contains("SG");
    }

    @Test
    void recognizerMentionsAddPlacesTheScanCannotConfirm() {
        String body = "Crowds lined the streets of Reading for the parade.";
        int start = body.indexOf("Reading");
        PlaceAnalysis without = RESOLVER.resolve(null, TextAnalysis.of(body), null, List.of());
        PlaceAnalysis with = RESOLVER.resolve(null, TextAnalysis.of(body), null,
                List.of(new Mention("Reading", start, start + "Reading".length())));

        assertThat(without.places()).isEmpty();
        assertThat(with.places()).extracting(Place::name).containsExactly("Reading");
    }

    @Test
    void washingtonIsTheCapitalUnlessTheArticleIsAboutThePacificNorthwest() {
        PlaceAnalysis capital = resolve(null,
                "Lawmakers in Washington failed to agree on the budget before the deadline.");
        PlaceAnalysis state = resolve(null,
                "Wildfires forced evacuations east of Seattle on Sunday, and the governor declared an emergency "
                        + "across Washington as smoke drifted toward Spokane.");

        assertThat(place(capital, "Washington")).get().extracting(Place::kind).isEqualTo("city");
        assertThat(place(state, "Washington")).get().extracting(Place::kind).isEqualTo("region");
    }

    @Test
    void newYorkStaysTheCityWhenItsBoroughsAreNamed() {
        PlaceAnalysis a = resolve(null,
                "Subway service in New York was suspended after flooding in Brooklyn and Queens.");

        assertThat(place(a, "New York City")).isPresent();
    }

    @Test
    void aGeorgiaStoryWithoutContextMeansTheCountry() {
        PlaceAnalysis a = resolve(null, "Georgia has applied to join the European Union, the government said.");

        assertThat(a.primaryCountry()).isEqualTo("GE");
    }

    @Test
    void headlinesInTitleCaseStillGivePlaces() {
        PlaceAnalysis a = resolve("Protesters Gather In Minsk As Police Detain Hundreds", "");

        assertThat(a.primaryCountry()).isEqualTo("BY");
        assertThat(place(a, "Minsk")).isPresent();
    }

    @Test
    void aUsDatelineWithAStateAbbreviation() {
        PlaceAnalysis a = RESOLVER.resolve(null,
                TextAnalysis.of("Election workers began a hand count of paper ballots on Thursday."), "ATLANTA, Ga.",
                List.of());

        assertThat(a.datelineCountryCode()).isEqualTo("US");
        assertThat(a.location().lat()).isCloseTo(33.75, within(0.05));
        assertThat(place(a, "Atlanta")).isPresent();
    }

    @Test
    void aDatelineTownUnknownToTheGazetteerStillGivesItsCountry() {
        PlaceAnalysis a = RESOLVER.resolve(null, TextAnalysis.of("Rescue teams searched the rubble overnight."),
                "ZZYZXVILLE, Ukraine", List.of());

        assertThat(a.primaryCountry()).isEqualTo("UA");
        assertThat(a.location()).isNotNull();
    }

    @Test
    void aTownUsedAsASurnameIsNotAPlace() {
        PlaceAnalysis a = resolve(null,
                "Anthony Davis scored 30 points as the Lakers beat Oklahoma City in Los Angeles. Davis also had 12 "
                        + "rebounds, and Davis said the team was finally healthy.");

        assertThat(a.places()).extracting(Place::name).doesNotContain("Davis").contains("Oklahoma City");
    }

    @Test
    void countryNamesInOtherLanguages() {
        PlaceAnalysis a = resolve(null, "Los presidentes de Estados Unidos y México se reunieron en la frontera.");

        assertThat(a.countries()).containsExactlyInAnyOrder("US", "MX");
    }

    @Test
    void aCityCountsForItsCountryAndTheCityIsTheMapPoint() {
        PlaceAnalysis a = resolve(null, "Shelling hit residential areas of Kharkiv overnight, the mayor said.");

        assertThat(place(a, "Kharkiv")).get().extracting(Place::kind).isEqualTo("city");
        assertThat(a.countries()).containsExactly("UA");
        assertThat(a.location().lat()).isCloseTo(49.99, within(0.05));
    }

    @Test
    void knowsPlaceNamesForTheEntityRecognizer() {
        assertThat(RESOLVER.isKnownPlace("Kyiv")).isTrue();
        assertThat(RESOLVER.isKnownPlace("KIEV")).isTrue();
        assertThat(RESOLVER.isKnownPlace("New York")).isTrue();
        assertThat(RESOLVER.isKnownPlace("Côte d'Ivoire")).isTrue();
        assertThat(RESOLVER.isKnownPlace("Ukrainian")).isFalse();
        assertThat(RESOLVER.isKnownPlace("New York Times")).isFalse();
        assertThat(RESOLVER.isKnownPlace("Volodymyr Zelensky")).isFalse();
        assertThat(RESOLVER.isDemonym("Israelis")).isTrue();
        assertThat(RESOLVER.isDemonym("Israel")).isFalse();
        assertThat(RESOLVER.isKnownPlace(null)).isFalse();
        assertThat(RESOLVER.isKnownPlace("")).isFalse();
    }
}
