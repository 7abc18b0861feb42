package io.newsflow.enrich.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorME;
import opennlp.tools.langdetect.LanguageDetectorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LanguageDetectorTest {

    private static final LanguageDetector DETECTOR = LanguageDetector.standard();

    /** One news paragraph in each of 43 languages (src/test/resources/enrich/language/news-samples.tsv). */
    static Stream<Arguments> samples() throws IOException {
        List<Arguments> out = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                LanguageDetectorTest.class.getResourceAsStream("/enrich/language/news-samples.tsv"),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.startsWith("#") && !line.isBlank()) {
                    String[] f = line.split("\t", 2);
                    out.add(Arguments.of(f[0], f[1]));
                }
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(40);
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void tellsTheLanguageOfANewsParagraph(String code, String text) {
        DetectedLanguage detected = DETECTOR.detect(text, null, null);
        assertThat(detected.code()).isEqualTo(code);
        assertThat(detected.confidence()).isBetween(0.1, 1.0);
    }

    @Test
    void aClearParagraphIsDetectedWithHighConfidenceAndAWrongPageDeclarationIsIgnored() {
        String body = "Rescue teams searched through the night for survivors after a landslide buried "
                + "dozens of homes in the mountain village, officials said on Sunday.";
        DetectedLanguage detected = DETECTOR.detect(body, "Landslide buries village", "fr");
        assertThat(detected.code()).isEqualTo("en");
        assertThat(detected.confidence()).isGreaterThan(0.8);
    }

    @Test
    void aForeignNameInAQuoteDoesNotChangeTheArticleLanguage() {
        String body = "The president of the Bundestag, Julia Klöckner, said the motion \"Gemeinsam für "
                + "Europa\" would be debated next week, after the committee had finished its hearings on the budget.";
        assertThat(DETECTOR.detect(body, null, null).code()).isEqualTo("en");
    }

    @Test
    void aVeryShortBodyIsJudgedTogetherWithTheTitle() {
        DetectedLanguage detected = DETECTOR.detect("Mehr bald.",
                "Bundesregierung kündigt höheren Mindestlohn für das kommende Jahr an", null);
        assertThat(detected.code()).isEqualTo("de");
    }

    @Test
    void withoutTextThePageDeclarationIsAllThereIsAndItIsTrustedOnlyALittle() {
        assertThat(DETECTOR.detect("", null, "pt-BR")).isEqualTo(new DetectedLanguage("pt", 0.3));
        assertThat(DETECTOR.detect("12:45", "", "iw")).isEqualTo(new DetectedLanguage("he", 0.3));
        assertThat(DETECTOR.detect(null, null, null)).isEqualTo(new DetectedLanguage(null, 0));
        assertThat(DETECTOR.detect(null, null, "x-klingon")).isEqualTo(new DetectedLanguage(null, 0));
    }

    @Test
    void aDeclaredLanguageBreaksATieBetweenCloseLanguages() {
        // a short Scandinavian headline reads as Danish or Norwegian alike
        String text = "Regeringen vil hæve skatten på benzin";
        DetectedLanguage asDanish = DETECTOR.detect(text, null, "da");
        DetectedLanguage asNorwegian = DETECTOR.detect(text, null, "no");
        assertThat(asDanish.code()).isEqualTo("da");
        assertThat(asNorwegian.code()).isIn("nb", "da");
        assertThat(asDanish.confidence()).isLessThan(0.9);
    }

    @Test
    void chineseAndJapaneseShortBodiesAreLongEnoughOnTheirOwn() {
        assertThat(DETECTOR.detect("政府宣布明年将提高最低工资标准。", "标题", null).code()).isEqualTo("zh");
        assertThat(DETECTOR.detect("政府は来年から最低賃金を引き上げると発表した。", null, null).code()).isEqualTo("ja");
    }

    @Test
    void theFastFeaturesGiveTheLanguagesOpenNlpsOwnDetectorGives() throws IOException {
        LanguageDetectorModel model;
        try (InputStream in = LanguageDetector.class.getResourceAsStream("/langdetect-183.bin")) {
            model = new LanguageDetectorModel(in);
        }
        LanguageDetectorME reference = new LanguageDetectorME(model);
        LanguageDetector fast = new LanguageDetector(model);
        String[] outcomes = fast.outcomes();
        List<String> texts = new ArrayList<>(samples().map(a -> (String) a.get()[1]).toList());
        texts.add("For details, contact press@example.org or see https://example.org/news?id=42, the agency wrote "
                + "in a post tagged #breaking that @newsdesk shared on Monday.");
        texts.add("Sooooo many people!!! Over 10,000 attended the 2024 rally in Zürich, officials said.");
        for (String text : texts) {
            Language[] expected = reference.predictLanguages(text);
            double[] p = fast.probabilities(text);
            int best = 0;
            for (int i = 1; i < p.length; i++) {
                best = p[i] > p[best] ? i : best;
            }
            assertThat(outcomes[best]).as(text).isEqualTo(expected[0].getLang());
            assertThat(p[best]).as(text).isCloseTo(expected[0].getConfidence(), within(0.02));
        }
    }

    @Test
    void declaredCodesAreNormalized() {
        assertThat(LanguageDetector.normalizeDeclared(" en_GB ")).isEqualTo("en");
        assertThat(LanguageDetector.normalizeDeclared("zh-Hant-TW")).isEqualTo("zh");
        assertThat(LanguageDetector.normalizeDeclared("deu")).isEqualTo("de");
        assertThat(LanguageDetector.normalizeDeclared("in")).isEqualTo("id");
        assertThat(LanguageDetector.normalizeDeclared("")).isNull();
    }
}
