package io.newsflow.enrich.places;

/**
 * A location mention found by another recognizer (the entity recognizer), offsets into the body.
 *
 * @param text  the mention as written
 * @param start offset of its first char
 * @param end   offset just past its last char
 */
public record Mention(String text, int start, int end) {
}
