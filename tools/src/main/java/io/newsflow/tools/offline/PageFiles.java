package io.newsflow.tools.offline;

import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.Source;
import io.newsflow.enrich.extraction.ArticleExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/** Lists and reads {@code *.html} / {@code *.html.gz} page files for the command-line tools. */
public final class PageFiles {

    public record Page(String id, byte[] bytes) {

        /** When every benchmark's pages say they were published: a fixed moment, so runs compare. */
        static final Instant PUBLISHED = Instant.parse("2024-05-01T10:00:00Z");

        /** The page as a {@code news.raw} article from the source "bench", its HTML decoded as a service would. */
        public ArticleReceived asArticle(String articleId, String url) {
            return new ArticleReceived(ArticleReceived.SCHEMA_VERSION, articleId, url, null, Source.named("bench"), null,
                    null, PUBLISHED, null, null, null, null, ArticleExtractor.decodeHtml(bytes), null);
        }
    }

    private PageFiles() {
    }

    /**
     * The pages in {@code dir}, by name.
     *
     * @throws IllegalArgumentException when {@code dir} is not a folder or holds no page: every
     *                                  command reading pages would otherwise report rates and
     *                                  scores over nothing (NaN, Infinity) as if it had measured
     */
    public static List<Path> list(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> id(p) != null).sorted().forEach(out::add);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no *.html or *.html.gz pages in " + dir);
        }
        return out;
    }

    /** {@code *.txt} files (already flattened pages), id = the name without {@code .txt}. */
    public static List<Path> listText(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> p.getFileName().toString().endsWith(".txt")
                    && !p.getFileName().toString().endsWith(".meta.txt")).sorted().forEach(out::add);
        }
        return out;
    }

    public static Page readText(Path p) throws IOException {
        String name = p.getFileName().toString();
        return new Page(name.substring(0, name.length() - ".txt".length()), Files.readAllBytes(p));
    }

    static String id(Path p) {
        String name = p.getFileName().toString();
        if (name.endsWith(".html.gz")) {
            return name.substring(0, name.length() - ".html.gz".length());
        }
        if (name.endsWith(".html")) {
            return name.substring(0, name.length() - ".html".length());
        }
        if (name.endsWith(".htm")) {
            return name.substring(0, name.length() - ".htm".length());
        }
        return null;
    }

    public static Page read(Path p) throws IOException {
        byte[] bytes;
        if (p.getFileName().toString().endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
                bytes = in.readAllBytes();
            }
        } else {
            bytes = Files.readAllBytes(p);
        }
        return new Page(id(p), bytes);
    }
}
