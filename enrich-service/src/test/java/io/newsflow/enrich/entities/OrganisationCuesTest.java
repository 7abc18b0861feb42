package io.newsflow.enrich.entities;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.text.TextAnalysis;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Organisations told by their context rather than their names (issue 20): teams named after their
 * city or country in results stories, companies and bodies from "shares of", "chief executive of",
 * trade nouns and tickers, and names written with a slash or an ampersand. The snippets are
 * written for these tests in the style of wire copy; the names in them are made up where the
 * knowledge file could otherwise answer.
 */
class OrganisationCuesTest {

    private static final EntityRecognizer RECOGNIZER = EntityRecognizer.standard();

    private static List<Entity> entities(String text) {
        return RECOGNIZER.recognize(TextAnalysis.of(text), "en");
    }

    private static Optional<EntityType> type(List<Entity> entities, String text) {
        return entities.stream().filter(e -> e.text().equals(text) || e.canonicalName().equals(text))
                .map(Entity::type).findFirst();
    }

    @Test
    void aScoreMakesTeamsOfPlaces() {
        List<Entity> found = entities("Kenya 2-1 Ghana: the hosts came from behind in Nairobi on Saturday.");

        assertThat(type(found, "Kenya")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Ghana")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Nairobi")).contains(EntityType.LOCATION);
    }

    @Test
    void resultsVerbsMakeTeamsInASportsStoryOnly() {
        String sports = "Portugal beat Morocco in the quarter-final on Saturday. The coach praised his squad after "
                + "the match, and the striker who scored the winning goal said the team had deserved the victory "
                + "over a side that had not conceded a goal in the tournament. Morocco's coach said his players "
                + "were proud.";
        List<Entity> found = entities(sports);
        assertThat(type(found, "Portugal")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Morocco")).contains(EntityType.ORGANIZATION);

        List<Entity> politics = entities("Portugal faced criticism from Brussels after the budget talks, and "
                + "ministers said Morocco had won new investment from Lisbon.");
        assertThat(type(politics, "Portugal")).contains(EntityType.LOCATION);
        assertThat(type(politics, "Morocco")).contains(EntityType.LOCATION);
    }

    @Test
    void aPlayerScoringStaysAPerson() {
        String text = "Harlow Town beat Stevenage 3-1 in the cup on Tuesday. Marcus Oduya scored twice for the "
                + "hosts in the second half, and the striker's goal in the final minute sealed the win before "
                + "a crowd of 4,000 fans at the stadium. Oduya won the player of the match award.";
        List<Entity> found = entities(text);

        assertThat(type(found, "Marcus Oduya")).contains(EntityType.PERSON);
        assertThat(type(found, "Stevenage")).contains(EntityType.ORGANIZATION);
    }

    @Test
    void companyContextsMakeOrganisations() {
        List<Entity> found = entities("Shares of Kestrelon Tech fell 5% on Tuesday, said Anna Weiss, chief "
                + "executive of Brightwater Logistics, after carmaker Voltaro cut its forecast. Quarrow Farms "
                + "(NYSE: QRW) rose 2%.");

        assertThat(type(found, "Kestrelon Tech")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Brightwater Logistics")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Voltaro")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Quarrow Farms")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Anna Weiss")).contains(EntityType.PERSON);
    }

    @Test
    void officialsOfABodyButNotOfAPlace() {
        List<Entity> found = entities("Ferrovia officials said the line would reopen. Later, Berlin officials "
                + "said the station would stay closed.");

        assertThat(type(found, "Ferrovia")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "Berlin")).contains(EntityType.LOCATION);
    }

    @Test
    void slashedAndAmpersandNamesAreOne() {
        String text = "RFE/RL reported that AT&T and Procter & Gamble cut jobs, while KL/AX Partners and "
                + "the little-known firm B&Q Digital hired.";
        List<Entity> found = entities(text);

        assertThat(found.stream().map(Entity::text)).contains("RFE/RL", "AT&T", "Procter & Gamble")
                .doesNotContain("RFE", "RL", "AT");
        assertThat(type(found, "RFE/RL")).contains(EntityType.ORGANIZATION);
        assertThat(type(found, "B&Q Digital")).contains(EntityType.ORGANIZATION);
        assertThat(found.stream().filter(e -> e.text().equals("RFE/RL")).findFirst().orElseThrow().id())
                .isEqualTo("org/rfe-rl");
    }

    @Test
    void aTeamIsNotItsCitysEntity() {
        List<Entity> found = entities("Barcelona 2-2 Sevilla: the visitors equalised late in the match.");

        Entity barcelona = found.stream().filter(e -> e.text().equals("Barcelona")).findFirst().orElseThrow();
        assertThat(barcelona.type()).isEqualTo(EntityType.ORGANIZATION);
        assertThat(barcelona.id()).isNull();
    }
}
