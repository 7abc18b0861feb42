package io.newsflow.enrich.extraction;

import io.newsflow.pages.PageCharsets;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code ExtractCommand IN_DIR OUT_DIR [--text] [--full]}: writes {@code {id}.txt} for every
 * {@code *.html[.gz]} page so extraction can be scored with the benchmark's evaluate.py.
 * The written text keeps the dateline in front of the body, as benchmark gold texts do.
 * {@code --text} first flattens each page to one-block-per-line visible text and runs
 * {@link ArticleExtractor#fromText}, to measure the scraped-text path on the same gold data.
 * {@code --full} also writes {@code {id}.meta.txt} with the extracted metadata, for inspection.
 */
public final class ExtractCommand {

    private ExtractCommand() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ExtractCommand IN_DIR OUT_DIR [--text] [--full]");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        Path out = Path.of(args[1]);
        boolean textMode = List.of(args).contains("--text");
        boolean full = List.of(args).contains("--full");
        Files.createDirectories(out);
        ArticleExtractor extractor = new ArticleExtractor();
        int pages = 0;
        int empty = 0;
        for (Path p : PageFiles.list(in)) {
            PageFiles.Page page = PageFiles.read(p);
            ExtractedArticle a;
            if (textMode) {
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
    }

    private static String describe(ExtractedArticle a) {
        return "title: " + a.title() + "\nauthors: " + a.authors() + "\npublished: " + a.publishedAt()
                + "\nmodified: " + a.modifiedAt() + "\ncanonical: " + a.canonicalUrl() + "\nsite: " + a.siteName()
                + "\nsection: " + a.section() + "\ndescription: " + a.description() + "\nimage: " + a.mainImage()
                + "\nlang: " + a.htmlLang() + "\ndateline: " + a.dateline() + "\nflags: " + a.flags() + "\n";
    }
}
