package io.newsflow.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one order a page's charset is chosen in, leniently for files and strictly for the API. */
class PageCharsetsTest {

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final String PAGE = "<html><head>%s</head><body><p>Caf\u00e9 cr\u00e8me, 20 \u20ac</p></body></html>";

    private static byte[] page(String head, Charset charset) {
        return String.format(PAGE, head).getBytes(charset);
    }

    @Test
    void aByteOrderMarkWinsOverEverything() {
        byte[] utf8 = page("<meta charset=\"windows-1252\">", StandardCharsets.UTF_8);
        byte[] withBom = new byte[utf8.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(utf8, 0, withBom, 3, utf8.length);
        assertThat(PageCharsets.decodeStrictly(withBom, WINDOWS_1252)).contains("Caf\u00e9 cr\u00e8me, 20 \u20ac");
        byte[] utf16 = ("\uFEFF" + String.format(PAGE, "")).getBytes(StandardCharsets.UTF_16BE);
        assertThat(PageCharsets.decode(utf16)).contains("20 \u20ac");
    }

    @Test
    void theTransportsCharsetComesBeforeThePagesOwn() {
        byte[] latin = page("<meta charset=\"utf-8\">", WINDOWS_1252);
        assertThat(PageCharsets.decodeStrictly(latin, WINDOWS_1252)).contains("Caf\u00e9 cr\u00e8me, 20 \u20ac");
    }

    @Test
    void thePagesDeclarationIsReadWithIso88591AsBrowsersReadIt() {
        byte[] latin = page("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\">",
                WINDOWS_1252);
        assertThat(PageCharsets.decode(latin)).contains("20 \u20ac"); // 0x80 is the euro sign in windows-1252
        assertThat(PageCharsets.metaCharset(latin)).isEqualTo(WINDOWS_1252);
    }

    @Test
    void aLatinDeclarationOverValidUtf8IsUtf8() {
        byte[] utf8 = page("<meta charset=\"iso-8859-1\">", StandardCharsets.UTF_8);
        assertThat(PageCharsets.decodeStrictly(utf8, null)).contains("Caf\u00e9 cr\u00e8me, 20 \u20ac");
    }

    @Test
    void undeclaredPagesAreUtf8IfTheyCanBeElseWindows1252() {
        assertThat(PageCharsets.decode(page("", StandardCharsets.UTF_8))).contains("Caf\u00e9 cr\u00e8me, 20 \u20ac");
        assertThat(PageCharsets.decodeStrictly(page("", WINDOWS_1252), null)).contains("Caf\u00e9 cr\u00e8me, 20 \u20ac");
    }

    @Test
    void strictlyADeclaredCharsetThatCannotDecodeTheBytesIsRefusedLenientlyReplaced() {
        byte[] bad = page("<meta charset=\"utf-8\">", WINDOWS_1252);
        assertThatThrownBy(() -> PageCharsets.decodeStrictly(bad, null))
                .isInstanceOf(PageCharsets.UndecodableException.class).hasMessageContaining("UTF-8");
        assertThatThrownBy(() -> PageCharsets.decodeStrictly(bad, StandardCharsets.UTF_8))
                .isInstanceOf(PageCharsets.UndecodableException.class).hasMessageContaining("declared charset UTF-8");
        assertThat(PageCharsets.decode(bad)).contains("Caf\uFFFD");
    }

    @Test
    void aFileCutInTheMiddleOfACharacterIsStillUtf8() {
        byte[] utf8 = page("", StandardCharsets.UTF_8);
        byte[] cut = java.util.Arrays.copyOf(utf8, String.format(PAGE, "").indexOf('\u20ac') + 2 + 2);
        assertThat(PageCharsets.decode(cut)).startsWith("<html>").contains("Caf\u00e9").doesNotContain("\u00e2");
    }
}
