package io.newsflow.enrich.entities;

/**
 * One found name before the article-level merge.
 *
 * @param start   char offset
 * @param end     char offset, exclusive
 * @param key     folded tokens joined by single spaces, the within-article identity
 * @param words   number of words
 * @param type    class, or null if the name alone does not tell (a lone unknown word)
 * @param score   strength of the evidence for {@code type}, 0..1
 * @param entry   the knowledge entry, or null
 * @param context what the words around this mention say the name is, whatever the name itself
 *                suggests: {@link #NO_CUE}, {@link #ORG_CUE} ("shares of X", "X spokesman") or
 *                {@link #TEAM_CUE} ("X beat Y" in a sports story) or
 *                {@link #SCORE_CUE} ("X 2-1 Y", a team by any account)
 */
record Mention(int start, int end, String key, int words, EntityType type, double score, Knowledge.Entry entry,
               int context) {

    static final int NO_CUE = 0;
    static final int ORG_CUE = 1;
    static final int TEAM_CUE = 2;
    static final int SCORE_CUE = 3;

    Mention(int start, int end, String key, int words, EntityType type, double score, Knowledge.Entry entry) {
        this(start, end, key, words, type, score, entry, NO_CUE);
    }

    Mention with(EntityType newType, double newScore) {
        return new Mention(start, end, key, words, newType, newScore, entry, context);
    }
}
