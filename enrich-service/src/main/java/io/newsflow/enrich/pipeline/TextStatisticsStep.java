package io.newsflow.enrich.pipeline;

/** Word count of the body: words are runs of letters or digits, in any script. */
final class TextStatisticsStep implements EnrichmentStep {

    @Override
    public String name() {
        return "statistics";
    }

    @Override
    public void apply(ArticleDraft draft) {
        draft.wordCount = countWords(draft.body);
    }

    static int countWords(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            boolean wordChar = Character.isLetterOrDigit(codePoint);
            if (wordChar && !inWord) {
                words++;
            }
            inWord = wordChar;
            i += Character.charCount(codePoint);
        }
        return words;
    }
}
