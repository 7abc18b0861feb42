package io.newsflow.tools.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What a load run does, as read from the command line by {@link LoadOptions}. */
record Options(
        URI ingest,
        String kafka,
        Path corpus,
        Duration duration,
        Duration warmup,
        List<Integer> concurrencies,
        double rate,
        String apiKey,
        boolean ceiling,
        long ceilingRecords,
        Duration ceilingDuration,
        double ceilingRate,
        List<String> producerProps,
        boolean pauseConsumers,
        boolean jfr,
        Duration requestTimeout,
        Path root,
        Path out) {

    boolean fixedRate() {
        return rate > 0;
    }
}
