package io.newsflow.enrich.text;

import java.util.List;

/**
 * One sentence of a text.
 *
 * @param index  its position among the text's sentences
 * @param start  offset of its first char
 * @param end    offset just past its last char
 * @param tokens its tokens, offsets into the whole text
 */
public record Sentence(int index, int start, int end, List<Token> tokens) {

    public Sentence {
        tokens = List.copyOf(tokens);
    }

    /** The sentence's text, taken from the text it was found in. */
    public String text(String of) {
        return of.substring(start, end);
    }

    /** Number of word tokens. */
    public int wordCount() {
        int n = 0;
        for (Token token : tokens) {
            if (token.word()) {
                n++;
            }
        }
        return n;
    }
}
