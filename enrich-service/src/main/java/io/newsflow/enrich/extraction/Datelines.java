package io.newsflow.enrich.extraction;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises wire-style datelines at the start of an article ("PARIS --", "LONDON (Reuters) -",
 * "KYIV, Ukraine (AP) —", "(CNN)"). The patterns are anchored and bounded (no nested quantifiers
 * over unbounded input), so they cannot backtrack catastrophically on hostile text.
 */
final class Datelines {

    /** A detected dateline and what is left of the paragraph after it. */
    record Split(ExtractedArticle.Dateline dateline, String rest) {
    }

    private static final String UPPER_WORD = "[\\p{Lu}][\\p{Lu}.'’\\-]{1,24}";
    private static final String UPPER_PLACE = UPPER_WORD + "(?: " + UPPER_WORD + "){0,3}";
    private static final String REGION = "[\\p{Lu}][\\p{L}.'’\\-]{0,24}(?: [\\p{Lu}][\\p{L}.'’\\-]{0,24}){0,3}";
    private static final String TITLE_PLACE = "[\\p{Lu}][\\p{Ll}'’\\-]{2,24}(?: [\\p{Lu}][\\p{Ll}'’\\-]{1,24}){0,2}";
    private static final String AGENCY = "\\([\\p{Lu}][\\p{L}&.' ]{0,30}\\)";
    private static final String DASH = "(?:--|—|–|-)";

    private static final Pattern UPPER = Pattern.compile(
            "^(" + UPPER_PLACE + "(?:, " + REGION + ")?)(?: *(" + AGENCY + "))? *" + DASH + " +(?=\\S)");
    private static final Pattern AGENCY_ONLY = Pattern.compile("^(" + AGENCY + ") *(?:" + DASH + " +)?(?=[\\p{Lu}\"“‘'])");
    private static final Pattern TITLE = Pattern.compile(
            "^(" + TITLE_PLACE + "(?:, " + REGION + ")?)(?: *(" + AGENCY + "))? +(?:--|—|–) +(?=\\S)");

    private Datelines() {
    }

    static Split split(String firstParagraph) {
        if (firstParagraph == null || firstParagraph.length() < 10) {
            return null;
        }
        String head = firstParagraph.length() > 160 ? firstParagraph.substring(0, 160) : firstParagraph;
        Matcher m = UPPER.matcher(head);
        if (m.find() && isUpperPlace(m.group(1))) {
            return result(firstParagraph, m, m.group(1));
        }
        m = AGENCY_ONLY.matcher(head);
        if (m.find()) {
            return result(firstParagraph, m, null);
        }
        m = TITLE.matcher(head);
        if (m.find()) {
            return result(firstParagraph, m, m.group(1));
        }
        return null;
    }

    /** Rejects sentence openers in capitals that happen to precede a dash ("I -", "A -"). */
    private static boolean isUpperPlace(String place) {
        int letters = 0;
        for (int i = 0; i < place.length(); i++) {
            if (Character.isLetter(place.charAt(i))) {
                letters++;
            }
        }
        return letters >= 3;
    }

    private static Split result(String paragraph, Matcher m, String place) {
        String text = paragraph.substring(0, m.end()).strip();
        String rest = paragraph.substring(m.end()).strip();
        if (rest.length() < 20) {
            return null;
        }
        return new Split(new ExtractedArticle.Dateline(text, place == null ? null : place.strip()), rest);
    }
}
