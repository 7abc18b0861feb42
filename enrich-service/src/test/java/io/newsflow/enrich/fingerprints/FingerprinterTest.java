package io.newsflow.enrich.fingerprints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprinterTest {

    private final Fingerprinter fingerprinter = new Fingerprinter();

    /** A long wire story: twenty paragraphs that each say something different. */
    private static List<String> paragraphs() {
        String[] places = {"Lyon", "Porto", "Gdansk", "Turin", "Leipzig", "Bilbao", "Ghent", "Aarhus", "Cork", "Brno"};
        String[] things = {"bus lanes", "tram tickets", "bridge repairs", "night trains", "bike paths",
            "parking fees", "ferry routes", "road tolls", "metro lines", "school buses"};
        List<String> out = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String place = places[i % places.length];
            String thing = things[(i * 3) % things.length];
            out.add("In " + place + ", council member number " + (i + 1) + " told reporters that spending on "
                    + thing + " would rise by " + (4 + i) + " percent next year, after a review found that "
                    + (120 + 7 * i) + " complaints had been filed about " + thing + " since the spring. "
                    + "Residents of the " + (i % 2 == 0 ? "northern" : "southern") + " districts said the plan"
                    + " came too late, while shop owners welcomed the promise of work starting in week " + (i + 2) + ".");
        }
        return out;
    }

    private static String join(List<String> paragraphs) {
        return String.join("\n\n", paragraphs);
    }

    @Test
    void identicalBodiesGiveIdenticalFingerprints() {
        String body = join(paragraphs());
        assertThat(fingerprinter.fingerprint(body)).isEqualTo(fingerprinter.fingerprint(new String(body)));
        assertThat(fingerprinter.fingerprint(body).contentHash()).hasSize(64).matches("[0-9a-f]+");
        assertThat(fingerprinter.fingerprint(body).simhash()).hasSize(16).matches("[0-9a-f]+");
    }

    @Test
    void reformattedCopyHasTheSameContentHash() {
        String original = "\"We will not back down,\" the mayor said on Tuesday. The strike - now in its third week - "
                + "has closed 40 schools.\n\nTalks resume on Friday.";
        String reformatted = "“WE WILL NOT BACK DOWN”, the Mayor said on Tuesday.\u00A0 The strike — now in its\n"
                + "third week — has closed 40 schools. Talks resume on Friday …";
        Fingerprints a = fingerprinter.fingerprint(original);
        Fingerprints b = fingerprinter.fingerprint(reformatted);
        assertThat(b.contentHash()).isEqualTo(a.contentHash());
        assertThat(b.simhash()).isEqualTo(a.simhash());
    }

    @Test
    void fullWidthAndLigatureFormsFoldToTheirPlainForms() {
        assertThat(fingerprinter.fingerprint("Ｔｏｋｙｏ ﬁnance office").contentHash())
                .isEqualTo(fingerprinter.fingerprint("Tokyo finance office").contentHash());
    }

    @Test
    void aChangedWordChangesTheContentHash() {
        String body = "The central bank raised rates by a quarter point on Wednesday.";
        assertThat(fingerprinter.fingerprint(body.replace("raised", "cut")).contentHash())
                .isNotEqualTo(fingerprinter.fingerprint(body).contentHash());
    }

    @Test
    void oneRewrittenParagraphInALongStoryIsANearDuplicate() {
        List<String> paragraphs = paragraphs();
        String original = join(paragraphs);
        List<String> edited = new ArrayList<>(paragraphs);
        edited.set(7, "Update: the council postponed the vote after a legal challenge by a residents' group, "
                + "and officials declined to say when it would be rescheduled.");
        Fingerprints a = fingerprinter.fingerprint(original);
        Fingerprints b = fingerprinter.fingerprint(join(edited));
        assertThat(b.contentHash()).isNotEqualTo(a.contentHash());
        assertThat(Fingerprinter.hammingDistance(a.simhash(), b.simhash())).isLessThan(10);
    }

    @Test
    void unrelatedStoriesAreFarApart() {
        String storm = "A powerful storm swept across the coast overnight, tearing roofs off houses and leaving "
                + "tens of thousands of homes without power. Emergency crews worked through the night to clear "
                + "fallen trees from the main roads, and schools in three counties stayed closed on Thursday. "
                + "Forecasters warned that a second band of heavy rain could bring flooding to low-lying towns "
                + "along the river by the weekend, and urged residents to move cars and valuables to higher ground.";
        String football = "The home side came from two goals down to win the derby in stoppage time, sending the "
                + "crowd into raptures and lifting the club into the top four for the first time this season. "
                + "The manager praised his substitutes, who changed the game after the break, while the visiting "
                + "captain blamed tired legs and a refereeing decision that he called baffling. The sides meet "
                + "again in the cup quarter-final next month, with tickets already sold out.";
        int distance = Fingerprinter.hammingDistance(fingerprinter.fingerprint(storm).simhash(),
                fingerprinter.fingerprint(football).simhash());
        assertThat(distance).isGreaterThan(20);
    }

    @Test
    void shortAndEmptyBodiesStillGetFingerprints() {
        assertThat(fingerprinter.fingerprint("").simhash()).isEqualTo("0000000000000000");
        assertThat(fingerprinter.fingerprint(null)).isEqualTo(fingerprinter.fingerprint("  "));
        assertThat(fingerprinter.fingerprint("Breaking news").simhash())
                .isNotEqualTo(fingerprinter.fingerprint("Breaking views").simhash());
    }

    @Test
    void hammingDistanceCountsDifferingBitsAndRejectsMalformedValues() {
        assertThat(Fingerprinter.hammingDistance("0000000000000000", "ffffffffffffffff")).isEqualTo(64);
        assertThat(Fingerprinter.hammingDistance("00000000000000f0", "0000000000000010")).isEqualTo(3);
        assertThatThrownBy(() -> Fingerprinter.hammingDistance("abc", "0000000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprinter.hammingDistance("zzzzzzzzzzzzzzzz", "0000000000000000"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
