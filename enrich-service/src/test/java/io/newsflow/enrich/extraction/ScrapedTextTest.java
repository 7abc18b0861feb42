package io.newsflow.enrich.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scraped text as users post it: articles written for these tests after the structure of real
 * sites (navigation, labels, captions, player residue, publisher blurbs, legal notices, related
 * headlines and footers around the story), copied one block per line, as a browser copies
 * (blank-line-separated blocks) and hard-wrapped. {@code scraped/expected.tsv} gives each one's
 * headline, the words its body ends with and what must not be in the body.
 */
class ScrapedTextTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    record Case(String file, String headline, String ending, List<String> forbidden) {
        @Override
        public String toString() {
            return file;
        }
    }

    static List<Case> cases() {
        List<Case> out = new ArrayList<>();
        for (String line : Fixtures.text("scraped/expected.tsv").split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new Case(f[0], f[1], f[2], List.of(f[3].split("\\|"))));
        }
        return out;
    }

    @ParameterizedTest
    @MethodSource("cases")
    void headlineRightAndFurnitureOut(Case c) {
        ExtractedArticle a = extractor.fromText(Fixtures.text("scraped/" + c.file()), null);

        assertThat(a.title()).isEqualTo(c.headline());
        assertThat(a.body()).endsWith(c.ending());
        for (String f : c.forbidden()) {
            assertThat(a.body()).doesNotContain(f);
        }
    }

    @Test
    void captionAboveTheLeadIsNotTheHeadline() {
        String text = "World\nEurope\nMinisters agree plan to cut farm subsidies by 2030\nMay 3, 2024\n"
                + "Farm Minister Anna Berg (file photo)\n"
                + "Agriculture ministers from the bloc agreed on Friday to phase out direct farm subsidies by 2030, "
                + "replacing them with payments tied to soil and water protection.\n"
                + "The plan still needs the approval of the parliament, where farmers' groups have lobbied hard "
                + "against it, and several governments said they would seek exemptions for small farms.\n";

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.title()).isEqualTo("Ministers agree plan to cut farm subsidies by 2030");
        assertThat(a.publishedAt()).isEqualTo("2024-05-03");
    }

    @Test
    void labelsBylinesAndTeasersAboveAreSkippedForTheHeadlineThatMatchesTheLead() {
        String text = "Breaking News\nLive\nTrain drivers vote to strike over pay in March\n"
                + "Tom Davies Associated Press\nUpdated Feb 2, 6:55 AM\nShare\n"
                + "Airport expansion approved despite protests\n"
                + "Train drivers at the country's largest rail operator have voted to strike for three days in March "
                + "after talks over pay broke down, their union said on Thursday.\n"
                + "The union said 91% of members who voted backed the walkout, on a turnout of 78%, and that drivers "
                + "had not had a pay rise in four years.\n";

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.title()).isEqualTo("Train drivers vote to strike over pay in March");
    }

    @Test
    void captionsAndPlayerResidueLeaveTheBody() {
        String text = "Dam operators release water as reservoir nears capacity\n"
                + "By Lina Ortiz\n"
                + "Operators of the valley's largest dam began releasing water on Wednesday as the reservoir "
                + "neared capacity after a week of heavy rain in the mountains.\n"
                + "Water flows through the spillway on Wednesday. (Photo: Lina Ortiz/Valley News)\n"
                + "Video Player is loading.\nThis is a modal window.\n"
                + "Officials said the releases would raise the river by about a metre downstream but posed no "
                + "threat to homes, and asked people to stay away from the banks.\n"
                + "An aerial view of the reservoir on Tuesday.\nImage credit: State Water Agency\n"
                + "The reservoir is at 97% of capacity, its highest level since it was built in 1968, the agency "
                + "said in a statement on its website.\n";

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).startsWith("Operators of the valley's largest dam")
                .endsWith("in a statement on its website.")
                .doesNotContain("spillway", "modal window", "Video Player", "aerial view", "Image credit");
    }

    @Test
    void closingFurnitureIsCutButAPromptInsideTheArticleIsNot() {
        String body = "The museum reopened on Saturday after a two-year renovation that restored its glass roof "
                + "and added three galleries for its collection of maritime paintings.\n"
                + "CLICK HERE TO GET THE NEWS APP\n"
                + "Visitors queued for more than an hour before the doors opened, and the museum said it had sold "
                + "all tickets for the first weekend within a day of putting them on sale.\n"
                + "The renovation cost 48 million euros, most of it paid by the city and a private foundation set "
                + "up by a shipping family that has supported the museum since the 1950s.\n";
        String text = "Harbour museum reopens after renovation\n" + body
                + "Jane Doe is a culture reporter covering museums and the arts.\n"
                + "Get the best of culture delivered to your inbox every week.\n"
                + "The material on this site may not be reproduced without the prior written permission of the "
                + "publisher, except as permitted by law.\n";

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).endsWith("since the 1950s.").contains("Visitors queued")
                .doesNotContain("culture reporter", "inbox", "may not be reproduced");
    }

    @Test
    void aWordInProseIsNoCue() {
        assertThat(Furniture.isClosing("Netflix said it added 9 million subscribers in the quarter.")).isFalse();
        assertThat(Furniture.isClosing("Subscribe to our newsletter")).isTrue();
        assertThat(Furniture.isCaption("Police said the (Reuters) report was wrong and that the photos were fake, "
                + "adding that no arrests had been made.")).isFalse();
        assertThat(Furniture.isCaption("WikiLeaks founder Julian Assange (AFP)")).isTrue();
    }

    @Test
    void bioAndBlurbLinesAreRecognised() {
        assertThat(Furniture.isBioOrBlurb("Jane Doe is a senior reporter covering energy and climate.")).isTrue();
        assertThat(Furniture.isBioOrBlurb("Acme Health is a global provider of hospital software.")).isTrue();
        assertThat(Furniture.isBioOrBlurb("Emiliano joined the magazine in March 2017.")).isTrue();
        assertThat(Furniture.isBioOrBlurb("The minister is a former banker who joined the cabinet in 2019.")).isFalse();
    }

    @Test
    void hardWrappedLinesAreJoinedBlankLinesAreNot() {
        String text = "Headline of a wrapped story about rain and rivers\n\n"
                + "   The river crested on Sunday more than six feet above flood stage after days\n"
                + "   of heavy rain, forcing the evacuation of about 2,000 people in three nearby\n"
                + "   counties, emergency officials said on Monday.\n\n"
                + "   Gov. Jane Roe declared a disaster in the three counties, making residents\n"
                + "   eligible for state grants for repairs and temporary housing this spring.\n\n"
                + "   Volunteers handed out cleaning kits and bottled water at the community\n"
                + "   center, and the Red Cross said it would keep its shelter open all week.\n\n"
                + "   Forecasters said more rain was possible later in the week but that the river\n"
                + "   would keep falling unless storms stalled over the same hills again.\n";

        List<TextLine> lines = ScrapedLines.of(text);

        assertThat(lines).hasSize(5);
        assertThat(lines.get(1).text()).startsWith("The river crested").endsWith("emergency officials said on Monday.");
    }

    @Test
    void aWrappedQuotationIsJoinedInsideItsMarks() {
        String text = "Reviews of the new console are in\n\n"
                + "The reviewers agree that the hardware is fast but that the launch line-up is thin, and that the\n"
                + "price will keep many players waiting for the first discounts next year, as they did before.\n\n"
                + "> The console is the fastest we have tested, but there is little to play on it yet, and\n"
                + "> the promised features, from family sharing to the achievements, will only come in\n"
                + "> the spring, the company told us.\n\n"
                + "> Even at its best there is a catch: you never own the games you buy for it, and the\n"
                + "> library can change without notice, as it has on other services that came before.\n\n"
                + "Several reviewers also noted the fan noise under load, which the company said a software\n"
                + "update would reduce, and the short cable of the controller that comes in the box.\n";

        List<TextLine> lines = ScrapedLines.of(text);

        assertThat(lines).hasSize(5);
        assertThat(lines.get(2).text()).startsWith("> The console is the fastest")
                .endsWith("the spring, the company told us.").doesNotContain("> the");
    }

    @Test
    void sentencesSplitAtLinksAreJoined() {
        String text = "Officials met\nJane Doe\n, the envoy, on Monday and\ndiscussed the border crossings.\n"
                + "Home\nNews\n";

        List<TextLine> lines = ScrapedLines.of(text);

        assertThat(lines.get(0).text()).isEqualTo("Officials met Jane Doe, the envoy, on Monday and discussed the border crossings.");
        assertThat(lines).hasSize(3);
    }

    @Test
    void bylineUnderTitleIsNotJoined() {
        List<TextLine> lines = ScrapedLines.of("Storm stalls over the hills for a third day\nby Priya Raman\n");

        assertThat(lines).hasSize(2);
    }
}
