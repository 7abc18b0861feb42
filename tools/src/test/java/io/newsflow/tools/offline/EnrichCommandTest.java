package io.newsflow.tools.offline;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.EventJson;
import java.io.ByteArrayOutputStream;
import io.newsflow.tools.NewsflowTools;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnrichCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "enrich";
        System.arraycopy(args, 0, all, 1, args.length);
        return NewsflowTools.execute(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true),
                new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true), all);
    }

    @Test
    void printsTheEnrichedRecordOfAnHtmlFile() throws Exception {
        Path page = Files.writeString(dir.resolve("story.html"), """
                <html><head><title>Rates held | Paper</title></head>
                <body><article><h1>Rates held</h1><p>The central bank kept interest rates unchanged on Thursday.</p></article></body></html>
                """);

        assertThat(run(page.toString(), "--url", "https://paper.example/rates")).isZero();

        ArticleEnriched article = EventJson.mapper().readValue(out.toString(StandardCharsets.UTF_8), ArticleEnriched.class);
        assertThat(article.id()).isEqualTo(ArticleIds.fromUrl("https://paper.example/rates"));
        assertThat(article.title()).isEqualTo("Rates held");
        assertThat(article.body()).isEqualTo("The central bank kept interest rates unchanged on Thursday.");
        assertThat(article.source().domain()).isEqualTo("paper.example");
    }

    @Test
    void asIsTakesTheTextFileAsTheBodySoOffsetsPointIntoIt() throws Exception {
        String text = "BRUSSELS  -- Short line\n   indented   line with  spaces.\n\nMore.";
        Path file = Files.writeString(dir.resolve("clean.txt"), text);
        assertThat(run(file.toString(), "--as-is")).isZero();

        ArticleEnriched article = EventJson.mapper().readValue(out.toString(StandardCharsets.UTF_8), ArticleEnriched.class);
        assertThat(article.body()).isEqualTo(text);
        assertThat(article.title()).isNull();
    }

    @Test
    void writesOneJsonFilePerInputWithOut() throws Exception {
        Files.writeString(dir.resolve("a.txt"), "The first story of the day\nThe body of story A is a single sentence of more than ten words.");
        Files.writeString(dir.resolve("b.html"), "<html><body><p>The body of story B is one short sentence.</p></body></html>");
        Path outDir = dir.resolve("out");

        assertThat(run(dir.toString(), "--out", outDir.toString())).isZero();

        assertThat(EventJson.mapper().readValue(outDir.resolve("a.json").toFile(), ArticleEnriched.class).body())
                .isEqualTo("The body of story A is a single sentence of more than ten words.");
        assertThat(EventJson.mapper().readValue(outDir.resolve("b.json").toFile(), ArticleEnriched.class).body())
                .isEqualTo("The body of story B is one short sentence.");
    }

    @Test
    void pagesAreDecodedWithTheCharsetTheyDeclare() throws Exception {
        String html = "<html><head><meta charset=\"iso-8859-1\"><title>Caf\u00e9</title></head><body><article>"
                + "<p>Le caf\u00e9 de la gare a rouvert ses portes lundi, apr\u00e8s trois mois de travaux.</p>"
                + "</article></body></html>";
        Path page = dir.resolve("latin1.html");
        Files.write(page, html.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        assertThat(run(page.toString())).isZero();

        ArticleEnriched article = EventJson.mapper().readValue(out.toString(StandardCharsets.UTF_8), ArticleEnriched.class);
        assertThat(article.body()).isEqualTo("Le caf\u00e9 de la gare a rouvert ses portes lundi, apr\u00e8s trois mois de travaux.");
    }

    @Test
    void badArgumentsPrintUsageAndExit2() {
        assertThat(run()).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("Usage: newsflow enrich");
        assertThat(run(dir.resolve("missing.html").toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("no such file");
    }

    @Test
    void invalidUrlIsReportedPerFile() throws Exception {
        Path page = Files.writeString(dir.resolve("p.html"), "<p>x</p>");
        assertThat(run(page.toString(), "--url", "not a url")).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("p.html");
    }
}
