package io.newsflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagCommandTest {

    @Test
    void lagIsTheEndMinusTheCommittedOffsetAndRatesComeFromTheTwoReadings() {
        var first = Map.of("enrich-service", Map.of("news.raw", new LagCommand.Reading(100, 160)));
        var second = Map.of("enrich-service", Map.of("news.raw", new LagCommand.Reading(140, 180)),
                "publish-service", Map.of("news.enriched", new LagCommand.Reading(50, 50)));

        var rows = LagCommand.rows(first, second, Duration.ofSeconds(2));

        assertThat(rows).contains(new LagCommand.Row("enrich-service", "news.raw", 40, 10.0, 20.0),
                new LagCommand.Row("publish-service", "news.enriched", 0, 0.0, 0.0));
    }
}
