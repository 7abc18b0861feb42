package io.newsflow.enrich.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Tables and lists in scraped text ({@link Figures}), and the page furniture they must not be
 * confused with: synthetic pages copied one block per line, as scrapers flatten them (a table
 * one cell per line, a list one item per line).
 */
class FiguresTest {

    private final ArticleExtractor extractor = new ArticleExtractor();

    private static final String MENU = "Home\nNews\nSport\nWeather\nTop 10 places to eat\n";
    private static final String FOOTER = "Contact us\nPrivacy policy\n";

    @Test
    void aResultsTableBetweenParagraphsIsKeptAndDoesNotSplitTheArticle() {
        String text = MENU + "City rowers win the regional title on home water\nBy Ana Lima\n"
                + "The city's rowing club won the regional championship on Saturday, taking four of the six finals "
                + "on the river in front of a crowd of several thousand.\n"
                + "Final standings\nPos\nClub\nPoints\n1\nCity RC\n42\n2\nHarbour BC\n35\n3\nValley RC\n28\n"
                + "Coach Marta Silva said the crew had trained through the winter on the indoor tanks and that the "
                + "win was the reward for months of early mornings.\n"
                + "The club will defend its title next year, when the championship moves to the lake, and hopes to "
                + "send two crews to the national finals in June.\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).startsWith("The city's rowing club").contains("Harbour BC\n\n35")
                .endsWith("national finals in June.").doesNotContain("Weather", "Top 10", "Privacy");
    }

    @Test
    void aBulletListBetweenParagraphsIsKept() {
        String text = MENU + "New cabinet sworn in after weeks of talks\n"
                + "The new government was sworn in on Monday, ending seven weeks of coalition talks that had left "
                + "the country without a budget for the coming year.\n"
                + "Who is in\n• Anna Berg, Finance\n• Tom Weller, Transport\n• Lea Stone, Health\n"
                + "• Omar Vidal, Interior\n• Ines Roth, Justice\n• Karl Ode, Defence\n"
                + "The prime minister said the cabinet would present its first budget within a month, with cuts to "
                + "energy subsidies and more money for schools and hospitals.\n"
                + "Opposition leaders called the programme vague and said they would table a motion of no "
                + "confidence if the budget raised taxes on fuel.\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).startsWith("The new government was sworn in").contains("• Omar Vidal, Interior")
                .endsWith("raised taxes on fuel.");
    }

    @Test
    void aListTheLastParagraphAnnouncesIsKeptUntilThePageFurniture() {
        String text = MENU + "City council adopts new traffic rules\n"
                + "The city council adopted a package of traffic rules on Tuesday after a year of consultations "
                + "with residents, shop owners and the police, and the rules take effect in May.\n"
                + "The mayor said the package was meant to make the old town safer for children and cyclists, "
                + "and that the council would review it after a year.\n"
                + "Here is what the new rules change for drivers:\n"
                + "Speed limits near schools drop to 30 km/h\nParking fines double in the old town\n"
                + "Electric cars park free for two more years\n"
                + "Share on Facebook\nTags\nTraffic\nCouncil\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).endsWith("Electric cars park free for two more years")
                .contains("Parking fines double").doesNotContain("Share on", "Tags", "Council\n");
    }

    @Test
    void aOneWordLabelWithAColonAnnouncesNoList() {
        String text = MENU + "City council adopts new traffic rules\n"
                + "The city council adopted a package of traffic rules on Tuesday after a year of consultations "
                + "with residents, shop owners and the police, and the rules take effect in May.\n"
                + "The mayor said the package was meant to make the old town safer for children and cyclists, "
                + "and that the council would review it after a year.\n"
                + "Topics:\nLocal politics and elections\nRoads and traffic news\nCity council meetings\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).endsWith("review it after a year.");
    }

    @Test
    void aListOfSourcesUnderALabelEndsTheArticle() {
        String text = MENU + "Is the drug figure right?\n"
                + "A congressman said this month that 53 million dollars of drugs cross the border every week, "
                + "citing the border agents he met on a visit to Texas in October.\n"
                + "The only solid federal data concern drugs seized at the border, so we took his words to mean the "
                + "value of what is seized there, not of everything that crosses it unseen.\n"
                + "We priced the seizures of cocaine, heroin, methamphetamine and marijuana with the retail prices "
                + "the drug enforcement agency published last year, and divided the total by 52 weeks.\n"
                + "The most recent federal data on seizures put the value at about 44 million dollars a week, which "
                + "is lower but in the same range, so we rate the statement mostly true.\n"
                + "Sources:\n"
                + "Customs and Border Protection, \"Nationwide Drug Seizures, fiscal year 2019,\" accessed Nov. 13, 2019\n"
                + "Email interview with a professor of public policy at a university in Pittsburgh, Nov. 14, 2019\n"
                + "Email interview with a spokeswoman for the Department of Justice in Washington, Oct. 30, 2019\n"
                + "How to contact us\n"
                + "We want to hear your suggestions and comments about our fact-checks, so write to us at any time.\n"
                + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).endsWith("mostly true.").doesNotContain("Sources", "Email interview", "suggestions");
    }

    @Test
    void aLabelledListInsideTheArticleStays() {
        String text = MENU + "A quick tomato soup for cold evenings\n"
                + "This soup takes twenty minutes from start to finish and uses what most kitchens already have, "
                + "which makes it a good dish for a weekday evening in winter.\n"
                + "Ingredients:\nsix ripe tomatoes, halved\none onion, chopped\ntwo cloves of garlic\n"
                + "half a litre of vegetable stock\n"
                + "Fry the onion and garlic in a little oil until soft, then add the tomatoes and cook them for five "
                + "minutes, stirring so that they do not stick to the pan.\n"
                + "Pour in the stock, simmer for ten minutes and blend until smooth, then season with salt, pepper "
                + "and a pinch of sugar if the tomatoes are sour.\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).contains("one onion, chopped").endsWith("if the tomatoes are sour.");
    }

    @Test
    void aResultsPageOpensAndClosesWithScoreLines() {
        String text = MENU + "High school roundup: Central stays unbeaten\nMarch 3, 2024\nBOYS BASKETBALL\n"
                + "Central d. Westside 61-48\nWestside 12 10 14 12 — 48\nCentral 15 18 12 16 — 61\n"
                + "Central (5-0): Ortiz 22 points. Lee 14 points. Brown 9 points. Adams 8 points. Kerr 4 points. "
                + "Diaz 4 points.\n"
                + "Westside (2-3): Hall 17 points. Moss 11 points. Grant 8 points. Pike 6 points. Webb 4 points. "
                + "Ruiz 2 points.\n"
                + "Northside d. Eastview 55-50\nEastview 14 12 10 14 — 50\nNorthside 12 15 16 12 — 55\n"
                + "Northside (3-2): Cole 19 points. Fox 12 points. Reed 10 points. Lane 8 points. Shaw 4 points. "
                + "Boyd 2 points.\n"
                + "Eastview (1-4): Vega 21 points. Nash 9 points. Ford 8 points. Cruz 6 points. Bell 4 points. "
                + "Ames 2 points.\n"
                + "GIRLS SOCCER\nValley d. Lakeside 2-1\nValley (4-1): Rios 1 goal. Chen 1 goal. Park 5 saves\n"
                + "Lakeside (2-3): Moreno 1 goal. Sato 7 saves\n"
                + "Published March 3, 2024\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).startsWith("Central d. Westside 61-48").contains("Northside 12 15 16 12 — 55")
                .endsWith("Sato 7 saves").doesNotContain("Published", "BOYS");
    }

    @Test
    void aGalleryBetweenTheLeadAndTheRestDoesNotSplitTheArticle() {
        String caption = "Players celebrate the winning goal in the second half of the final on Sunday";
        String text = MENU + "Harbour FC lift the cup after a late winner\nBy Sam Ortiz\n"
                + "Harbour FC won the county cup on Sunday with a goal two minutes from time, beating their "
                + "neighbours in a final that had looked set for extra time.\n"
                + "Striker Ben Lowe turned in a low cross from the left after a long throw, his ninth goal of the "
                + "season, and the club's first trophy in eleven years.\n"
                + "More than four thousand people watched the final at the county ground, the largest crowd for the "
                + "competition since the stadium was rebuilt, and the police reported no arrests.\n"
                + "The two teams meet again in the league next month, when the visitors will be without their "
                + "captain, who was sent off in the last minute for a second booking.\n"
                + "Harbour's goalkeeper, who saved a penalty in the semi-final, was named player of the match by "
                + "the county association after three saves in the first half alone.\n"
                + caption + "\n" + caption + "\nPhoto: Jane Roe, AP\nPhoto: Jane Roe, AP\nImage 1 of 3\nCaption\n"
                + "Close\n1 / 3\nBack to gallery\n"
                + "The visitors had led at half-time through a penalty, but Harbour pressed for most of the second "
                + "half and were level on the hour.\n"
                + "The manager said the win belonged to the supporters, who had filled the stand behind the goal "
                + "for every round of the competition.\n"
                + "Lowe, promoted from the reserves two years ago, said he had not slept the night before and "
                + "that his family had travelled from the coast to watch him play.\n"
                + "The club's chairman promised to keep the squad together for next season and said talks on new "
                + "contracts for four senior players would start in the summer.\n"
                + "The club now plays in the regional cup in the spring, where it meets the winners of the "
                + "northern section in the first round.\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).startsWith("Harbour FC won the county cup").endsWith("in the first round.")
                .doesNotContain("Image 1 of", "Photo:", "Back to gallery", "Players celebrate");
    }

    @Test
    void aBoxOfLinksSetIntoTheArticleIsDroppedAndTheArticleGoesOn() {
        String text = MENU + "Plague case confirmed in a second province\n"
                + "Health officials confirmed a second case of bubonic plague on Tuesday, in a herder who had "
                + "eaten a marmot caught near his village, and quarantined his family.\n"
                + "The regional health office said the risk of an outbreak was low and that the patient was "
                + "responding to antibiotics in the provincial hospital.\n"
                + "Most read in world news\n"
                + "Ferry sinks off the coast with dozens of passengers on board\n"
                + "Record heat closes schools across the south for a week\n"
                + "Officials said 28 people who had been in contact with the herder were under observation and "
                + "would be released if they showed no symptoms within nine days.\n"
                + "Plague is caused by a bacterium carried by fleas on small mammals and can be treated with "
                + "common antibiotics if it is caught early.\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).contains("28 people").endsWith("if it is caught early.")
                .doesNotContain("Most read", "Ferry sinks", "Record heat");
    }

    @Test
    void aClusteredFooterEndsTheArticleEvenWithACommentFormAfterIt() {
        String article = "The country's solar installations grew by a third last year, the energy ministry said on "
                + "Wednesday, as falling module prices made rooftop systems cheaper for households.\n"
                + "The ministry expects a similar rise this year and plans an auction for large plants in the "
                + "autumn, with a ceiling price below that of the last round.\n"
                + "Installers said the main bottleneck was now the grid, as distribution companies take months "
                + "to approve new connections in rural areas.\n";
        String text = MENU + "Solar installations grow by a third\n" + article
                + "Share\nMara Velez\nMara Velez joined the magazine in 2017 and covers energy markets.\n"
                + "Related content\nLeave a reply\nPlease be mindful of our community standards.\n"
                + "Save my name, email, and website in this browser for the next time I comment on an article.\n"
                + "By submitting this form you agree to the use of your data for the purposes of publishing your "
                + "comment, and you may withdraw this consent at any time by writing to us.\n"
                + "Your personal data will only be passed on to third parties for the purposes of spam filtering or "
                + "if this is necessary for the technical maintenance of the website, and never for advertising.\n"
                + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).endsWith("connections in rural areas.").doesNotContain("joined", "consent", "personal data");
    }

    @Test
    void aSidebarOfTitlesAndBlurbsMixedWithStrayLinesIsCut() {
        String text = MENU + "Verstappen takes pole in the rain\n"
                + "Max Verstappen took pole position for Sunday's race in a wet qualifying session that was "
                + "stopped twice after cars went off at the first corner.\n"
                + "His team mate qualified fifth after a spin on his last lap, while the championship leader "
                + "could only manage eighth on a drying track.\n"
                + "Stewards were investigating two drivers for impeding others in the pit lane, with a decision "
                + "due before the race on Sunday morning.\n"
                + "» Column by our correspondent\n"
                + "Read the weekly column on Formula 1, MotoGP and other series by our correspondent, who has "
                + "covered the sport for thirty years.\n"
                + "Click the picture above\n"
                + "» Driver power ranking\n"
                + "See how the drivers rank in this season so far, race by race, after the last grand prix of the "
                + "summer and before the final stretch.\n"
                + "» Race weekend preview\n"
                + "See the times of the sessions on TV, the layout of the track, the tyres the teams will use and "
                + "the forecast for the whole weekend.\n"
                + "You never miss a thing here!\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).endsWith("on Sunday morning.").doesNotContain("column", "rank", "forecast");
    }

    @Test
    void aHowTosLastStepsAreNotTeasers() {
        String text = MENU + "How to change the start shortcut of the reader app\n"
                + "The desktop reader app sets a keyboard shortcut of its own when it is installed, and it takes "
                + "the same keys as the password manager many readers use.\n"
                + "Open the start menu and find the reader app\n"
                + "Right-click it and open the folder where the shortcut is stored, then choose its properties.\n"
                + "Set the shortcut field to none and apply\n"
                + "Restart the computer\n"
                + "Leaving the shortcut field empty is not enough, because the old keys stay registered until "
                + "the computer has been restarted once.\n"
                + "That is all it takes.\n" + FOOTER;

        ExtractedArticle a = extractor.fromText(text, null);

        assertThat(a.body()).contains("Right-click it and open the folder")
                .contains("Leaving the shortcut field empty is not enough");
    }

    @Test
    void aTeaserListWithCommentCountsIsNoTable() {
        List<TextLine> lines = ScrapedLines.of(
                "The museum reopened on Saturday after a two-year renovation that restored its glass roof and "
                        + "added three galleries for its collection of maritime paintings.\n"
                        + "You may also find interesting\nCulture 0\nWhere the oldest ship in the harbour was built\n"
                        + "Culture 0\nThe painter who sailed with the whalers\nCulture 0\n"
                        + "Visitors queued for more than an hour before the doors opened, and the museum said it had "
                        + "sold all tickets for the first weekend within a day.\n");

        boolean[] figures = Figures.betweenProse(lines);

        assertThat(figures).containsOnly(false);
    }

    @Test
    void aBylineAndDateBetweenACaptionAndTheLeadAreNoTable() {
        List<TextLine> lines = ScrapedLines.of(
                "Spain's captain celebrates a point against Russia's number one during their match in Madrid, "
                        + "Spain, on Tuesday, with the crowd behind him on its feet\n"
                        + "Associated Press November 19, 2019, 9:02 AM\nAssociated Press November 19, 2019, 9:02 AM\n"
                        + "MADRID — Spain kept its hopes alive on Tuesday, winning the doubles to complete a comeback "
                        + "in a tie that lasted almost eight hours.\n");

        assertThat(Figures.betweenProse(lines)).containsOnly(false);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "• Fares rise by 4% from April|true",
        "* Calendar subject to change|true",
        "- Night buses every 20 minutes|true",
        "1) Lego set with 800 pieces|true",
        "12. The last item of the list|true",
        "(3) hygiene and waste|true",
        "a) the first option|true",
        "-5 degrees overnight|false",
        "2019 was a record year|false",
        "3.5 million people voted|false",
        "Plain sentence with no marker|false",
    })
    void listMarkersAreRecognised(String line, boolean marked) {
        assertThat(TextLine.of(line, 0, 1).listMarked()).isEqualTo(marked);
    }

    @Test
    void numeralsAreWordsThatOpenWithADigit() {
        assertThat(TextLine.of("Rockledge (0-1): Blakely 15 points, 85% from the line.", 0, 1).numerals()).isEqualTo(3);
        assertThat(TextLine.of("Palm Bay 18 22 13 17 — 70", 0, 1).numerals()).isEqualTo(5);
        assertThat(TextLine.of("No numbers in this one", 0, 1).numerals()).isZero();
    }
}
