package io.newsflow.enrich.text;

/**
 * One token of a text: a word (letters, digits, with inner apostrophes, hyphens and the dots of
 * abbreviations such as {@code U.S.}) or a single punctuation mark.
 *
 * @param text  the token as written
 * @param start offset of its first char in the analysed text
 * @param end   offset just past its last char
 * @param word  true for words, false for punctuation and symbols
 */
public record Token(String text, int start, int end, boolean word) {

    /** True if the word starts with an upper-case or title-case letter. */
    public boolean capitalized() {
        return word && Character.isUpperCase(text.codePointAt(0)) || word && Character.isTitleCase(text.codePointAt(0));
    }

    /** True if every letter of the word is upper case and it has at least two letters ({@code NATO}). */
    public boolean allCaps() {
        if (!word) {
            return false;
        }
        int letters = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                if (!Character.isUpperCase(c)) {
                    return false;
                }
                letters++;
            }
        }
        return letters >= 2;
    }

    /** The word in lower case (root locale), for lexicon look-ups. */
    public String lower() {
        return text.toLowerCase(java.util.Locale.ROOT);
    }
}
