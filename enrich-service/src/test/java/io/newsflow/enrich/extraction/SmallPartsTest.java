package io.newsflow.enrich.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmallPartsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "2019-11-18T14:05:00Z|2019-11-18T14:05Z",
        "2019-11-18T14:05:00+0100|2019-11-18T14:05+01:00",
        "2019-11-18 14:05:00|2019-11-18T14:05",
        "2019-11-18|2019-11-18",
        "Mon, 18 Nov 2019 14:05:00 GMT|2019-11-18T14:05Z",
        "November 18, 2019|2019-11-18",
        "Nov. 18, 2019 at 9:45 am|2019-11-18",
        "18 November 2019|2019-11-18",
        "20191118|2019-11-18",
        "yesterday|",
        "2019-13-45|"
    })
    void datesBecomeIso(String raw, String expected) {
        assertThat(Dates.normalize(raw)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "PARIS -- The talks resumed on Monday after a pause.|PARIS --|PARIS",
        "LONDON (Reuters) - Shares fell sharply in early trade.|LONDON (Reuters) -|LONDON",
        "WASHINGTON — Lawmakers returned to the capital on Tuesday.|WASHINGTON —|WASHINGTON",
        "ST. JOSEPH, Mich. (AP) — Health authorities reported a case.|ST. JOSEPH, Mich. (AP) —|ST. JOSEPH, Mich.",
        "(CNN) President Donald Trump made an unannounced visit.|(CNN)|",
        "Indianapolis – Several thousand teachers gathered outside.|Indianapolis –|Indianapolis"
    })
    void datelinesAreRecognised(String paragraph, String text, String place) {
        Datelines.Split s = Datelines.split(paragraph);
        assertThat(s).isNotNull();
        assertThat(s.dateline().text()).isEqualTo(text);
        assertThat(s.dateline().place()).isEqualTo(place);
    }

    @Test
    void ordinarySentencesAreNotDatelines() {
        assertThat(Datelines.split("The minister said on Monday that talks would resume soon.")).isNull();
        assertThat(Datelines.split("I - for one - do not agree with the decision taken today.")).isNull();
    }

    @Test
    void siteNamesAreStrippedFromTitles() {
        assertThat(Titles.stripSite("Storm hits coast - The Daily Planet", "The Daily Planet", null, false))
                .isEqualTo("Storm hits coast");
        assertThat(Titles.stripSite("Daily Planet | Storm hits coast", "Daily Planet", null, false))
                .isEqualTo("Storm hits coast");
        assertThat(Titles.stripSite("Left - right politics explained", "Daily Planet", null, false))
                .isEqualTo("Left - right politics explained");
    }

    @Test
    void bylinesAreSplitIntoNames() {
        assertThat(Bylines.split("By Jane Doe and John van der Berg")).containsExactly("Jane Doe", "John van der Berg");
        assertThat(Bylines.split("Kevin Johnson, Washington correspondent")).containsExactly("Kevin Johnson");
        assertThat(Bylines.split("https://example.com/staff/jane")).isEmpty();
    }

    @Test
    void lenientJsonParsesRealWorldJsonLd() {
        Object o = LenientJson.parse("<!-- {\"@type\": \"NewsArticle\", \"headline\": \"Line\nbreak\", "
                + "\"author\": [{\"name\": \"A\"}, \"B\",], } -->");
        assertThat(o).isInstanceOf(java.util.Map.class);
        assertThat(JsonLd.names(((java.util.Map<?, ?>) o).get("author"))).containsExactly("A", "B");
        assertThat(LenientJson.parse("[[[[[[[[[[")).as("truncated").isNull();
        assertThat(LenientJson.parse("[".repeat(100_000))).as("too deep").isNull();
        assertThat(LenientJson.parse("{'headline': 'Single quotes'}")).isEqualTo(java.util.Map.of("headline", "Single quotes"));
    }
}
