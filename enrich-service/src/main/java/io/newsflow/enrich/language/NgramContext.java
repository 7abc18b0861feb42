package io.newsflow.enrich.language;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The features the OpenNLP {@code langdetect-183} model was trained on, computed in one pass: the
 * distinct lower-case character 1-, 2- and 3-grams of the text after OpenNLP's normalisation
 * (URLs, e-mail addresses, hashtags and mentions, emoticons, emoji and digits become a space; runs
 * of spaces shrink to one and runs of three or more equal chars to two).
 *
 * <p>Why not OpenNLP's own context generator: it applies those rules as nine regular expressions
 * in sequence and counts n-grams through a general n-gram model, which costs about as much as the
 * model evaluation itself; this pass gives the same features at a fraction of the cost. The
 * emoticon rule is kept to the letter ({@code [:;x]-?[()dop]}, any case, also inside words, so
 * "explain" loses its "xp" as it did in training); the chat-laughter rule ("hahaha") is left out
 * as irrelevant for news. {@code LanguageDetectorTest} checks that both give the same languages.
 */
final class NgramContext {

    private NgramContext() {
    }

    /** The model's context strings for a text. */
    static String[] of(String text) {
        String normalized = normalize(text);
        Set<String> grams = new HashSet<>(normalized.length() * 2);
        int n = normalized.length();
        for (int len = 1; len <= 3; len++) {
            for (int i = 0; i + len <= n; i++) {
                grams.add(normalized.substring(i, i + len));
            }
        }
        return grams.toArray(new String[0]);
    }

    static String normalize(String text) {
        String t = text.toLowerCase(Locale.ROOT);
        int n = t.length();
        char[] out = new char[n];
        int o = 0;
        int i = 0;
        while (i < n) {
            char c = t.charAt(i);
            // URLs, e-mail addresses, #hashtags and @mentions: the whole run of non-spaces goes
            if (c == '#' || c == '@' || c == 'h' && t.startsWith("http", i) && urlAt(t, i)) {
                int end = i;
                while (end < n && !Character.isWhitespace(t.charAt(end))) {
                    end++;
                }
                if (c == '@' || c == '#' || end > i) {
                    if (c == '@') { // e-mail: drop the local part already copied
                        while (o > 0 && isMailChar(out[o - 1])) {
                            o--;
                        }
                    }
                    out[o++] = ' ';
                    i = end;
                    continue;
                }
            }
            // emoticons :) ;-p xd
            if ((c == ':' || c == ';' || c == 'x') && i + 1 < n) {
                int j = i + 1;
                if (t.charAt(j) == '-' && j + 1 < n) {
                    j++;
                }
                char f = t.charAt(j);
                if (f == '(' || f == ')' || f == 'd' || f == 'o' || f == 'p') {
                    out[o++] = ' ';
                    i = j + 1;
                    continue;
                }
            }
            if (Character.isDigit(c) || Character.isSurrogate(c) || Character.getType(c) == Character.OTHER_SYMBOL) {
                out[o++] = ' ';
                i++;
                continue;
            }
            out[o++] = Character.isWhitespace(c) ? ' ' : c;
            i++;
        }
        // shrink: one space for a run of spaces, two chars for a run of three or more
        StringBuilder sb = new StringBuilder(o);
        for (int k = 0; k < o; k++) {
            char c = out[k];
            int len = sb.length();
            if (c == ' ' && len > 0 && sb.charAt(len - 1) == ' ') {
                continue;
            }
            if (len >= 2 && sb.charAt(len - 1) == c && sb.charAt(len - 2) == c) {
                continue;
            }
            sb.append(c);
        }
        return sb.toString().trim();
    }

    private static boolean urlAt(String t, int i) {
        return t.startsWith("http://", i) || t.startsWith("https://", i);
    }

    private static boolean isMailChar(char c) {
        return c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
    }
}
