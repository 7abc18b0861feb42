package io.newsflow.tools.offline;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.contracts.EventJson;
import io.newsflow.contracts.Source;
import io.newsflow.enrich.extraction.ArticleExtractor;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.SerializationFeature;

/**
 * {@code newsflow enrich FILE|DIR... [--url URL] [--as-is] [--out DIR]}: runs the enrichment pipeline
 * offline, with no Kafka or Elasticsearch, and prints for each input exactly the record the
 * service would write to news.enriched (with revision 0: offline there is no broker to number
 * posts). Files ending in {@code .html}, {@code .htm} (optionally
 * {@code .gz}) are pages; anything else is scraped text, which {@code --as-is} takes as an already
 * clean body (offsets in the record then point into the file's text).
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
        description = {"Run the enrichment pipeline offline and print the news.enriched record of each input.",
                "*.html, *.htm (optionally .gz) are pages; other files are scraped text."})
public final class EnrichCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR", description = "pages or text files, or folders of them")
    List<Path> inputs;

    @Option(names = "--url", description = "the page's URL (one input only): sets the id as ingest would")
    String url;

    @Option(names = "--as-is", description = "text files are clean bodies: no extraction, offsets point into the file")
    boolean asIs;

    @Option(names = "--out", paramLabel = "DIR", description = "write {input-name}.json files into DIR instead of printing")
    Path outDir;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<Path> files;
        try {
            files = expand(inputs);
        } catch (IOException e) {
            err.println("newsflow enrich: " + e.getMessage());
            return 2;
        }
        if (url != null && files.size() > 1) {
            err.println("newsflow enrich: --url applies to a single input, got " + files.size());
            return 2;
        }
        EnrichmentPipeline pipeline = EnrichmentPipeline.standard(Clock.systemUTC());
        var writer = EventJson.mapper().writer().with(SerializationFeature.INDENT_OUTPUT);
        int failures = 0;
        for (Path file : files) {
            try {
                ArticleEnriched enriched = pipeline.enrich(received(file, url), 0, asIs);
                String json = writer.writeValueAsString(enriched);
                if (outDir != null) {
                    Files.createDirectories(outDir);
                    Files.writeString(outDir.resolve(baseName(file) + ".json"), json + "\n");
                } else {
                    out.println(json);
                }
            } catch (IOException | RuntimeException e) {
                err.println("newsflow enrich: " + file + ": " + e.getMessage());
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }

    /** The record the ingest service would have made of this file. */
    static ArticleReceived received(Path file, String url) throws IOException {
        boolean html = isHtml(file);
        byte[] bytes = read(file);
        // pages declare their own charset; text files are UTF-8
        String content = html ? ArticleExtractor.decodeHtml(bytes) : new String(bytes, StandardCharsets.UTF_8);
        Source source;
        String canonicalUrl = null;
        String id;
        if (url != null) {
            canonicalUrl = ArticleIds.canonicalUrl(url);
            source = new Source(null, ArticleIds.domainOf(url));
            id = ArticleIds.fromUrl(url);
        } else {
            source = Source.named("file");
            id = ArticleIds.fromContent(source, content);
        }
        Instant now = Instant.now();
        return new ArticleReceived(ArticleReceived.SCHEMA_VERSION, id, url, canonicalUrl, source,
                null, null, now, null, null, null, null, html ? content : null, html ? null : content);
    }

    private static List<Path> expand(List<Path> inputs) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> listing = Files.list(input)) {
                    listing.filter(Files::isRegularFile).sorted().forEach(files::add);
                }
            } else if (Files.isRegularFile(input)) {
                files.add(input);
            } else {
                throw new IOException("no such file or directory: " + input);
            }
        }
        return files;
    }

    private static byte[] read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file);
                InputStream body = file.toString().endsWith(".gz") ? new GZIPInputStream(in) : in) {
            return body.readAllBytes();
        }
    }

    private static boolean isHtml(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        return name.endsWith(".html") || name.endsWith(".htm") || name.endsWith(".xhtml");
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        name = name.endsWith(".gz") ? name.substring(0, name.length() - 3) : name;
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

}
