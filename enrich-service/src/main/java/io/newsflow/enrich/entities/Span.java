package io.newsflow.enrich.entities;

/**
 * One mention's character range in the analysed text.
 *
 * @param start offset of the first char
 * @param end   offset just past the last char
 */
public record Span(int start, int end) {

    public Span {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad span " + start + ".." + end);
        }
    }
}
