package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.text.TextAnalysis;

/**
 * Segments the body once for all enrichers, and counts it: words (runs of letters or digits, in
 * any script), reading time, and the lead paragraph.
 */
final class TextStatistics {

    /** Adult silent reading speed for non-fiction, words per minute. */
    static final int WORDS_PER_MINUTE = 230;
    private static final int MAX_LEAD = 1000;

    private TextStatistics() {
    }

    static Text of(String body) {
        int words = countWords(body);
        return new Text(TextAnalysis.of(body), words,
                words == 0 ? 0 : Math.max(1, Math.round(words / (float) WORDS_PER_MINUTE)), lead(body));
    }

    static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean wordChar = Character.isLetterOrDigit(codePoint);
            if (wordChar && !inWord) {
                words++;
            }
            inWord = wordChar;
            i += Character.charCount(codePoint);
        }
        return words;
    }

    /** The first paragraph, cut at a word boundary if it is very long; null for an empty body. */
    static String lead(String body) {
        String trimmed = body.strip();
        if (trimmed.isEmpty()) {
            return null;
        }
        int end = trimmed.indexOf("\n\n");
        String first = end < 0 ? trimmed : trimmed.substring(0, end).strip();
        if (first.length() <= MAX_LEAD) {
            return first;
        }
        int cut = first.lastIndexOf(' ', MAX_LEAD);
        return first.substring(0, cut > MAX_LEAD / 2 ? cut : MAX_LEAD) + "\u2026";
    }
}
