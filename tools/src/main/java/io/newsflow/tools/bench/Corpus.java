package io.newsflow.tools.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * The pages to post, read once into memory: each as the JSON string literal of its HTML (quotes
 * included, UTF-8), so that building a request or a Kafka record costs no escaping during the
 * run.
 */
final class Corpus {

    private static final Pattern CHARSET = Pattern.compile("charset\\s*=\\s*[\"']?([A-Za-z0-9._:-]+)",
            Pattern.CASE_INSENSITIVE);

    /** One page: its id (the file name without .html[.gz]) and its HTML as a JSON string literal. */
    record Page(String id, byte[] jsonHtml, int htmlChars) {
    }

    private final List<Page> pages;

    private Corpus(List<Page> pages) {
        this.pages = pages;
    }

    static Corpus load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("no corpus folder " + dir + " (--corpus DIR with *.html or *.html.gz pages)");
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> {
                String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
                return name.endsWith(".html") || name.endsWith(".html.gz") || name.endsWith(".htm");
            }).sorted().toList();
        }
        List<Page> pages = new ArrayList<>();
        for (Path file : files) {
            byte[] bytes = read(file);
            String html = new String(bytes, charsetOf(bytes));
            String name = file.getFileName().toString();
            String id = name.replaceFirst("(?i)\\.html?(\\.gz)?$", "");
            pages.add(new Page(id, jsonString(html).getBytes(StandardCharsets.UTF_8), html.length()));
        }
        if (pages.isEmpty()) {
            throw new IOException("no *.html or *.html.gz pages in " + dir);
        }
        return new Corpus(List.copyOf(pages));
    }

    List<Page> pages() {
        return pages;
    }

    Page page(long n) {
        return pages.get((int) (n % pages.size()));
    }

    double meanJsonBytes() {
        return pages.stream().mapToLong(p -> p.jsonHtml().length).average().orElse(0);
    }

    private static byte[] read(Path file) throws IOException {
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz")) {
            return Files.readAllBytes(file);
        }
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return in.readAllBytes();
        }
    }

    /** What a client would decode the page with: its declared charset, else UTF-8. */
    private static Charset charsetOf(byte[] bytes) {
        String head = new String(bytes, 0, Math.min(bytes.length, 4096), StandardCharsets.ISO_8859_1);
        Matcher m = CHARSET.matcher(head);
        if (m.find()) {
            try {
                return Charset.forName(m.group(1));
            } catch (IllegalArgumentException unknown) {
                // fall through to UTF-8
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** A JSON string literal, escaped the way Jackson writes one (non-ASCII left as is). */
    static String jsonString(String value) {
        StringBuilder out = new StringBuilder(value.length() + value.length() / 16 + 2);
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
