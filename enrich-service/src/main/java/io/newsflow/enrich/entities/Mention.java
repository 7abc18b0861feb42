package io.newsflow.enrich.entities;

/**
 * One found name before the article-level merge.
 *
 * @param start  char offset
 * @param end    char offset, exclusive
 * @param key    folded tokens joined by single spaces, the within-article identity
 * @param words  number of words
 * @param type   class, or null if the name alone does not tell (a lone unknown word)
 * @param score  strength of the evidence for {@code type}, 0..1
 * @param entry  the knowledge entry, or null
 */
record Mention(int start, int end, String key, int words, EntityType type, double score, Knowledge.Entry entry) {

    Mention with(EntityType newType, double newScore) {
        return new Mention(start, end, key, words, newType, newScore, entry);
    }
}
