package io.newsflow.enrich.dates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.newsflow.enrich.text.TextAnalysis;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class DateMentionFinderTest {

    /** Wednesday, 20 March 2024, mid-morning UTC. */
    private static final Instant PUBLISHED = Instant.parse("2024-03-20T10:00:00Z");

    private static List<DateMention> find(String text) {
        return DateMentionFinder.standard().find(TextAnalysis.of(text), PUBLISHED, ZoneOffset.UTC);
    }

    private static List<String> values(String text) {
        return find(text).stream().map(DateMention::value).toList();
    }

    @Test
    void fullDatesInTheUsualSpellings() {
        assertThat(find("The treaty was signed on Jan. 17, 2023, in Geneva and ratified on 4 February 2023. "
                + "Filings dated 2023-02-10 and 12.02.2023 followed."))
                .extracting(DateMention::text, DateMention::value, DateMention::granularity)
                .containsExactly(
                        tuple("Jan. 17, 2023", "2023-01-17", "day"),
                        tuple("4 February 2023", "2023-02-04", "day"),
                        tuple("2023-02-10", "2023-02-10", "day"),
                        tuple("12.02.2023", "2023-02-12", "day"));
    }

    @Test
    void datesWithoutAYearTakeTheYearNearestPublication() {
        assertThat(values("Talks began on January 17 and are due to end on the 2nd, or April 2 at the latest. "
                + "The deadline set on December 5 has passed."))
                .containsExactly("2024-01-17", "2024-04-02", "2023-12-05");
    }

    @Test
    void spansPointIntoTheText() {
        String text = "Officials said on Tuesday, March 12, that the plant would reopen next month.";
        List<DateMention> mentions = find(text);
        assertThat(mentions).extracting(DateMention::text).containsExactly("Tuesday, March 12", "next month");
        for (DateMention m : mentions) {
            assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
        }
        assertThat(mentions.get(0).value()).isEqualTo("2024-03-12");
    }

    @Test
    void weekdaysFollowTheTenseOfTheSentence() {
        assertThat(values("The minister resigned on Monday.")).containsExactly("2024-03-18");
        assertThat(values("The company said Friday that profits fell.")).containsExactly("2024-03-15");
        assertThat(values("Parliament will vote on Friday.")).containsExactly("2024-03-22");
        assertThat(values("The report is expected on Monday.")).containsExactly("2024-03-25");
        assertThat(values("Talks continue on Wednesday in Brussels.")).containsExactly("2024-03-20");
    }

    @Test
    void tenseMovesOnlyDatesThatAreClearlyOnTheWrongSide() {
        // a plan in the past, not a future event
        assertThat(values("The listing was due to take place in September.")).containsExactly("2023-09");
        // "plans" as a noun says nothing about tense: the nearest January 30 stands
        assertThat(values("The company shelved its plans for a listing on January 30 after investors balked."))
                .containsExactly("2024-01-30");
        // two weeks back is too close to move a year on the strength of "would"
        assertThat(values("He vowed that the country would leave the bloc on March 5.")).containsExactly("2024-03-05");
        assertThat(values("The new terminal will open in February.")).containsExactly("2025-02");
        assertThat(values("Sales fell sharply in April.")).containsExactly("2023-04");
    }

    @Test
    void lastAndNextWeekdays() {
        assertThat(find("Police were called last Tuesday and the trial opens next Tuesday."))
                .extracting(DateMention::text, DateMention::value)
                .containsExactly(tuple("last Tuesday", "2024-03-19"), tuple("next Tuesday", "2024-03-26"));
    }

    @Test
    void relativeDaysMonthsAndYears() {
        assertThat(find("Yesterday the index fell; today it recovered and tomorrow the bank meets. "
                + "Prices rose last month, will rise next month, and fell last year. Three years ago it was worse."))
                .extracting(DateMention::text, DateMention::value, DateMention::granularity)
                .containsExactly(
                        tuple("Yesterday", "2024-03-19", "day"),
                        tuple("today", "2024-03-20", "day"),
                        tuple("tomorrow", "2024-03-21", "day"),
                        tuple("last month", "2024-02", "month"),
                        tuple("next month", "2024-04", "month"),
                        tuple("last year", "2023", "year"),
                        tuple("Three years ago", "2021", "year"));
    }

    @Test
    void monthsAloneNeedContextAndLeanOnTense() {
        assertThat(find("Sales fell in December and the new plant will open in December."))
                .extracting(DateMention::value, DateMention::granularity)
                .containsExactly(tuple("2023-12", "month"), tuple("2024-12", "month"));
        assertThat(values("Elections are held in May, and campaigning starts in early April.")).containsExactly("2024-05", "2024-04");
        assertThat(values("Inflation is forecast to ease between March and May.")).containsExactly("2024-03", "2024-05");
        assertThat(values("Output peaked in mid-January 2023 and again in October 2023."))
                .containsExactly("2023-01", "2023-10");
    }

    @Test
    void yearsAloneOnlyInDateContext() {
        assertThat(find("The company, founded in 1998, has grown since 2015 and expects to double by 2030. "
                + "The 2019 election changed little; 2021's was closer."))
                .extracting(DateMention::text, DateMention::value)
                .containsExactly(tuple("1998", "1998"), tuple("2015", "2015"), tuple("2030", "2030"),
                        tuple("2019", "2019"), tuple("2021", "2021"));
    }

    @Test
    void ambiguousMonthNamesAfterCapitalisedFunctionWords() {
        assertThat(find("On May 5 voters went to the polls. The April 2023 lockdown was tough."))
                .extracting(DateMention::text, DateMention::value)
                .containsExactly(tuple("May 5", "2023-05-05"), tuple("April 2023", "2023-04")); // "went": last May
        assertThat(find("Prime Minister May met Angela Merkel in Berlin.")).isEmpty();
    }

    @Test
    void namesVerbsAndAmountsAreNotDates() {
        assertThat(find("Theresa May said the plan may fail. Thousands march in London as Brian May performs. "
                + "The fund paid $2019 to 2000 people, and in 2000 homes the power failed. "
                + "The Sunday Times and USA Today reported on Black Friday sales. We may march again, she said. "
                + "March organisers expect 1500 marchers."))
                .isEmpty();
    }

    @Test
    void germanFrenchAndSpanishDates() {
        assertThat(values("Die Regierung hat am 17. Januar 2024 entschieden. Gestern war es ruhig."))
                .containsExactly("2024-01-17", "2024-03-19");
        assertThat(values("Le gouvernement a annoncé le 1er mars 2024 une réforme, et hier le ministre a démissionné."))
                .containsExactly("2024-03-01", "2024-03-19");
        assertThat(values("El acuerdo se firmó el 17 de enero de 2024 y entrará en vigor el próximo año."))
                .containsExactly("2024-01-17", "2025");
        assertThat(values("La police est intervenue lundi dernier.")).containsExactly("2024-03-18");
        assertThat(find("Le sommet aura lieu le 12 décembre. En mars dernier, il avait promis."))
                .extracting(DateMention::text, DateMention::value)
                .containsExactly(tuple("12 décembre", "2023-12-12"), tuple("mars dernier", "2023-03"));
        assertThat(values("Die Polizei ist hier, sagte er.")).isEmpty();
        assertThat(values("Wir treffen uns heute Morgen.")).containsExactly("2024-03-20");
    }

    @Test
    void publicationDayIsTakenInTheGivenZone() {
        // 02:00 UTC on Wednesday is still Tuesday evening in New York
        Instant lateEvening = Instant.parse("2024-03-20T02:00:00Z");
        List<DateMention> mentions = DateMentionFinder.standard()
                .find(TextAnalysis.of("The mayor spoke today."), lateEvening, ZoneId.of("America/New_York"));
        assertThat(mentions).extracting(DateMention::value).containsExactly("2024-03-19");
    }

    @Test
    void withoutAReferenceOnlyDatesWithTheirYearAreReturned() {
        List<DateMention> mentions = DateMentionFinder.standard().find(
                TextAnalysis.of("On Monday, officials recalled the flood of 12 March 2019 and the one last year."), null, null);
        assertThat(mentions).extracting(DateMention::value).containsExactly("2019-03-12");
    }
}
