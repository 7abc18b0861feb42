package io.newsflow.enrich.language;

/**
 * The language of an article.
 *
 * @param code       ISO 639-1 code ({@code "en"}, {@code "zh"}), or null when no language could be
 *                   told (too little text, or a language without a two-letter code such as Cebuano)
 * @param confidence 0..1: how clearly the best language beat the runner-up (see
 *                   {@link LanguageDetector}); 0 when {@code code} is null
 */
public record DetectedLanguage(String code, double confidence) {

    static final DetectedLanguage UNKNOWN = new DetectedLanguage(null, 0);
}
