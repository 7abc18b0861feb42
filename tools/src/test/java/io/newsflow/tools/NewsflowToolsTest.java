package io.newsflow.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The one command line: every tool is a subcommand, and a bad command line is a clear exit 2. */
class NewsflowToolsTest {

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        return NewsflowTools.execute(new PrintWriter(out, true), new PrintWriter(out, true), args);
    }

    @Test
    void everyToolIsASubcommand() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("dlt", "audit", "lag", "backfill", "enrich", "extract", "ner-eval", "bench",
                "bench-ingest", "bench-publish", "bench-feeds", "bench-extraction", "bench-enrichment", "bench-warmup", "bench-entities");
    }

    @Test
    void backfillsVersionIsTheIndexVersionAndHelpStillWorks() {
        assertThat(run("backfill", "--help")).isZero();
        assertThat(out.toString()).contains("--version=N", "version of the new index");
    }

    @Test
    void badValuesAreRefusedWithTheirOptionNamed() {
        assertThat(run("bench-ingest", "--rate", "fast")).isEqualTo(2);
        assertThat(out.toString()).contains("--rate", "not a rate such as 400/s");
        assertThat(run("bench", "--drain", "soon")).isEqualTo(2);
        assertThat(out.toString()).contains("not a duration such as 500ms, 30s or 2m");
        assertThat(run("audit", "--since", "yesterday-ish")).isEqualTo(2);
        assertThat(run("no-such-tool")).isEqualTo(2);
    }
}
