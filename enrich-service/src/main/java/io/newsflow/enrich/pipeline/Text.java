package io.newsflow.enrich.pipeline;

import io.newsflow.enrich.text.TextAnalysis;

/**
 * The body segmented once for every enricher (sentences, tokens with offsets), and counted.
 *
 * @param wordCount          runs of letters or digits, in any script
 * @param readingTimeMinutes at {@value TextStatistics#WORDS_PER_MINUTE} words a minute, at least 1 for a
 *                           non-empty body
 * @param lead               the first paragraph, cut at a word boundary if very long; null for an
 *                           empty body
 * @param analysedInPart     whether {@link #analysis} covers only the body's beginning (see
 *                           {@link TextStatistics#MAX_ANALYSED}); counts and lead are the whole body's
 */
record Text(TextAnalysis analysis, int wordCount, int readingTimeMinutes, String lead, boolean analysedInPart) {
}
