package io.newsflow.enrich.places;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code PlacesNerCheck JSONL}: how the place spans found by the resolver (no recognizer input)
 * compare with the LOC annotations of an entity dev set, by overlap: recall of gold LOC, and the
 * share of found spans that overlap a gold LOC, another gold type, or nothing. Measurement only;
 * nothing is learnt from the annotations.
 */
public final class PlacesNerCheck {

    private PlacesNerCheck() {
    }

    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        PlaceResolver resolver = PlaceResolver.standard();
        int gold = 0;
        int goldHit = 0;
        int found = 0;
        int onLoc = 0;
        int onOther = 0;
        boolean verbose = args.length > 1;
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode doc = json.readTree(line);
            String text = doc.get("text").asString();
            List<int[]> spans = resolver.placeSpans(TextAnalysis.of(text), List.of());
            List<JsonNode> entities = new ArrayList<>();
            doc.get("entities").forEach(entities::add);
            for (JsonNode e : entities) {
                if (e.get("type").asString().equals("LOC")) {
                    gold++;
                    boolean hit = spans.stream().anyMatch(s -> overlaps(s, e));
                    if (hit) {
                        goldHit++;
                    } else if (verbose) {
                        System.out.println("missed  " + e.get("text").asString());
                    }
                }
            }
            for (int[] s : spans) {
                found++;
                String type = entities.stream().filter(e -> overlaps(s, e)).map(e -> e.get("type").asString())
                        .filter(t -> t.equals("LOC")).findFirst()
                        .orElse(entities.stream().filter(e -> overlaps(s, e)).map(e -> e.get("type").asString())
                                .findFirst().orElse("none"));
                if (type.equals("LOC")) {
                    onLoc++;
                } else if (!type.equals("none")) {
                    onOther++;
                }
                if (verbose && !type.equals("LOC")) {
                    System.out.println("found   " + text.substring(s[0], s[1]) + " [" + type + "]");
                }
            }
        }
        System.out.printf("gold LOC %d, overlapped %d (recall %.3f)%n", gold, goldHit, (double) goldHit / gold);
        System.out.printf("found %d: on LOC %d (%.3f), on other types %d, on nothing %d%n", found, onLoc,
                (double) onLoc / found, onOther, found - onLoc - onOther);
    }

    private static boolean overlaps(int[] s, JsonNode e) {
        return s[0] < e.get("end").asInt() && e.get("start").asInt() < s[1];
    }
}
