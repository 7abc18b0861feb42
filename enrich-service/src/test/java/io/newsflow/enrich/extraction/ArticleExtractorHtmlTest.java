package io.newsflow.enrich.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArticleExtractorHtmlTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void newsSiteKeepsStoryAndDropsFurniture() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/news-site.html"),
                "https://courier.example/news/2024/03/tidal-barrier?utm_source=x");

        assertThat(a.title()).isEqualTo("Harbour council approves tidal barrier plan");
        assertThat(a.authors()).containsExactly("Maria Lindqvist", "Tom Okafor");
        assertThat(a.publishedAt()).isEqualTo("2024-03-12T09:30Z");
        assertThat(a.modifiedAt()).isEqualTo("2024-03-12T15:05Z");
        assertThat(a.canonicalUrl()).isEqualTo("https://courier.example/news/2024/03/tidal-barrier");
        assertThat(a.siteName()).isEqualTo("The Coastal Courier");
        assertThat(a.section()).isEqualTo("Local news");
        assertThat(a.description()).startsWith("Councillors backed");
        assertThat(a.mainImage()).isEqualTo(new ExtractedArticle.Image(
                "https://courier.example/img/barrier.jpg", "The harbour wall at high tide."));
        assertThat(a.htmlLang()).isEqualTo("en-GB");
        assertThat(a.flags()).isEmpty();

        String body = a.body();
        assertThat(body).startsWith("Councillors in the harbour town voted on Tuesday");
        assertThat(body).endsWith("spoil views of the estuary.");
        assertThat(body).contains("\n\nWork to start next year\n\n", "Barrier length: 180 metres");
        assertThat(body).doesNotContain("Skip to content", "Home", "Breaking:", "Share on", "Photo: Jane Doe",
                "Advertisement", "Storm Ciara", "morning briefing", "Sign up", "environment correspondent",
                "Council tax", "dragging its feet", "All rights reserved", "cookies", "By Maria", "Flooding");
        assertThat(body.split("\n\n")).hasSize(8);
    }

    @Test
    void blogDropsSharingCommentsAndSidebar() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/blog.html"), "https://brotzeit.example/sauerteig");

        assertThat(a.title()).isEqualTo("Sauerteig für Anfänger");
        assertThat(a.authors()).containsExactly("Anna Becker");
        assertThat(a.publishedAt()).isEqualTo("2023-10-05T08:00+02:00");
        assertThat(a.htmlLang()).isEqualTo("de");
        assertThat(a.body()).startsWith("Ein eigener Sauerteig").contains("Füttern, warten, riechen")
                .endsWith("im Kühlschrank aufbewahrt werden.");
        assertThat(a.body()).doesNotContain("Teilen", "Facebook", "Vielen Dank", "Dinkel", "Neueste Beiträge",
                "Ich bin Anna", "Impressum", "Veröffentlicht");
    }

    @Test
    void datelineIsSplitOffTheFirstParagraph() {
        ExtractedArticle a = extractor.fromHtml(Fixtures.text("pages/dateline.html"), "https://wire.example/power");

        assertThat(a.dateline()).isEqualTo(new ExtractedArticle.Dateline("KYIV, Ukraine (AP) —", "KYIV, Ukraine"));
        assertThat(a.body()).startsWith("Engineers restored electricity");
        assertThat(a.fullText()).startsWith("KYIV, Ukraine (AP) — Engineers restored electricity");
        assertThat(a.title()).isEqualTo("Power restored to most of capital after overnight strikes");
        assertThat(a.publishedAt()).isEqualTo("2023-01-15");
        assertThat(a.body()).doesNotContain("Copyright", "Other story");
    }

    @Test
    void legacyTableLayoutWithBreaksAndLatin1() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/old-table-layout.html"), null);

        assertThat(a.title()).isEqualTo("Village notes: the spring fair");
        assertThat(a.body().split("\n\n")).hasSize(3);
        assertThat(a.body()).startsWith("The spring fair took place").doesNotContain("Photos", "webmaster");
    }

    @Test
    void indexPageHasNoArticle() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/index.html"), "https://ledger.example/");

        assertThat(a.body()).isEmpty();
        assertThat(a.hasArticle()).isFalse();
        assertThat(a.flags()).containsExactly(ExtractedArticle.FLAG_NO_ARTICLE);
    }

    @Test
    void sectionHeadedAsRelatedIsDroppedEvenWhenItHasMoreProse() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/related-excerpts.html"), null);

        assertThat(a.body()).startsWith("Cuidar de si mesmo").endsWith("com menos facilidade.");
        assertThat(a.body()).doesNotContain("gratidão", "esperança", "Amizade", "Whatsapp");
    }

    @Test
    void sectionFrontWithBlurbsIsAListingNotAnArticle() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/section-front.html"), null);

        assertThat(a.body()).isEmpty();
        assertThat(a.flags()).containsExactly(ExtractedArticle.FLAG_LISTING, ExtractedArticle.FLAG_NO_ARTICLE);
    }

    @Test
    void emptyPageHasNoArticle() {
        ExtractedArticle a = extractor.fromHtmlBytes(Fixtures.bytes("pages/empty.html"), null);

        assertThat(a.body()).isEmpty();
        assertThat(a.flags()).contains(ExtractedArticle.FLAG_NO_ARTICLE);
        assertThat(a.title()).isEqualTo("Nothing here");
    }

    @Test
    void jsonLdArticleBodyRescuesScriptRenderedPages() {
        String para = "The committee published its findings on Monday, saying the project had run over budget "
                + "because of repeated design changes and a shortage of specialist contractors. ";
        String html = "<html><head><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\","
                + "\"headline\":\"Report faults project management\",\"articleBody\":\"" + para + "\\n" + para
                + "\"}</script></head><body><div id=\"app\"></div><nav><a href=\"/\">Home</a></nav></body></html>";

        ExtractedArticle a = extractor.fromHtml(html, null);

        assertThat(a.body()).startsWith("The committee published").contains("\n\n");
        assertThat(a.flags()).contains(ExtractedArticle.FLAG_BODY_FROM_JSON_LD);
        assertThat(a.title()).isEqualTo("Report faults project management");
    }

    @Test
    void bareBodyTextWithoutContainersFallsBackToLineReading() {
        String html = "<html><body><a href=\"/\">Home</a><br><br>"
                + "The ferry service resumed on Monday after a week of storms kept boats in the harbour, "
                + "the operator said, apologising to passengers for the long disruption.<br><br>"
                + "Extra sailings will run until Friday to clear the backlog of freight and holiday traffic, "
                + "and tickets for cancelled crossings remain valid.<br><br>Contact us</body></html>";

        ExtractedArticle a = extractor.fromHtml(html, null);

        assertThat(a.body()).startsWith("The ferry service resumed").endsWith("remain valid.");
        assertThat(a.flags()).containsExactly(ExtractedArticle.FLAG_TEXT_FALLBACK);
    }

    @Test
    void titleLosesSiteSuffixWhenOnlyDocumentTitleExists() {
        String html = "<html><head><title>Tram line extension opens to passengers | Metro Daily</title></head>"
                + "<body><p>" + "Passengers rode the new tram extension for the first time on Saturday morning, "
                + "with crowds gathering at each of the five new stops along the route. ".repeat(3) + "</p></body></html>";

        assertThat(extractor.fromHtml(html, null).title()).isEqualTo("Tram line extension opens to passengers");
    }
}
