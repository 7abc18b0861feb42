package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Author names from JSON-LD, meta tags or visible bylines, in that order of trust. */
final class Bylines {

    private static final Pattern SPLIT = Pattern.compile("\\s*(?:,|;|\\band\\b|&|\\bund\\b|\\by\\b|\\be\\b|\\bet\\b)\\s*");
    private static final Pattern PREFIX = Pattern.compile(
            "^(?:(?:written|posted|reported|story|text|words)\\s+)?(?:by|von|por|par|di|door|av)\\s*:?\\s+",
            Pattern.CASE_INSENSITIVE);

    private static final Set<String> PARTICLES = Set.of(
            "de", "da", "do", "dos", "das", "del", "della", "di", "du", "van", "von", "der", "den", "ter", "la",
            "le", "bin", "bint", "al", "el", "y", "e", "zu", "af");

    private Bylines() {
    }

    static List<String> authors(PageMetadata meta) {
        for (List<String> source : List.of(meta.jsonLdAuthors(), meta.metaAuthors(), meta.bylineAuthors())) {
            List<String> names = new ArrayList<>();
            for (String raw : source) {
                for (String n : split(raw)) {
                    if (!names.contains(n)) {
                        names.add(n);
                    }
                }
            }
            if (!names.isEmpty()) {
                return names;
            }
        }
        return List.of();
    }

    /** "By Jane Doe and John Roe, Reuters" becomes [Jane Doe, John Roe, Reuters]; junk is dropped. */
    static List<String> split(String raw) {
        List<String> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        String s = raw.replace('\u00A0', ' ').replaceAll("\\s+", " ").strip();
        s = PREFIX.matcher(s).replaceFirst("");
        int pipe = s.indexOf('|');
        if (pipe > 0) {
            s = s.substring(0, pipe);
        }
        for (String part : SPLIT.split(s)) {
            String n = part.strip();
            if (isName(n)) {
                out.add(n);
            }
        }
        return out;
    }

    private static boolean isName(String n) {
        if (n.length() < 2 || n.length() > 60 || MetadataReader.looksLikeUrl(n) || n.indexOf('@') >= 0
                || n.indexOf('*') >= 0 || n.indexOf(':') >= 0) {
            return false;
        }
        int words = n.split(" ").length;
        if (words > 6) {
            return false;
        }
        String lower = n.toLowerCase(Locale.ROOT);
        if (lower.startsWith("updated") || lower.startsWith("published") || lower.matches(".*\\d.*")) {
            return false;
        }
        // Names capitalise their words ("Environment reporter" is a role); particles are allowed.
        for (String w : n.split(" ")) {
            if (!w.isEmpty() && Character.isLowerCase(w.charAt(0)) && !PARTICLES.contains(w)) {
                return false;
            }
        }
        return true;
    }
}
