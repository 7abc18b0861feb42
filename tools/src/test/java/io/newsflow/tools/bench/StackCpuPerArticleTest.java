package io.newsflow.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackCpuPerArticleTest {

    @Test
    void eachProcessesCoresOverTheIndexedRateAndTheStacksSumLeavingOutTheHarnessAndTheRest() {
        Map<String, Double> cores = new LinkedHashMap<>();
        cores.put("ingest", 0.25);
        cores.put("kafka", 0.20);
        cores.put("elasticsearch", 0.50);
        cores.put("enrich", 0.75);
        cores.put("publish", Double.NaN); // not running
        cores.put("bench", 0.10);
        cores.put("other", 0.05);

        Map<String, Double> perArticle = EndToEndBenchmark.stackCpuPerArticle(cores, 50.0);

        assertThat(perArticle).containsOnlyKeys("ingest", "kafka", "elasticsearch", "enrich", "stack");
        assertThat(perArticle.get("ingest")).isCloseTo(5.0, within(1e-9));
        assertThat(perArticle.get("enrich")).isCloseTo(15.0, within(1e-9));
        assertThat(perArticle.get("stack")).isCloseTo(34.0, within(1e-9));
    }

    @Test
    void nothingIndexedMeansNoFigure() {
        assertThat(EndToEndBenchmark.stackCpuPerArticle(Map.of("enrich", 0.7), 0.0)).isEmpty();
        assertThat(EndToEndBenchmark.stackCpuPerArticle(Map.of("enrich", 0.7), Double.NaN)).isEmpty();
    }
}
