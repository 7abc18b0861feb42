package io.newsflow.enrich.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class RobustnessTest {

    private static final String PARA = "<p>The regional parliament approved the new water plan on Thursday, "
            + "after months of negotiation between farmers, cities and environmental groups over allocations.</p>";

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    @Timeout(30)
    void tenThousandLevelNestingDoesNotOverflowTheStack() {
        StringBuilder html = new StringBuilder("<html><body>");
        html.append("<div>".repeat(10_000)).append(PARA.repeat(3)).append("</div>".repeat(10_000));
        html.append("</body></html>");

        ExtractedArticle a = extractor.fromHtml(html.toString(), null);

        assertThat(a.flags()).doesNotContain(ExtractedArticle.FLAG_ERROR);
        assertThat(a.body()).contains("regional parliament approved");
    }

    @Test
    @Timeout(60)
    void tenMegabytePageIsHandled() {
        StringBuilder html = new StringBuilder(11_000_000).append("<html><body><article>");
        html.append(PARA.repeat(5)).append("</article><ul>");
        String item = "<li><a href=\"/x\">Another link in an enormous footer list of links</a></li>";
        while (html.length() < 10_000_000) {
            html.append(item);
        }
        html.append("</ul></body></html>");

        ExtractedArticle a = extractor.fromHtml(html.toString(), null);

        assertThat(a.body()).contains("regional parliament approved").doesNotContain("enormous footer");
        assertThat(a.flags()).containsExactlyInAnyOrder(ExtractedArticle.FLAG_TRUNCATED);
    }

    @Test
    void oversizedInputIsTruncatedAndFlagged() {
        ArticleExtractor small = new ArticleExtractor(2_000);
        ExtractedArticle a = small.fromHtml("<html><body>" + PARA.repeat(40) + "</body></html>", null);

        assertThat(a.flags()).contains(ExtractedArticle.FLAG_TRUNCATED);
        assertThat(a.body()).isNotEmpty();
    }

    @Test
    void brokenMarkupIsRepaired() {
        String html = "<html><body><div class=content><p>The regional parliament approved the new water plan "
                + "on Thursday, after months of negotiation between farmers, cities and groups.<p>Unclosed <b>bold "
                + "<i>and italic</b> text carries on, with more words, more commas, and a full stop at the end."
                + "</div></span></table><p>< not a tag & stray ampersand";

        ExtractedArticle a = extractor.fromHtml(html, null);

        assertThat(a.body()).contains("water plan", "Unclosed bold and italic text");
    }

    @Test
    void garbageAndNonHtmlInputNeverThrow() {
        Random random = new Random(7);
        for (int i = 0; i < 50; i++) {
            byte[] junk = new byte[random.nextInt(5000)];
            random.nextBytes(junk);
            ExtractedArticle a = extractor.fromHtmlBytes(junk, "not a url");
            assertThat(a).isNotNull();
            assertThat(a.body()).isNotNull();
        }
        assertThat(extractor.fromHtml(null, null).flags()).contains(ExtractedArticle.FLAG_EMPTY_INPUT,
                ExtractedArticle.FLAG_NO_ARTICLE);
        assertThat(extractor.fromHtml("   ", null).flags()).contains(ExtractedArticle.FLAG_EMPTY_INPUT);
        assertThat(extractor.fromHtmlBytes(null, null).flags()).contains(ExtractedArticle.FLAG_NO_ARTICLE);
        assertThat(extractor.fromText(null, null).flags()).contains(ExtractedArticle.FLAG_NO_ARTICLE);
        assertThat(extractor.fromHtml("{\"json\": true}", null).flags()).contains(ExtractedArticle.FLAG_NOT_HTML);
    }

    @Test
    void hostileTextDoesNotBacktrack() {
        String dashes = "A".repeat(50_000) + " -- " + "(".repeat(50_000);
        String html = "<html><body><p>" + dashes + "</p><title>" + " | ".repeat(20_000) + "</title></body></html>";

        long start = System.nanoTime();
        extractor.fromHtml(html, null);
        extractor.fromText(dashes + "\n" + "By ".repeat(30_000), null);
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(5_000);
    }

    @Test
    void charsetsAreDetected() {
        String doc = "<html><head>%s<title>Café</title></head><body>" + PARA.replace("water", "eau-de-vie Ré")
                + PARA + "</body></html>";
        Charset latin1 = Charset.forName("windows-1252");

        ExtractedArticle metaCharset = extractor.fromHtmlBytes(
                String.format(doc, "<meta charset=\"windows-1252\">").getBytes(latin1), null);
        ExtractedArticle httpEquiv = extractor.fromHtmlBytes(String.format(doc,
                "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">").getBytes(latin1), null);
        ExtractedArticle undeclaredLatin = extractor.fromHtmlBytes(String.format(doc, "").getBytes(latin1), null);
        ExtractedArticle undeclaredUtf8 = extractor.fromHtmlBytes(
                String.format(doc, "").getBytes(StandardCharsets.UTF_8), null);
        byte[] utf8 = String.format(doc, "").getBytes(StandardCharsets.UTF_8);
        byte[] bom = new byte[utf8.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, bom, 3, utf8.length);
        ExtractedArticle withBom = extractor.fromHtmlBytes(bom, null);
        byte[] utf16 = ("\uFEFF" + String.format(doc, "")).getBytes(StandardCharsets.UTF_16BE);
        ExtractedArticle withUtf16 = extractor.fromHtmlBytes(utf16, null);
        ExtractedArticle lying = extractor.fromHtmlBytes(String.format(doc, "<meta charset=\"iso-8859-1\">")
                .getBytes(StandardCharsets.UTF_8), null);

        for (ExtractedArticle a : List.of(metaCharset, httpEquiv, undeclaredLatin, undeclaredUtf8, withBom,
                withUtf16, lying)) {
            assertThat(a.title()).isEqualTo("Café");
            assertThat(a.body()).contains("eau-de-vie Ré");
        }
    }

    @Test
    void oneInstanceIsSafeToShareAcrossThreads() throws Exception {
        byte[] page = Fixtures.bytes("pages/news-site.html");
        String expected = extractor.fromHtmlBytes(page, null).body();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> extractor.fromHtmlBytes(page, null).body()));
            }
            for (Future<String> f : results) {
                assertThat(f.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
