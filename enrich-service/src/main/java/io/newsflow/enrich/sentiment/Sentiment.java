package io.newsflow.enrich.sentiment;

/**
 * The tone of an article.
 *
 * @param score -1 (very negative) .. 1 (very positive): the mean of the sentences' VADER compound scores
 * @param label {@code negative}, {@code neutral} or {@code positive}
 */
public record Sentiment(double score, String label) {
}
