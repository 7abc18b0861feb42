package io.newsflow.tools.offline;

import io.newsflow.enrich.entities.Entity;
import io.newsflow.enrich.entities.EntityRecognizer;
import io.newsflow.enrich.entities.EntityType;
import io.newsflow.enrich.entities.Span;
import io.newsflow.enrich.text.TextAnalysis;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code NerEvaluation IN.jsonl OUT.jsonl [languageCode]}: runs the recognizer over
 * {@code {"id","text"}} lines and writes {@code {"id","entities":[{"start","end","type"}]}} with
 * CoNLL type names (PER, ORG, LOC, MISC), the input of the usual CoNLL-style scorers. Each text
 * is taken as is (no extraction), so offsets refer to it.
 */
@Command(name = "ner-eval", mixinStandardHelpOptions = true,
        description = "Run the entity recognizer over {id,text} JSON lines and write CoNLL-typed spans, the input of the usual scorers.")
public final class NerEvaluation implements Callable<Integer> {

    @Parameters(index = "0", description = "input: one JSON object {id, text} per line")
    Path input;

    @Parameters(index = "1", description = "output: one JSON object {id, entities: [{start, end, type}]} per line")
    Path output;

    @Parameters(index = "2", defaultValue = "en", description = "the texts' language (${DEFAULT-VALUE})")
    String lang;

    @Override
    public Integer call() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        EntityRecognizer recognizer = EntityRecognizer.standard();
        int docs = 0;
        int entities = 0;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode doc = json.readTree(line);
                String text = doc.path("text").asString("");
                List<Map<String, Object>> spans = new ArrayList<>();
                for (Entity e : recognizer.recognize(TextAnalysis.of(text), lang)) {
                    for (Span s : e.offsets()) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("start", s.start());
                        m.put("end", s.end());
                        m.put("type", conll(e.type()));
                        m.put("text", text.substring(s.start(), s.end()));
                        spans.add(m);
                    }
                }
                spans.sort((x, y) -> Integer.compare((Integer) x.get("start"), (Integer) y.get("start")));
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("id", doc.path("id").asString(""));
                rec.put("entities", spans);
                out.write(json.writeValueAsString(rec));
                out.newLine();
                docs++;
                entities += spans.size();
            }
        }
        System.err.printf("%d texts, %d mentions written to %s%n", docs, entities, output);
        return 0;
    }

    static String conll(EntityType type) {
        return switch (type) {
            case PERSON -> "PER";
            case ORGANIZATION -> "ORG";
            case LOCATION -> "LOC";
            case MISC -> "MISC";
        };
    }
}
