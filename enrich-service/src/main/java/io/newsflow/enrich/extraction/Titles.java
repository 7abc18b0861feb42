package io.newsflow.enrich.extraction;

import java.util.Locale;

/** Headline choice and the site-name suffixes/prefixes that publishers glue onto titles. */
final class Titles {

    private static final String[] SEPARATORS = {" | ", " - ", " – ", " — ", " :: ", " · ", " » ", " // "};

    private Titles() {
    }

    static String choose(PageMetadata meta, String host) {
        String site = meta.siteName();
        for (String t : new String[] {meta.jsonLdHeadline(), meta.ogTitle(), meta.twitterTitle(), meta.firstH1()}) {
            if (t != null && t.length() >= 3) {
                return stripSite(t, site, host, false);
            }
        }
        String doc = meta.documentTitle();
        return doc == null ? null : stripSite(doc, site, host, true);
    }

    /**
     * Removes a site name glued on with a separator. For {@code <title>} any short trailing segment is
     * taken to be the site name; for declared headlines only a segment that matches the site name.
     */
    static String stripSite(String title, String site, String host, boolean aggressive) {
        String t = title.strip();
        for (String sep : SEPARATORS) {
            int i = t.lastIndexOf(sep);
            if (i > 0) {
                String head = t.substring(0, i).strip();
                String tail = t.substring(i + sep.length()).strip();
                if (matchesSite(tail, site, host) || aggressive && words(tail) <= 4 && head.length() > tail.length()) {
                    return stripSite(head, site, host, aggressive);
                }
            }
            int j = t.indexOf(sep);
            if (j > 0) {
                String lead = t.substring(0, j).strip();
                if (matchesSite(lead, site, host)) {
                    return t.substring(j + sep.length()).strip();
                }
            }
        }
        return t;
    }

    private static boolean matchesSite(String segment, String site, String host) {
        String s = squash(segment);
        if (s.isEmpty()) {
            return false;
        }
        if (site != null) {
            String n = squash(site);
            if (!n.isEmpty() && (s.equals(n) || n.contains(s) && s.length() >= 4 || s.contains(n))) {
                return true;
            }
        }
        return host != null && s.length() >= 4 && squash(host).contains(s);
    }

    static String squash(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }

    /** White-space-separated words (the extractor's lines and titles are judged by this count). */
    static int words(String s) {
        int n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); i++) {
            boolean w = !Character.isWhitespace(s.charAt(i));
            if (w && !in) {
                n++;
            }
            in = w;
        }
        return n;
    }
}
