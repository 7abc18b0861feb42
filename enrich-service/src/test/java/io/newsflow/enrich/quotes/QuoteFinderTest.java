package io.newsflow.enrich.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.entities.EntityRecognizer;
import io.newsflow.enrich.text.TextAnalysis;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One rule per test, on snippets written in the style of wire copy. */
class QuoteFinderTest {

    private static final EntityRecognizer RECOGNIZER = EntityRecognizer.standard();
    private static final QuoteFinder FINDER = QuoteFinder.standard();

    private static List<Quote> quotes(String text) {
        TextAnalysis analysis = TextAnalysis.of(text);
        return FINDER.find(analysis, RECOGNIZER.recognize(analysis, "en"), "en");
    }

    private static String said(List<Quote> quotes, String words) {
        return quotes.stream().filter(q -> q.text().contains(words)).findFirst()
                .map(q -> q.speaker().canonicalName()).orElse(null);
    }

    @Test
    void attributionAfterTheQuoteNameFirst() {
        String text = "\u201CWe will not give up,\u201D Maria Delgado said on Monday.";
        List<Quote> q = quotes(text);

        assertThat(q).hasSize(1);
        assertThat(q.get(0).text()).isEqualTo("We will not give up");
        assertThat(text.substring(q.get(0).start(), q.get(0).end())).isEqualTo(q.get(0).text());
        assertThat(q.get(0).direct()).isTrue();
        assertThat(said(q, "give up")).isEqualTo("Maria Delgado");
    }

    @Test
    void attributionAfterTheQuoteVerbFirstWithAnAppositive() {
        List<Quote> q = quotes("\"The water came up in minutes,\" said Tom Barker, a farmer near the river.");

        assertThat(said(q, "water came up")).isEqualTo("Tom Barker");
    }

    @Test
    void titlesWithAFullStopStayWithTheName() {
        List<Quote> q = quotes("\"This changes the plan,\" said Dr. Priya Nair, who led the study.");

        assertThat(said(q, "changes the plan")).isEqualTo("Priya Nair");
    }

    @Test
    void pronounsAndDescriptionsPointBackToTheLastPersonNamed() {
        List<Quote> q = quotes("Fire chief Mikko Lahti inspected the site. \"We were lucky,\" he said. "
                + "\"The wind was calm,\" the chief added.");

        assertThat(said(q, "We were lucky")).isEqualTo("Mikko Lahti");
        assertThat(said(q, "wind was calm")).isEqualTo("Mikko Lahti");
    }

    @Test
    void attributionBeforeTheQuote() {
        List<Quote> q = quotes("Union leader Karen Mills told the rally: \u201CWe are asking for what we were promised.\u201D");

        assertThat(said(q, "what we were promised")).isEqualTo("Karen Mills");
    }

    @Test
    void aPartialQuoteTakesTheSentencesSpeaker() {
        List<Quote> q = quotes("Chancellor Anna Vogel called the plan \u201Ca serious mistake\u201D on Wednesday.");

        assertThat(said(q, "serious mistake")).isEqualTo("Anna Vogel");
    }

    @Test
    void aFollowingQuoteContinuesTheParagraphsSpeaker() {
        List<Quote> q = quotes("\u201CSafety comes first,\u201D Susan Clarke said. \u201CWe will not reopen until "
                + "the engineers sign off.\u201D");

        assertThat(said(q, "engineers sign off")).isEqualTo("Susan Clarke");
    }

    @Test
    void reportedSpeechInItsThreeShapes() {
        List<Quote> q = quotes("Governor Elena Vasquez said inflation was falling more slowly than hoped. "
                + "Nobody was hurt in the blaze, Elena Vasquez said on Friday. "
                + "According to Elena Vasquez, rates will stay on hold until the summer.");

        assertThat(q).extracting(Quote::text).containsExactly("inflation was falling more slowly than hoped",
                "Nobody was hurt in the blaze", "rates will stay on hold until the summer");
        assertThat(q).allSatisfy(x -> assertThat(x.direct()).isFalse());
        assertThat(q).allSatisfy(x -> assertThat(x.speaker().canonicalName()).isEqualTo("Elena Vasquez"));
    }

    @Test
    void toldSomeoneIsNotWhatWasSaid() {
        List<Quote> q = quotes("Marco Rubio told reporters the delegation would be led by a senior envoy.");

        assertThat(q).extracting(Quote::text).containsExactly("the delegation would be led by a senior envoy");
    }

    @Test
    void appositiveSubjects() {
        List<Quote> q = quotes("Her coach, Ivan Petrov, said she would need three weeks to recover. "
                + "Jane Roe, the club's doctor, said the scan showed no fracture.");

        assertThat(said(q, "three weeks")).isEqualTo("Ivan Petrov");
        assertThat(said(q, "no fracture")).isEqualTo("Jane Roe");
    }

    @Test
    void theCompanyIsTheStorysCompanyButAnUnnamedUnionIsNobody() {
        List<Quote> q = quotes("Tesla recalled 50,000 cars, the National Highway Traffic Safety Administration said. "
                + "The carmaker said it knew of no crashes linked to the fault. "
                + "The union said the strike would go on for another week.");

        assertThat(said(q, "no crashes")).isEqualTo("Tesla");
        assertThat(said(q, "strike would go on")).isNull();
    }

    @Test
    void anonymousSourcesAndOtherLanguagesGiveNothing() {
        assertThat(quotes("\"They were in and out in three minutes,\" a witness told local radio.")).isEmpty();

        TextAnalysis analysis = TextAnalysis.of("\u00AB Nous ne c\u00E9derons pas \u00BB, a d\u00E9clar\u00E9 Marie Dupont.");
        assertThat(FINDER.find(analysis, RECOGNIZER.recognize(analysis, "fr"), "fr")).isEmpty();
    }

    @Test
    void aStrayMarkDoesNotSwallowTheParagraph() {
        StringBuilder text = new StringBuilder("Jane Doe said \"");
        text.append("word ".repeat(2000)).append(".");

        assertThat(quotes(text.toString())).noneMatch(q -> q.direct());
    }
}
