package io.newsflow.enrich.extraction;

import java.util.Collection;
import java.util.List;

/**
 * Whether what was found reads as an article. Long bodies do; a short one (a news brief, a
 * two-paragraph flash) does only if it is made of real sentences, so a stray label, button text
 * or teaser line is not mistaken for an article.
 */
final class Prose {

    /** At this length a body counts as an article whatever its shape. */
    static final int MIN_ARTICLE_CHARS = 140;
    /** Shorter than this is never an article. */
    static final int MIN_BRIEF_CHARS = 40;
    private static final int MIN_SENTENCE_WORDS = 5;

    private Prose() {
    }

    /** The text of a body and the dateline split off its first paragraph. */
    record Body(String text, ExtractedArticle.Dateline dateline) {
    }

    /**
     * Joins the paragraphs into a body, splitting a leading dateline off the first one (the
     * list is updated in place). When the result does not read as an article, the body is empty
     * and {@code flags} says so.
     */
    static Body body(List<String> paragraphs, Collection<String> flags) {
        ExtractedArticle.Dateline dateline = null;
        if (!paragraphs.isEmpty()) {
            Datelines.Split split = Datelines.split(paragraphs.get(0));
            if (split != null) {
                dateline = split.dateline();
                paragraphs.set(0, split.rest());
            }
        }
        String text = String.join("\n\n", paragraphs);
        if (!isArticle(paragraphs, text)) {
            flags.add(ExtractedArticle.FLAG_NO_ARTICLE);
            return new Body("", null);
        }
        return new Body(text, dateline);
    }

    static boolean isArticle(List<String> paragraphs, String body) {
        if (body.length() >= MIN_ARTICLE_CHARS) {
            return true;
        }
        if (body.length() < MIN_BRIEF_CHARS || paragraphs.isEmpty()) {
            return false;
        }
        int sentences = 0;
        for (String paragraph : paragraphs) {
            if (isSentence(paragraph)) {
                sentences++;
            }
        }
        return sentences >= 1 && sentences * 2 >= paragraphs.size();
    }

    private static boolean isSentence(String paragraph) {
        String text = paragraph.strip();
        if (text.isEmpty()) {
            return false;
        }
        char last = text.charAt(text.length() - 1);
        boolean terminal = last == '.' || last == '!' || last == '?' || last == '"' || last == '”' || last == '。'
                || last == '！' || last == '？' || last == '’' || last == '»';
        return terminal && words(text) >= MIN_SENTENCE_WORDS;
    }

    private static int words(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); i++) {
            boolean letter = Character.isLetterOrDigit(text.charAt(i));
            if (letter && !inWord) {
                words++;
            }
            inWord = letter;
        }
        return words;
    }
}
