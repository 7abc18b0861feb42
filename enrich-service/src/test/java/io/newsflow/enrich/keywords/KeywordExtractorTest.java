package io.newsflow.enrich.keywords;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.text.TextAnalysis;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class KeywordExtractorTest {

    private static final KeywordExtractor EXTRACTOR = KeywordExtractor.standard();

    static final String RATES = """
            The central bank raised interest rates by half a percentage point on Thursday, its fourth increase \
            this year, as policymakers tried to bring inflation back towards their target.
            The decision lifts the main policy rate to 4.5 percent, the highest level since 2008. Governor Maria \
            Keller said the central bank was ready to raise interest rates again if price pressures did not ease.
            "Inflation is still far too high, and we will do what is necessary," Keller told reporters in Frankfurt.
            Economists had expected a smaller move. Several said the bank risked tipping the economy into recession, \
            as higher borrowing costs weigh on mortgage holders and small businesses.
            The currency rose against the dollar after the announcement, while government bond yields climbed.
            Mortgage lenders said they would pass the higher interest rates on to borrowers within days. \
            Consumer groups warned that households already struggling with energy bills would be hit hardest.
            The central bank's next policy meeting is scheduled for March.""";

    private static List<String> texts(List<Keyword> keywords) {
        return keywords.stream().map(k -> k.text().toLowerCase(Locale.ROOT)).toList();
    }

    @Test
    void aRateDecisionYieldsItsSubjectsNotReportingVerbs() {
        List<Keyword> keywords = EXTRACTOR.extract(TextAnalysis.of(RATES), "Central bank raises interest rates again", "en");
        List<String> texts = texts(keywords);
        assertThat(keywords).hasSizeBetween(5, 15);
        assertThat(texts.subList(0, 5)).contains("central bank", "interest rates");
        assertThat(texts).doesNotContain("said", "told", "thursday", "percent");
        assertThat(texts).contains("inflation");
    }

    @Test
    void scoresRunFromOneDownAndNearDuplicatesAreDropped() {
        List<Keyword> keywords = EXTRACTOR.extract(TextAnalysis.of(RATES), "Central bank raises interest rates again", "en");
        assertThat(keywords.get(0).score()).isEqualTo(1.0);
        for (int i = 1; i < keywords.size(); i++) {
            assertThat(keywords.get(i).score()).isBetween(0.0, keywords.get(i - 1).score());
        }
        List<String> texts = texts(keywords);
        // "interest rate" / "interest rates" / "rates" fold into the best of them
        assertThat(texts.stream().filter(t -> t.startsWith("interest rate"))).hasSize(1);
        assertThat(texts).doesNotContain("rates", "bank");
    }

    @Test
    void namesKeepTheirCapitalsAndStopwordsInsideNamesAreAllowed() {
        String text = """
                The Bank of England held rates on Thursday. The Bank of England said wage growth was slowing.
                Analysts in London said the Bank of England would cut rates in the spring, after the Federal Reserve.
                The Federal Reserve has already cut twice this year, and the Federal Reserve chair hinted at more.""";
        List<String> keywords = EXTRACTOR.extract(TextAnalysis.of(text), null, "en").stream().map(Keyword::text).toList();
        assertThat(keywords).contains("Bank of England", "Federal Reserve");
    }

    @Test
    void otherLanguagesUseTheirOwnStopwords() {
        String text = """
                Die Europäische Zentralbank hat die Leitzinsen erneut angehoben. Die Europäische Zentralbank will \
                damit die hohe Inflation bekämpfen, teilte die Notenbank am Donnerstag in Frankfurt mit.
                Viele Ökonomen hatten mit der Erhöhung der Leitzinsen gerechnet. Die Inflation liegt weiter deutlich \
                über dem Ziel der Europäischen Zentralbank von zwei Prozent.""";
        List<String> keywords = texts(EXTRACTOR.extract(TextAnalysis.of(text), null, "de"));
        assertThat(keywords).contains("europäische zentralbank", "leitzinsen", "inflation");
        assertThat(keywords).doesNotContain("die", "der", "hat");
    }

    @Test
    void aMatchReportYieldsTeamsAndTheEventNotTheVerbs() {
        String text = """
                Rafael Nadal won his singles match and then teamed up with Feliciano Lopez as Spain defeated Russia 2-1 in Madrid on Saturday.
                Russia had taken the lead when Andrey Rublev defeated Roberto Bautista Agut in three sets.
                Nadal levelled the tie, and the Spanish pair defeated Karen Khachanov and Rublev in the doubles.
                Spain will face Canada in the Davis Cup final on Sunday, after Canada defeated Australia in the other semi-final.
                The crowd in Madrid celebrated late into the night.""";
        List<String> keywords = texts(EXTRACTOR.extract(TextAnalysis.of(text), "Spain beat Russia to reach the Davis Cup final", "en"));
        assertThat(keywords).contains("davis cup final", "spain", "russia");
        assertThat(keywords).doesNotContain("defeated", "celebrated");
    }

    @Test
    void linksInTheBodyGiveNoKeywords() {
        String text = """
                Il Black Friday arriva anche in Italia: https://amzn.to/2XyZabc sconti su film e serie TV.
                Per il Black Friday i negozi offrono sconti su DVD e Blu-Ray, vedi https://amzn.to/2QwErty e www.example.it/offerte.
                Molti clienti aspettano il Black Friday per comprare i regali di Natale.""";
        List<String> keywords = texts(EXTRACTOR.extract(TextAnalysis.of(text), null, "it"));
        assertThat(keywords).contains("black friday");
        assertThat(keywords).noneMatch(k -> k.contains("amzn") || k.contains("https") || k.contains("www") || k.contains("example"));
    }

    @Test
    void unsegmentedLanguagesAndEmptyTextsGiveNoKeywords() {
        assertThat(EXTRACTOR.extract(TextAnalysis.of("政府周二宣布，明年将提高最低工资标准。"), null, "zh")).isEmpty();
        assertThat(EXTRACTOR.extract(TextAnalysis.of(""), null, "en")).isEmpty();
        assertThat(EXTRACTOR.extract(TextAnalysis.of("12 34 56."), null, "en")).isEmpty();
    }

    @Test
    void stemsFoldPluralsOnly() {
        assertThat(KeywordExtractor.stem("rates")).isEqualTo("rate");
        assertThat(KeywordExtractor.stem("policies")).isEqualTo("policy");
        assertThat(KeywordExtractor.stem("status")).isEqualTo("status");
        assertThat(KeywordExtractor.stem("congress")).isEqualTo("congress");
        assertThat(KeywordExtractor.similarity("zelensky", "zelenskyy")).isGreaterThan(0.8);
    }
}
