package io.newsflow.enrich.quotes;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.entities.Entity;
import io.newsflow.enrich.entities.EntityRecognizer;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Precision and recall of speaker attribution on the 30 annotated articles of
 * {@code quotes/quotes-gold.jsonl} (see the README beside it), with the real entity recogniser
 * in front as in the pipeline. Prints the figures; fails if they fall below what was measured
 * when the finder was written (so a change that makes attribution worse is noticed).
 */
class QuoteAttributionQualityTest {

    private static final EntityRecognizer RECOGNIZER = EntityRecognizer.standard();
    private static final QuoteFinder FINDER = QuoteFinder.standard();

    record Gold(String text, int start, int end, String speaker) {
    }

    record Score(int found, int gold, int right, List<String> misses) {
        double precision() {
            return found == 0 ? 0 : (double) right / found;
        }

        double recall() {
            return gold == 0 ? 0 : (double) right / gold;
        }
    }

    static Score score(String file) throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        int found = 0;
        int goldCount = 0;
        int right = 0;
        List<String> misses = new ArrayList<>();
        try (InputStream in = QuoteAttributionQualityTest.class.getResourceAsStream("/quotes/" + file)) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = json.readTree(line);
                String text = doc.path("text").asString();
                List<Gold> gold = new ArrayList<>();
                for (JsonNode q : doc.path("quotes")) {
                    gold.add(new Gold(q.path("text").asString(), q.path("start").asInt(), q.path("end").asInt(),
                            q.path("speaker").asString()));
                }
                TextAnalysis analysis = TextAnalysis.of(text);
                List<Entity> entities = RECOGNIZER.recognize(analysis, "en");
                List<Quote> quotes = FINDER.find(analysis, entities, "en");
                found += quotes.size();
                goldCount += gold.size();
                List<Gold> open = new ArrayList<>(gold);
                for (Quote q : quotes) {
                    Gold match = null;
                    for (Gold g : open) {
                        if (overlaps(q.start(), q.end(), g.start(), g.end())) {
                            match = g;
                            break;
                        }
                    }
                    if (match != null && sameName(q.speaker().canonicalName(), match.speaker())) {
                        right++;
                        open.remove(match);
                    } else {
                        misses.add(doc.path("id").asString() + " found [" + q.text() + "] by " + q.speaker().canonicalName()
                                + (match == null ? " (no such gold quote)" : " (gold: " + match.speaker() + ")"));
                    }
                }
                for (Gold g : open) {
                    misses.add(doc.path("id").asString() + " missed [" + g.text() + "] by " + g.speaker());
                }
            }
        }
        return new Score(found, goldCount, right, misses);
    }

    private static boolean overlaps(int s1, int e1, int s2, int e2) {
        int overlap = Math.min(e1, e2) - Math.max(s1, s2);
        return overlap > 0 && overlap * 2 >= Math.min(e1 - s1, e2 - s2);
    }

    static boolean sameName(String a, String b) {
        String x = fold(a);
        String y = fold(b);
        return !x.isEmpty() && !y.isEmpty() && (x.contains(y) || y.contains(x));
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).strip();
    }

    private static Score report(String file) throws IOException {
        Score s = score(file);
        System.out.printf("quotes %s: %d found, %d gold, %d right: precision %.3f, recall %.3f%n", file, s.found(),
                s.gold(), s.right(), s.precision(), s.recall());
        s.misses().forEach(m -> System.out.println("  " + m));
        return s;
    }

    @Test
    void attributionOnTheAnnotatedSet() throws IOException {
        Score s = report("quotes-gold.jsonl");

        assertThat(s.precision()).isGreaterThanOrEqualTo(0.95);
        assertThat(s.recall()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void attributionOnTheHeldOutSet() throws IOException {
        Score s = report("quotes-heldout.jsonl");

        assertThat(s.precision()).isGreaterThanOrEqualTo(0.9);
        assertThat(s.recall()).isGreaterThanOrEqualTo(0.8);
    }
}
