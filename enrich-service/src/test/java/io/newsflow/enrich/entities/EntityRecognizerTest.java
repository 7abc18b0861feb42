package io.newsflow.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.text.TextAnalysis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a reader of the enriched record notices: the right names, one entity per person or body,
 * the known ones under their canonical name and id, and no sentence starts, weekdays or titles
 * passed off as names. The texts are written for these tests in the style of wire copy.
 */
class EntityRecognizerTest {

    private static final EntityRecognizer RECOGNIZER = EntityRecognizer.standard();

    private static List<Entity> entities(String text) {
        return RECOGNIZER.recognize(TextAnalysis.of(text), "en");
    }

    private static Optional<Entity> find(List<Entity> entities, String text) {
        return entities.stream().filter(e -> e.text().equals(text) || e.canonicalName().equals(text)).findFirst();
    }

    private static Entity get(List<Entity> entities, String text) {
        return find(entities, text).orElseThrow(() -> new AssertionError(text + " not found in " + entities));
    }

    private static List<String> surfaces(String text, List<Entity> entities) {
        return entities.stream().flatMap(e -> e.offsets().stream()).map(s -> text.substring(s.start(), s.end()))
                .toList();
    }

    @Test
    void transliterationsOfZelenskyyAreOnePersonWithinAndAcrossArticles() {
        String text = "Ukrainian President Volodymyr Zelensky met European leaders in Brussels on Thursday. "
                + "Zelenskiy said the talks had been frank. Later, Zelenskyy thanked the hosts.";
        List<Entity> found = entities(text);
        Entity zelenskyy = get(found, "Volodymyr Zelenskyy");
        assertThat(zelenskyy.type()).isEqualTo(EntityType.PERSON);
        assertThat(zelenskyy.id()).isEqualTo("person/volodymyr-zelenskyy");
        assertThat(zelenskyy.mentions()).isEqualTo(3);
        assertThat(zelenskyy.text()).isEqualTo("Volodymyr Zelensky");
        assertThat(found.get(0)).isEqualTo(zelenskyy);

        List<Entity> other = entities("Kyiv (AP) - Zelenskyi told parliament the front line was holding.");
        assertThat(get(other, "Volodymyr Zelenskyy").id()).isEqualTo(zelenskyy.id());
        assertThat(find(other, "Kyiv").map(Entity::type)).contains(EntityType.LOCATION);
    }

    @Test
    void shortFormsOfCountriesResolveToTheCountry() {
        String text = "The U.S. imposed new tariffs on Friday. Officials in Britain said the UK would respond, "
                + "while America's allies in the EU were more cautious.";
        List<Entity> found = entities(text);
        Entity us = get(found, "United States");
        assertThat(us.id()).isEqualTo("country/US");
        assertThat(us.mentions()).isEqualTo(2);
        assertThat(surfaces(text, List.of(us))).containsExactly("U.S.", "America");
        Entity uk = get(found, "United Kingdom");
        assertThat(uk.mentions()).isEqualTo(2);
        assertThat(uk.type()).isEqualTo(EntityType.LOCATION);
        assertThat(get(found, "European Union").type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void theUnAndTheUnitedNationsAreOneOrganisation() {
        String text = "The United Nations warned of famine in the region. The UN said aid convoys were blocked, "
                + "and a U.N. spokesman called for access.";
        Entity un = get(entities(text), "United Nations");
        assertThat(un.id()).isEqualTo("org/united-nations");
        assertThat(un.mentions()).isEqualTo(3);
        assertThat(un.aliases()).contains("UN", "U.N.");
    }

    @Test
    void anAcronymInBracketsJoinsTheNameItAbbreviates() {
        String text = "The Northern Grain Cooperative (NGC) cut its harvest forecast on Tuesday. "
                + "NGC blamed the late frost, and analysts expect NGC to trim exports.";
        Entity ngc = get(entities(text), "Northern Grain Cooperative");
        assertThat(ngc.type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(ngc.mentions()).isEqualTo(4);
        assertThat(ngc.aliases()).containsExactly("NGC");
        assertThat(ngc.id()).isNull();
    }

    @Test
    void surnamesJoinTheFullNameIntroducedEarlier() {
        String text = "Maria Kovalenko, the mayor of the port city, said repairs would take months. "
                + "Kovalenko said the harbour had been hit twice. Officials praised Kovalenko's response.";
        List<Entity> found = entities(text);
        Entity mayor = get(found, "Maria Kovalenko");
        assertThat(mayor.type()).isEqualTo(EntityType.PERSON);
        assertThat(mayor.mentions()).isEqualTo(3);
        assertThat(surfaces(text, List.of(mayor))).containsExactly("Maria Kovalenko", "Kovalenko", "Kovalenko");
        assertThat(found).hasSize(1);
    }

    @Test
    void knownPeopleAreFoundByFullNameAndSurname() {
        String text = "Joe Biden spoke at a rally in Pennsylvania. Biden urged voters to turn out.";
        Entity biden = get(entities(text), "Joe Biden");
        assertThat(biden.id()).isEqualTo("person/joe-biden");
        assertThat(biden.mentions()).isEqualTo(2);
        assertThat(get(entities(text), "Pennsylvania").type()).isEqualTo(EntityType.LOCATION);
    }

    @Test
    void titlesAndPossessivesAreNotPartOfTheName() {
        String text = "Prime Minister Keir Starmer met Dr. Aisha Rahman and Gen. Tomas Varga at the summit. "
                + "Mr. Starmer's aides declined to comment, and Rahman's office confirmed the meeting.";
        List<Entity> found = entities(text);
        assertThat(surfaces(text, found)).contains("Keir Starmer", "Aisha Rahman", "Tomas Varga", "Starmer",
                "Rahman");
        assertThat(surfaces(text, found)).noneMatch(s -> s.contains("Minister") || s.contains("Dr")
                || s.contains("Gen") || s.contains("Mr") || s.endsWith("'s"));
        assertThat(get(found, "Aisha Rahman").mentions()).isEqualTo(2);
        assertThat(get(found, "Tomas Varga").type()).isEqualTo(EntityType.PERSON);
    }

    @Test
    void sentenceStartsWeekdaysAndMonthsAreNotEntities() {
        String text = "However, the talks stalled. The delegates left on Monday. Officials said March would "
                + "be decisive. Despite the rain, Thousands marched. After the vote, Police dispersed the crowd.";
        assertThat(entities(text)).isEmpty();
    }

    @Test
    void organisationSuffixesMakeOrganisations() {
        String text = "Shares of Brightwater Holdings Inc. fell 4% after the Ministry of Agriculture opened an "
                + "inquiry. The Green Valley Party and Hallam University backed the probe.";
        List<Entity> found = entities(text);
        assertThat(get(found, "Brightwater Holdings Inc.").type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(get(found, "Ministry of Agriculture").type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(get(found, "Green Valley Party").type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(get(found, "Hallam University").type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void unknownNamesAreClassedByTheirContext() {
        String text = "Fighting was reported near Pokrovsk overnight. The Zurich-based company said Hamdullah "
                + "Mohib, its chairman, would visit Ostrava.";
        List<Entity> found = entities(text);
        assertThat(get(found, "Pokrovsk").type()).isEqualTo(EntityType.LOCATION);
        assertThat(get(found, "Zurich").type()).isEqualTo(EntityType.LOCATION);
        assertThat(get(found, "Hamdullah Mohib").type()).isEqualTo(EntityType.PERSON);
        assertThat(surfaces(text, found)).doesNotContain("Zurich-based");
    }

    @Test
    void nationalitiesAreMiscAndCompaniesAreKnown() {
        String text = "German carmaker Volkswagen and Japan's Toyota said Chinese demand was weak, "
                + "according to Reuters.";
        List<Entity> found = entities(text);
        assertThat(get(found, "German").type()).isEqualTo(EntityType.MISC);
        assertThat(get(found, "Chinese").type()).isEqualTo(EntityType.MISC);
        assertThat(get(found, "Volkswagen").id()).isEqualTo("org/volkswagen");
        assertThat(get(found, "Toyota").type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(get(found, "Japan").id()).isEqualTo("country/JP");
        assertThat(get(found, "Reuters").type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void corporateSuffixesStayWithKnownCompaniesAndCamelCaseNamesAreCompanies() {
        String text = "SoftBank Group Corp wrote down its stake in WeWork, and Deutsche Bank AG cut its target. "
                + "Investors in WeWork lost heavily.";
        List<Entity> found = entities(text);
        Entity softbank = get(found, "SoftBank");
        assertThat(softbank.id()).isEqualTo("org/softbank");
        assertThat(surfaces(text, List.of(softbank))).containsExactly("SoftBank Group Corp");
        assertThat(get(found, "Deutsche Bank").id()).isEqualTo("org/deutsche-bank");
        Entity wework = get(found, "WeWork");
        assertThat(wework.type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(wework.mentions()).isEqualTo(2);
    }

    @Test
    void georgiaIsTheUsStateInAStoryAboutAtlantaAndTheCountryInOneAboutTbilisi() {
        List<Entity> atlanta = entities("Voters in Atlanta lined up for hours as Georgia held its primary. "
                + "Georgia officials said turnout beat 2020, when Florida also voted early.");
        assertThat(get(atlanta, "Georgia").id()).isEqualTo("us-state/georgia");
        assertThat(get(atlanta, "Georgia").mentions()).isEqualTo(2);

        List<Entity> tbilisi = entities("Protesters filled the streets of Tbilisi after Georgia's parliament "
                + "passed the bill, which critics compare to a law in Russia.");
        assertThat(get(tbilisi, "Georgia").id()).isEqualTo("country/GE");
    }

    @Test
    void aPlaceInsideAnOrganisationsNameStaysPartOfIt() {
        String text = "Researchers at the University of Southern California and the New York Stock Exchange "
                + "published the study.";
        List<Entity> found = entities(text);
        assertThat(surfaces(text, found)).containsExactly("University of Southern California",
                "New York Stock Exchange");
        assertThat(found).allMatch(e -> e.type() == EntityType.ORGANIZATION);
    }

    @Test
    void allCapsDatelinesMatchKnownPlaces() {
        List<Entity> found = entities("MOSCOW (Reuters) - The Kremlin said on Sunday it had not been consulted.");
        assertThat(get(found, "Moscow").id()).isEqualTo("city/moscow");
        assertThat(get(found, "Kremlin").type()).isEqualTo(EntityType.ORGANIZATION);
    }

    @Test
    void titleCaseHeadlinesDoNotTurnEveryWordIntoAName() {
        String text = "Markets Rally As Investors Cheer Hopes Of Rate Cut\nStocks rose on Wednesday.";
        assertThat(entities(text)).isEmpty();
    }

    @Test
    void offsetsPointAtEveryMentionAndEntitiesAreSortedByMentions() {
        String text = "Apple unveiled a new phone. Samsung responded. Apple shares rose, and Apple said more "
                + "was coming; Samsung declined to comment.";
        List<Entity> found = entities(text);
        assertThat(found).extracting(Entity::canonicalName).startsWith("Apple", "Samsung");
        for (Entity e : found) {
            assertThat(e.offsets()).hasSize(e.mentions());
            for (Span s : e.offsets()) {
                assertThat(text.substring(s.start(), s.end())).isIn(e.text(), e.canonicalName())
                        .as("mention of %s", e.canonicalName());
            }
            assertThat(e.confidence()).isBetween(0.0, 1.0);
        }
    }

    @Test
    void otherLatinScriptLanguagesGiveFewerNamesNotGarbage() {
        String german = "Die Bundesregierung hat am Montag in Berlin beschlossen, dass Bundeskanzler Friedrich "
                + "Merz nach Paris reist. Der Haushalt bleibt umstritten.";
        List<Entity> de = RECOGNIZER.recognize(TextAnalysis.of(german), "de");
        assertThat(de).extracting(Entity::canonicalName)
                .containsExactlyInAnyOrder("Berlin", "Friedrich Merz", "Paris");

        String french = "Le président Emmanuel Macron s'est rendu à Marseille mardi. Selon l'Élysée, la visite "
                + "a duré trois heures. Les syndicats ont critiqué le gouvernement.";
        List<Entity> fr = RECOGNIZER.recognize(TextAnalysis.of(french), "fr");
        assertThat(fr).extracting(Entity::canonicalName).contains("Emmanuel Macron", "Marseille")
                .doesNotContain("Le", "Selon", "Les");
    }

    @Test
    void textsWithoutLetterCaseOnlyGetKnownNames() {
        List<Entity> found = RECOGNIZER.recognize(TextAnalysis.of("普京周二在莫斯科会见了中国领导人。"), "zh");
        assertThat(found).isEmpty();
        assertThat(RECOGNIZER.recognize(TextAnalysis.of(""), null)).isEmpty();
    }

    @Test
    void aGazetteerCanTeachThePlacesItKnows() {
        String text = "Officials in Ostrava said Karvina would get new trams.";
        EntityRecognizer withPlaces = EntityRecognizer.standard(name -> name.equals("Karvina"));
        assertThat(get(withPlaces.recognize(TextAnalysis.of(text), "en"), "Karvina").type())
                .isEqualTo(EntityType.LOCATION);
    }
}
