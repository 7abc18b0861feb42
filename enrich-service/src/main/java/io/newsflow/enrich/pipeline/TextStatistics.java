package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.text.TextAnalysis;

/**
 * Segments the body once for all enrichers, and counts it: words (runs of letters or digits, in
 * any script), reading time, and the lead paragraph.
 *
 * <p>Only the first {@value #MAX_ANALYSED} characters are segmented (cut at the last paragraph or
 * sentence break before that): the enrichers' memory and time grow with the tokens they are
 * given, and a 4.4 MB entity-dense text needed ~250 MB of heap and seconds of CPU, so two such
 * posts at once could exhaust the service's heap and, restarted, it would meet them again. The
 * longest real news articles are a tenth of that. The body itself stays whole, and so do its
 * counts, its lead and its fingerprints; the record says {@value #PARTIAL_FLAG} when the enrichers
 * saw a part only.
 */
final class TextStatistics {

    /** Adult silent reading speed for non-fiction, words per minute. */
    static final int WORDS_PER_MINUTE = 230;
    /** How much of a body the enrichers analyse: some 80,000 words of English. */
    static final int MAX_ANALYSED = 500_000;
    static final String PARTIAL_FLAG = "analysed-in-part";
    private static final int MAX_LEAD = 1000;

    private TextStatistics() {
    }

    static Text of(String body) {
        int words = countWords(body);
        String analysed = analysedPart(body);
        return new Text(TextAnalysis.of(analysed), words,
                words == 0 ? 0 : Math.max(1, Math.round(words / (float) WORDS_PER_MINUTE)), lead(body),
                analysed.length() < body.length());
    }

    /** The body, or its beginning up to a paragraph (else sentence, else word) break within the limit. */
    static String analysedPart(String body) {
        if (body.length() <= MAX_ANALYSED) {
            return body;
        }
        int cut = body.lastIndexOf("\n\n", MAX_ANALYSED);
        if (cut < MAX_ANALYSED / 2) {
            cut = body.lastIndexOf(". ", MAX_ANALYSED) + 1;
        }
        if (cut < MAX_ANALYSED / 2) {
            cut = body.lastIndexOf(' ', MAX_ANALYSED);
        }
        if (cut < MAX_ANALYSED / 2) {
            cut = MAX_ANALYSED;
        }
        if (Character.isHighSurrogate(body.charAt(cut - 1))) {
            cut--;
        }
        return body.substring(0, cut);
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
