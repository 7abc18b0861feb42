package io.newsflow.enrich.sentiment;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.text.TextAnalysis;
import org.junit.jupiter.api.Test;

class SentimentAnalyzerTest {

    private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.standard();

    private static Sentiment tone(String text) {
        return ANALYZER.analyze(TextAnalysis.of(text), "en");
    }

    private static double sentence(String text) {
        return tone(text).score();
    }

    @Test
    void aRoutineWireReportIsNeutral() {
        Sentiment s = tone("""
                The European Central Bank left its main interest rate unchanged on Thursday, as expected by most economists.
                The decision was taken at the bank's regular meeting in Frankfurt, the bank said in a statement.
                The United Nations Security Council will discuss the budget of its peacekeeping missions next week.
                The finance ministry is due to publish figures on industrial output and retail sales on Friday.
                Shares in the company were little changed in early trading, and the party's leader declined to comment.""");
        assertThat(s.label()).isEqualTo("neutral");
        assertThat(s.score()).isBetween(-0.1, 0.1);
    }

    @Test
    void aDisasterReportIsNegative() {
        Sentiment s = tone("""
                At least 120 people were killed and hundreds injured when a powerful earthquake struck the region on Monday.
                Rescue workers dug through the rubble of collapsed buildings as aftershocks shook the city.
                Hospitals were overwhelmed and officials warned that the death toll was likely to rise.
                Thousands of families spent the night outside in the cold, afraid to return to their damaged homes.""");
        assertThat(s.label()).isEqualTo("negative");
        assertThat(s.score()).isLessThan(-0.3);
    }

    @Test
    void aWarReportIsNegative() {
        Sentiment s = tone("""
                Airstrikes and heavy shelling hit the eastern city overnight, killing at least 14 civilians, local officials said.
                The army said it had repelled an attack on its positions near the border.
                Aid agencies said fighting had displaced more than 50,000 people since the offensive began last month.
                The foreign minister condemned the violence and called for an immediate ceasefire.""");
        assertThat(s.label()).isEqualTo("negative");
    }

    @Test
    void aCelebratoryReportIsPositive() {
        Sentiment s = tone("""
                Thousands of jubilant fans celebrated in the streets after the national team won the championship on Sunday.
                The captain thanked supporters for their incredible support and dedicated the victory to the coach.
                "This is the proudest day of my life," she said, smiling as she lifted the trophy.
                The mayor announced a parade and a free concert to honour the team on Wednesday.""");
        assertThat(s.label()).isEqualTo("positive");
        assertThat(s.score()).isGreaterThan(0.3);
    }

    @Test
    void negationFlipsAndDampsTheTone() {
        assertThat(sentence("The talks were a success.")).isGreaterThan(0.3);
        assertThat(sentence("The talks were not a success.")).isLessThan(0);
        assertThat(sentence("No injuries were reported after the fire.")).isGreaterThan(sentence("Injuries were reported after the fire."));
    }

    @Test
    void boostersCapitalsAndExclamationMarksStrengthenTheTone() {
        double plain = sentence("The results were good.");
        assertThat(sentence("The results were very good.")).isGreaterThan(plain);
        assertThat(sentence("The results were GOOD.")).isGreaterThan(plain);
        assertThat(sentence("The results were good!")).isGreaterThan(plain);
        assertThat(sentence("The results were slightly good.")).isLessThan(plain);
    }

    @Test
    void theClauseAfterButCountsMore() {
        assertThat(sentence("The economy grew, but unemployment rose sharply and wages fell.")).isLessThan(0);
        assertThat(sentence("Unemployment rose, but the economy grew strongly and confidence improved.")).isGreaterThan(0);
    }

    @Test
    void newsWordsThatAreNotToneStayNeutral() {
        assertThat(sentence("The United Nations said interest rates in the region would stay like last year.")).isZero();
    }

    @Test
    void otherLanguagesAndEmptyBodiesGetNoTone() {
        assertThat(ANALYZER.analyze(TextAnalysis.of("Le gouvernement a annoncé une hausse du salaire minimum."), "fr")).isNull();
        assertThat(ANALYZER.analyze(TextAnalysis.of("The talks were a success."), null)).isNull();
        assertThat(ANALYZER.analyze(TextAnalysis.of(""), "en")).isNull();
    }
}
