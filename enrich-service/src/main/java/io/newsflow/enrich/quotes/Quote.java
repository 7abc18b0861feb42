package io.newsflow.enrich.quotes;

import io.newsflow.enrich.entities.Entity;

/**
 * A quote found in a text: what was said and which of the article's entities said it.
 *
 * @param text    the words quoted, inside the quotation marks, or the reported clause
 * @param start   offset of {@code text} in the analysed text
 * @param end     offset just past it
 * @param speaker the person or organisation that said it
 * @param direct  true for words in quotation marks, false for reported speech ("X said the ...")
 */
public record Quote(String text, int start, int end, Entity speaker, boolean direct) {
}
