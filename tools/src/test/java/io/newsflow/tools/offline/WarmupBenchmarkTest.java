package io.newsflow.tools.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.tools.NewsflowTools;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarmupBenchmarkTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return NewsflowTools.execute(new PrintWriter(out, true), new PrintWriter(err, true),
                Stream.concat(Stream.of("bench-warmup"), Stream.of(args)).toArray(String[]::new));
    }

    @Test
    void warmsUpThenRunsTheRealPagesRoundByRound() throws Exception {
        Files.writeString(dir.resolve("a.html"), """
                <html><head><title>Rates held | Paper</title></head><body><article><h1>Rates held</h1>
                <p>The central bank kept interest rates unchanged on Thursday, its governor said in Frankfurt.</p>
                </article></body></html>""");
        Files.writeString(dir.resolve("b.html"), """
                <html><head><title>Floods in the north</title></head><body><div class="story">
                <p>Rivers burst their banks after three days of rain, and hundreds of homes were evacuated.</p>
                </div></body></html>""");

        assertThat(run(dir.toString(), "--rounds", "3", "--warmup-articles", "30", "--warmup-max-time", "1s")).isZero();

        String report = out.toString();
        assertThat(report).containsPattern("warm-up: \\d+ samples in [\\d.]+ s")
                .contains("real pages: 2 per round, 3 rounds", "compilers' time on real pages:", "ms/article: first round");
        assertThat(Pattern.compile("(?m)^\\s+[123]\\s+[\\d.]+\\s+[\\d.]+$").matcher(report).results().count())
                .as("one line per round").isEqualTo(3);
    }

    @Test
    void badOptionsAreUsageErrorsWithAReason() throws Exception {
        Files.writeString(dir.resolve("a.html"), "<html><body><p>One page.</p></body></html>");
        assertThat(run(dir.toString(), "--rounds", "2")).isEqualTo(2);
        assertThat(run(dir.toString(), "--warmup-max-time", "soon")).isEqualTo(2);
        assertThat(run(Files.createDirectory(dir.resolve("empty")).toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--rounds must be 3 or more, was 2",
                "'soon' is not a duration such as 500ms, 30s or 2m", "no *.html or *.html.gz pages in");
    }
}
