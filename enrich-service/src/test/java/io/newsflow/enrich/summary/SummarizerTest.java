package io.newsflow.enrich.summary;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.text.TextAnalysis;
import org.junit.jupiter.api.Test;

class SummarizerTest {

    private static final Summarizer SUMMARIZER = Summarizer.standard();

    private static final String FLOOD = """
            By Anna Lindqvist
            LISBON (Reuters) - Floods caused by three days of torrential rain have killed at least 11 people in \
            northern Portugal and forced more than 4,000 residents from their homes, the civil protection agency said on Sunday.
            Rivers burst their banks in the Douro valley, cutting road and rail links between Porto and the interior.
            "I have lived here for sixty years and I have never seen the water this high," said Joaquim Ferreira, 71.
            Rescue teams used boats to reach villages cut off by the floods, and the army sent helicopters to the worst-hit areas.
            Where will the water go next?
            Emergency shelters
            The government declared a state of calamity in four districts and promised emergency aid for families who lost their homes.
            Meteorologists expect the rain to ease by Tuesday, but warned that river levels in the Douro valley would stay \
            dangerously high for several days as water flows down from Spain.
            Officials said the floods were the deadliest in the region since 2001, when a bridge collapse killed 59 people.
            Farmers said the rain had destroyed much of the autumn harvest in the valley's vineyards.
            The prime minister is due to visit the flooded towns on Monday.
            Insurance companies have not yet estimated the damage, which local officials put at several hundred million euros.
            Reporting by Anna Lindqvist; Editing by Mark Potter""";

    @Test
    void aWireStoryIsSummarisedByItsLeadWithoutBylineOrDateline() {
        String summary = SUMMARIZER.summarize(TextAnalysis.of(FLOOD), "Floods kill 11 in northern Portugal", "en");
        assertThat(summary).startsWith("Floods caused by three days of torrential rain have killed at least 11 people");
        assertThat(summary).doesNotContain("LISBON", "Reuters", "Anna Lindqvist", "Editing by");
        assertThat(TextAnalysis.of(summary).sentences()).hasSizeBetween(2, 3);
    }

    @Test
    void quotationsQuestionsAndHeadingsAreNotPickedAndOrderIsKept() {
        String summary = SUMMARIZER.summarize(TextAnalysis.of(FLOOD), "Floods kill 11 in northern Portugal", "en");
        assertThat(summary).doesNotContain("sixty years", "Where will the water go", "Emergency shelters");
        int lead = summary.indexOf("Floods caused");
        assertThat(lead).isZero();
        for (String sentence : TextAnalysis.of(summary).sentences().stream().map(s -> s.text(summary)).toList()) {
            assertThat(FLOOD).contains(sentence);
        }
    }

    @Test
    void aShortStoryGetsOneSentence() {
        String text = """
                The city council approved a new budget on Wednesday that raises spending on schools and public transport.
                The vote was 31 to 12. The mayor said the budget would be balanced without raising property taxes.""";
        String summary = SUMMARIZER.summarize(TextAnalysis.of(text), null, "en");
        assertThat(summary).isEqualTo(
                "The city council approved a new budget on Wednesday that raises spending on schools and public transport.");
    }

    @Test
    void aSceneSettingOpenerCanLoseToTheSentenceAboutTheHeadline() {
        String text = """
                It was just after dawn when the first trucks arrived.
                The World Food Programme began delivering grain to the besieged city of Kadugli on Friday, the first aid to reach it in five months.
                Drivers waited for hours at checkpoints on the road from El Obeid.
                The agency said the grain would feed about 200,000 people for a month, and that more convoys were planned.
                Local officials welcomed the deliveries but said far more was needed before the rainy season.""";
        String summary = SUMMARIZER.summarize(TextAnalysis.of(text), "World Food Programme delivers grain to Kadugli", "en");
        assertThat(summary).contains("The World Food Programme began delivering grain");
        assertThat(summary).doesNotContain("It was just after dawn");
    }

    @Test
    void otherLanguagesAreSummarisedToo() {
        String text = """
                Die Bundesregierung hat am Dienstag angekündigt, den Mindestlohn im kommenden Jahr auf 15 Euro anzuheben.
                Nach wochenlangen Verhandlungen mit Gewerkschaften und Arbeitgebern sprach der Minister von einem fairen Kompromiss.
                Die Opposition kritisierte die Erhöhung als zu gering.""";
        assertThat(SUMMARIZER.summarize(TextAnalysis.of(text), null, "de"))
                .startsWith("Die Bundesregierung hat am Dienstag angekündigt");
    }

    @Test
    void aBodyWithoutSentencesHasNoSummary() {
        assertThat(SUMMARIZER.summarize(TextAnalysis.of(""), "Title", "en")).isNull();
        assertThat(SUMMARIZER.summarize(TextAnalysis.of("Photo: Getty Images"), null, "en")).isNull();
    }

    @Test
    void theTailOfAQuotationIsAQuotationToo() {
        String text = "\"We have never seen anything like it. Prices doubled in a week, and people simply stopped buying,\" "
                + "said the owner of a bakery in the town centre.";
        var analysis = TextAnalysis.of(text);
        var second = analysis.sentences().get(1);
        assertThat(Summarizer.quotedShare(second, second.text(text))).isEqualTo(1.0);
        assertThat(Summarizer.quotedShare(analysis.sentences().get(0), analysis.sentences().get(0).text(text))).isEqualTo(1.0);
        String attributed = "The minister said the plan was \"a first step\" and promised more help for farmers next year.";
        assertThat(Summarizer.quotedShare(TextAnalysis.of(attributed).sentences().get(0), attributed)).isLessThan(0.2);
    }

    @Test
    void datelinesAreCutOnlyWhenTheyAreDatelines() {
        assertThat(Summarizer.stripDateline("KYIV, Ukraine (AP) — Russia launched drones overnight."))
                .isEqualTo("Russia launched drones overnight.");
        assertThat(Summarizer.stripDateline("NATO - the alliance - met on Monday."))
                .isEqualTo("NATO - the alliance - met on Monday.");
    }
}
