package io.newsflow.enrich.topics;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TopicClassifierTest {

    private static final TopicClassifier CLASSIFIER = TopicClassifier.standard();

    record Sample(String language, String expected, String title, String body) {
        @Override
        public String toString() {
            return expected + " " + title;
        }
    }

    static List<Sample> read(String resource, boolean withLanguage) {
        try (InputStream in = TopicClassifierTest.class.getResourceAsStream(resource)) {
            List<Sample> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t");
                out.add(withLanguage ? new Sample(p[0], p[1], p[2], p[3]) : new Sample("en", p[0], p[1], p[2]));
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Sample> paragraphs() {
        return read("/topics/en-paragraphs.tsv", false).stream();
    }

    static Stream<Sample> hardParagraphs() {
        return read("/topics/en-hard.tsv", false).stream();
    }

    static Stream<Sample> moreParagraphs() {
        return read("/topics/en-more.tsv", false).stream();
    }

    static Stream<Sample> otherLanguages() {
        return read("/topics/other-languages.tsv", true).stream();
    }

    private static List<Topic> classify(Sample s) {
        return CLASSIFIER.classify(TextAnalysis.of(s.body()), s.title(), s.language());
    }

    @Test
    void allSeventeenTopLevelTopicsWithIptcCodesAndLabels() {
        assertThat(paragraphs().map(Sample::expected).distinct()).hasSize(17);
        assertThat(paragraphs().map(s -> classify(s).get(0)).map(t -> t.code() + " " + t.label()))
                .contains("medtop:01000000 arts, culture, entertainment and media",
                        "medtop:02000000 crime, law and justice",
                        "medtop:03000000 disaster, accident and emergency incident",
                        "medtop:04000000 economy, business and finance",
                        "medtop:05000000 education",
                        "medtop:06000000 environment",
                        "medtop:07000000 health",
                        "medtop:08000000 human interest",
                        "medtop:09000000 labour",
                        "medtop:10000000 lifestyle and leisure",
                        "medtop:11000000 politics",
                        "medtop:12000000 religion",
                        "medtop:13000000 science and technology",
                        "medtop:14000000 society",
                        "medtop:15000000 sport",
                        "medtop:16000000 conflict, war and peace",
                        "medtop:17000000 weather");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("paragraphs")
    void aShortParagraphGetsItsTopicFirst(Sample sample) {
        List<Topic> topics = classify(sample);
        assertThat(topics).isNotEmpty().hasSizeLessThanOrEqualTo(3);
        assertThat(topics.get(0).code()).as(topics.toString()).isEqualTo(sample.expected());
        assertThat(topics.get(0).score()).isBetween(0.3, 1.0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hardParagraphs")
    void mixedVocabularyStillGivesTheMainTopicFirst(Sample sample) {
        List<Topic> topics = classify(sample);
        assertThat(topics.get(0).code()).as(topics.toString()).isEqualTo(sample.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("moreParagraphs")
    void aSecondParagraphPerTopic(Sample sample) {
        List<Topic> topics = classify(sample);
        assertThat(topics.get(0).code()).as(topics.toString()).isEqualTo(sample.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("otherLanguages")
    void germanFrenchAndSpanishArticles(Sample sample) {
        List<Topic> topics = classify(sample);
        assertThat(topics.get(0).code()).as(topics.toString()).isEqualTo(sample.expected());
    }

    @Test
    void anArticleSpanningTwoTopicsGetsBoth() {
        String body = "The health minister resigned on Friday after a vote of no confidence in parliament, "
                + "weeks after hospitals ran out of beds and doctors warned that patients were waiting days for surgery. "
                + "Opposition parties said the government had ignored the crisis in the health service, and the prime "
                + "minister promised to name a successor before the election campaign begins.";
        List<Topic> topics = CLASSIFIER.classify(TextAnalysis.of(body), "Health minister quits as hospital crisis deepens", "en");
        assertThat(topics).extracting(Topic::code).contains("medtop:11000000", "medtop:07000000");
        assertThat(topics).isSortedAccordingTo((a, b) -> Double.compare(b.score(), a.score()));
    }

    @Test
    void theTitleWeighsMoreThanTheBody() {
        String body = "The match was played in front of a full stadium. Later, police said two men had been arrested.";
        assertThat(CLASSIFIER.classify(TextAnalysis.of(body), "Two fans arrested after brawl outside court", "en").get(0).code())
                .isEqualTo("medtop:02000000");
        assertThat(CLASSIFIER.classify(TextAnalysis.of(body), "Champions win derby in front of full stadium", "en").get(0).code())
                .isEqualTo("medtop:15000000");
    }

    @Test
    void phrasesOverrideTheirWords() {
        String airStrike = "An air strike hit the town overnight, and another air strike followed at dawn.";
        assertThat(CLASSIFIER.classify(TextAnalysis.of(airStrike), null, "en")).extracting(Topic::code)
                .containsExactly("medtop:16000000");
    }

    @Test
    void anyArticleWithSomeEvidenceGetsAtLeastOneTopic() {
        List<Topic> topics = CLASSIFIER.classify(TextAnalysis.of("A long queue formed outside the new bakery, "
                + "where the owner handed out free bread to the first hundred customers."), null, "en");
        assertThat(topics).hasSize(1);
    }

    @Test
    void regionalLanguageTagsUseTheirLanguage() {
        String german = "Die Mannschaft gewann das Spiel in der Bundesliga, der Trainer lobte den Torwart.";
        assertThat(CLASSIFIER.classify(TextAnalysis.of(german), null, "de-AT").get(0).code()).isEqualTo("medtop:15000000");
        assertThat(CLASSIFIER.classify(TextAnalysis.of(german), null, "DE").get(0).code()).isEqualTo("medtop:15000000");
    }

    @Test
    void emptyTextHasNoTopics() {
        assertThat(CLASSIFIER.classify(TextAnalysis.of(""), null, "en")).isEmpty();
        assertThat(CLASSIFIER.classify(TextAnalysis.of("   "), "", null)).isEmpty();
    }

    @Test
    void unknownLanguageFallsBackToAllLexicons() {
        String dutch = "De FIFA en de UEFA hebben het toernooi bevestigd; het stadion is uitverkocht.";
        assertThat(CLASSIFIER.classify(TextAnalysis.of(dutch), null, "nl").get(0).code()).isEqualTo("medtop:15000000");
        assertThat(CLASSIFIER.classify(TextAnalysis.of(dutch), null, null).get(0).code()).isEqualTo("medtop:15000000");
    }
}
