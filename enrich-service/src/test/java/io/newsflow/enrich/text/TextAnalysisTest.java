package io.newsflow.enrich.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextAnalysisTest {

    private static List<String> sentences(String text) {
        TextAnalysis analysis = TextAnalysis.of(text);
        return analysis.sentences().stream().map(s -> s.text(text)).toList();
    }

    private static List<String> words(String text) {
        return TextAnalysis.of(text).tokens().stream().filter(Token::word).map(Token::text).toList();
    }

    @Test
    void splitsSentencesButNotAfterTitlesInitialsOrDottedAbbreviations() {
        String text = "Mr. Smith met John F. Kennedy Jr. in the U.S. capital on Jan. 5. It rained! "
                + "\"We won,\" he said. \"Next year.\" Then (briefly) it stopped.";
        assertThat(sentences(text)).containsExactly(
                "Mr. Smith met John F. Kennedy Jr. in the U.S. capital on Jan. 5.",
                "It rained!",
                "\"We won,\" he said.",
                "\"Next year.\"",
                "Then (briefly) it stopped.");
    }

    @Test
    void aDottedAbbreviationEndsASentenceOnlyBeforeASentenceOpener() {
        assertThat(sentences("Talks moved to the U.S. The delegates agreed.")).containsExactly(
                "Talks moved to the U.S.", "The delegates agreed.");
        assertThat(sentences("The U.S. Senate voted.")).containsExactly("The U.S. Senate voted.");
    }

    @Test
    void germanOrdinalDatesDoNotEndSentences() {
        assertThat(sentences("Die Wahl findet am 17. Januar 2024 statt. Danach folgt die Auszählung.")).containsExactly(
                "Die Wahl findet am 17. Januar 2024 statt.", "Danach folgt die Auszählung.");
    }

    @Test
    void lineBreaksEndSentencesSoHeadlinesStandAlone() {
        String text = "Storm hits coast\n\nThousands were evacuated on Monday. Power is out";
        assertThat(sentences(text)).containsExactly("Storm hits coast", "Thousands were evacuated on Monday.",
                "Power is out");
    }

    @Test
    void wordsKeepInnerApostrophesHyphensNumbersAndAbbreviationDots() {
        assertThat(words("O'Brien's well-known U.S. plan costs $1,250.50 (e.g. taxes) - don't panic."))
                .containsExactly("O'Brien's", "well-known", "U.S.", "plan", "costs", "1,250.50", "e.g.", "taxes",
                        "don't", "panic");
    }

    @Test
    void offsetsPointIntoTheText() {
        String text = "Zürich, 3 März — Die Straße ist gesperrt. 東京で地震。被害は不明。";
        TextAnalysis analysis = TextAnalysis.of(text);
        for (Token token : analysis.tokens()) {
            assertThat(text.substring(token.start(), token.end())).isEqualTo(token.text());
        }
        assertThat(sentences(text)).containsExactly("Zürich, 3 März — Die Straße ist gesperrt.", "東京で地震。",
                "被害は不明。");
    }

    @Test
    void emptyAndNullTextsHaveNoSentences() {
        assertThat(TextAnalysis.of(null).sentences()).isEmpty();
        assertThat(TextAnalysis.of("  \n ").sentences()).isEmpty();
    }

    @Test
    void capitalisationHelpers() {
        List<Token> tokens = TextAnalysis.of("NATO and Élysée said no").tokens();
        assertThat(tokens.get(0).allCaps()).isTrue();
        assertThat(tokens.get(2).capitalized()).isTrue();
        assertThat(tokens.get(1).capitalized()).isFalse();
    }
}
