package io.newsflow.enrich.extraction;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.parser.Parser;

/**
 * Cross-checks the DOM result against the publisher's own JSON-LD {@code articleBody}. That field
 * is the strongest signal a page offers when present, but it is often flattened (no paragraphs),
 * sometimes truncated or stale, so it is used to confirm, prune or replace the DOM result rather
 * than being taken blindly.
 */
final class JsonLdBody {

    private static final int MIN_CHARS = 200;

    private JsonLdBody() {
    }

    static List<String> reconcile(List<String> dom, String rawLd, Set<String> flags) {
        List<String> result = new ArrayList<>(dom);
        if (rawLd == null || rawLd.length() < MIN_CHARS) {
            return result;
        }
        List<String> ld = paragraphs(rawLd);
        Set<String> ldWords = new HashSet<>();
        int ldCount = 0;
        for (String p : ld) {
            ldCount += words(p, ldWords);
        }
        if (ldCount < 30) {
            return result;
        }
        Set<String> domWords = new HashSet<>();
        int domCount = 0;
        for (String p : dom) {
            domCount += words(p, domWords);
        }
        int covered = 0;
        for (String w : ldWords) {
            if (domWords.contains(w)) {
                covered++;
            }
        }
        double coverage = ldWords.isEmpty() ? 0 : (double) covered / ldWords.size();
        if (dom.isEmpty() || coverage < 0.6) {
            flags.add(ExtractedArticle.FLAG_BODY_FROM_JSON_LD);
            return ld;
        }
        if (coverage >= 0.9 && ldCount >= domCount * 0.7) {
            // The publisher's text confirms the DOM result; prune DOM paragraphs it does not know
            // (inline promos, gallery counters, captions that slipped through).
            result.removeIf(p -> foreignTo(p, ldWords));
        }
        return result;
    }

    private static boolean foreignTo(String paragraph, Set<String> known) {
        Set<String> words = new HashSet<>();
        words(paragraph, words);
        if (words.isEmpty()) {
            return false;
        }
        int hits = 0;
        for (String w : words) {
            if (known.contains(w)) {
                hits++;
            }
        }
        return hits * 2 < words.size();
    }

    private static int words(String text, Set<String> into) {
        int n = 0;
        int start = -1;
        for (int i = 0; i <= text.length(); i++) {
            boolean w = i < text.length() && Character.isLetterOrDigit(text.charAt(i));
            if (w && start < 0) {
                start = i;
            } else if (!w && start >= 0) {
                into.add(text.substring(start, i).toLowerCase(Locale.ROOT));
                n++;
                start = -1;
            }
        }
        return n;
    }

    static List<String> paragraphs(String raw) {
        String text = raw;
        List<String> out = new ArrayList<>();
        if (text.indexOf('<') >= 0 && text.indexOf('>') > 0) {
            PageModel m = PageModel.build(Jsoup.parseBodyFragment(text).body());
            for (PageModel.Block b : m.blocks) {
                out.add(b.text());
            }
            return out;
        }
        if (text.indexOf('&') >= 0) {
            text = Parser.unescapeEntities(text, false);
        }
        for (String line : text.split("\\s*\\n\\s*")) {
            String t = line.replaceAll("[ \\t\\u00A0]+", " ").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return out;
    }
}
