package io.newsflow.enrich.keywords;

/**
 * A keyphrase of an article.
 *
 * @param text  the phrase as most often written in the article ("central bank", "Federal Reserve")
 * @param score 0..1, higher is better: the best phrase's YAKE score divided by this one's, so the
 *              top phrase has 1 and a phrase that YAKE rates twice as weak has 0.5
 */
public record Keyword(String text, double score) {
}
