package io.newsflow.tools.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.tools.NewsflowTools;
import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands that read a folder of pages, given a folder without any (a typo'd path, the
 * folder above the pages): a usage error that says so, not rates and scores over nothing.
 */
class PageFolderCommandsTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return NewsflowTools.execute(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true), args);
    }

    @Test
    void aFolderWithoutPagesIsAUsageErrorForEveryCommandThatReadsPages() throws Exception {
        Path notPages = Files.createDirectory(dir.resolve("aeb-dev"));
        Files.writeString(notPages.resolve("README.md"), "the pages are in html/");

        assertThat(run("bench-enrichment", notPages.toString(), "1", "0.1")).isEqualTo(2);
        assertThat(run("bench-extraction", notPages.toString(), "1", "0.1")).isEqualTo(2);
        assertThat(run("extract", notPages.toString(), dir.resolve("out").toString())).isEqualTo(2);

        assertThat(err.toString().lines().filter(l -> l.endsWith("no *.html or *.html.gz pages in " + notPages)))
                .hasSize(3);
        assertThat(out.toString()).doesNotContain("NaN", "Infinity");
    }

    @Test
    void aMissingFolderIsAUsageError() {
        assertThat(run("bench-enrichment", dir.resolve("nowhere").toString())).isEqualTo(2);
        assertThat(err.toString()).contains(dir.resolve("nowhere") + " is not a folder");
    }
}
