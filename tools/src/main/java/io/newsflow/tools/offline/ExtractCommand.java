package io.newsflow.tools.offline;

import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.extraction.ExtractedArticle;
import io.newsflow.enrich.extraction.VisibleText;
import io.newsflow.pages.PageCharsets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ExtractCommand IN_DIR OUT_DIR [--text] [--full]}: writes {@code {id}.txt} for every
 * {@code *.html[.gz]} page so extraction can be scored with the benchmark's evaluate.py.
 * The written text keeps the dateline in front of the body, as benchmark gold texts do.
 * {@code --text} first flattens each page to one-block-per-line visible text and runs
 * {@link ArticleExtractor#fromText}, to measure the scraped-text path on the same gold data.
 * {@code --from-text} reads {@code {id}.txt} files that another tool already flattened (see
 * {@code tools/scraped-text/}), so the text path is measured on flattenings other than its own.
 * {@code --full} also writes {@code {id}.meta.txt} with the extracted metadata, for inspection.
 */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = "Run article extraction over a folder of *.html[.gz] pages and write {id}.txt (dateline and body) per page, to score against gold texts.")
public final class ExtractCommand implements Callable<Integer> {

    @Parameters(index = "0", description = "folder of *.html[.gz] pages")
    Path in;

    @Parameters(index = "1", description = "where the {id}.txt files go")
    Path out;

    @Option(names = "--text", description = "first flatten each page to its visible lines: the scraped-text path")
    boolean textMode;

    @Option(names = "--from-text", description = "IN_DIR holds {id}.txt files flattened by another tool: run the scraped-text path on them")
    boolean fromText;

    @Option(names = "--full", description = "also write {id}.meta.txt with the title, byline, dates and flags")
    boolean full;

    @Override
    public Integer call() throws IOException {
        Files.createDirectories(out);
        ArticleExtractor extractor = new ArticleExtractor();
        int pages = 0;
        int empty = 0;
        for (Path p : fromText ? PageFiles.listText(in) : PageFiles.list(in)) {
            PageFiles.Page page = fromText ? PageFiles.readText(p) : PageFiles.read(p);
            ExtractedArticle a;
            if (fromText) {
                a = extractor.fromText(new String(page.bytes(), StandardCharsets.UTF_8), null);
            } else if (textMode) {
                String visible = VisibleText.of(PageCharsets.decode(page.bytes()));
                a = extractor.fromText(visible, null);
            } else {
                a = extractor.fromHtmlBytes(page.bytes(), null);
            }
            Files.writeString(out.resolve(page.id() + ".txt"), a.fullText(), StandardCharsets.UTF_8);
            if (full) {
                Files.writeString(out.resolve(page.id() + ".meta.txt"), describe(a), StandardCharsets.UTF_8);
            }
            pages++;
            if (a.body().isEmpty()) {
                empty++;
            }
        }
        System.out.printf("%d pages extracted into %s (%d without article)%n", pages, out, empty);
        return 0;
    }

    private static String describe(ExtractedArticle a) {
        return "title: " + a.title() + "\nauthors: " + a.authors() + "\npublished: " + a.publishedAt()
                + "\nmodified: " + a.modifiedAt() + "\ncanonical: " + a.canonicalUrl() + "\nsite: " + a.siteName()
                + "\nsection: " + a.section() + "\ndescription: " + a.description() + "\nimage: " + a.mainImage()
                + "\nlang: " + a.htmlLang() + "\ndateline: " + a.dateline() + "\nflags: " + a.flags() + "\n";
    }
}
