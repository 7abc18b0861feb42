package io.newsflow.enrich.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PlainTextExtractorTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    @Test
    void scrapedPageYieldsHeadlineBylineAndParagraphs() {
        ExtractedArticle a = extractor.fromText(Fixtures.text("scraped-page.txt"), "https://valley.example/floods");

        assertThat(a.title()).isEqualTo("Rivers rise across the valley as storm stalls over the hills");
        assertThat(a.authors()).containsExactly("Priya Raman");
        assertThat(a.publishedAt()).isEqualTo("2024-03-14");
        assertThat(a.body()).startsWith("Residents of three riverside villages")
                .endsWith("to the barn on the ridge overnight.");
        assertThat(a.body().split("\n\n")).hasSize(5);
        assertThat(a.body()).doesNotContain("Skip to main content", "Advertisement", "Photo:", "Related stories",
                "How to prepare", "Wildfire", "Privacy", "©", "Share");
    }

    @Test
    void datelineInScrapedText() {
        String text = "Menu\nSearch\nShip refloated after week aground in canal\n"
                + "SUEZ, Egypt (Reuters) - Salvage teams refloated the container ship on Monday, ending a blockage "
                + "that had held up hundreds of vessels and disrupted global supply chains for a week.\n"
                + "Tugboats pulled the vessel free on the high tide, and traffic through the canal resumed within "
                + "hours, the canal authority said in a statement.\nAbout us\nContact\n";

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.dateline()).isEqualTo(new ExtractedArticle.Dateline("SUEZ, Egypt (Reuters) -", "SUEZ, Egypt"));
        assertThat(a.body()).startsWith("Salvage teams refloated").doesNotContain("About us");
        assertThat(a.title()).isEqualTo("Ship refloated after week aground in canal");
    }

    @Test
    void menuOnlyTextHasNoArticle() {
        String text = "Home\nNews\nSport\nWeather\nContact us\nPrivacy policy\nSign in\n";

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).isEmpty();
        assertThat(a.flags()).contains(ExtractedArticle.FLAG_NO_ARTICLE);
    }

    @Test
    void plainTextHandedToFromHtmlIsFlagged() {
        ExtractedArticle a = extractor.fromHtml(Fixtures.text("scraped-page.txt"), null);

        assertThat(a.flags()).contains(ExtractedArticle.FLAG_NOT_HTML);
        assertThat(a.body()).startsWith("Residents of three riverside villages");
    }
}
