package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleEnriched;
import java.util.List;

/**
 * The parts the enrichers make, one type each, in the record's own types: what {@link Findings}
 * holds and the pipeline assembles into an {@code ArticleEnriched}.
 */
final class Parts {

    private Parts() {
    }

    record Language(ArticleEnriched.Language value) {
    }

    /**
     * Every entity, and the locations among them (which the places enricher reads); {@code found}
     * are the same entities as the recogniser made them, which the quotes enricher reads.
     */
    record Entities(List<ArticleEnriched.Entity> all, List<ArticleEnriched.Entity> locations,
            List<io.newsflow.enrich.entities.Entity> found) {
    }

    record Quotes(List<ArticleEnriched.Quote> quotes) {
    }

    record Places(List<ArticleEnriched.Place> places, List<String> countries, String primaryCountry,
            String datelineCountryCode, ArticleEnriched.GeoPoint location) {
    }

    record Dates(List<ArticleEnriched.DateMention> mentions) {
    }

    record Topics(List<ArticleEnriched.Topic> topics) {
    }

    record Keywords(List<ArticleEnriched.Keyword> keywords) {
    }

    record Sentiment(ArticleEnriched.Sentiment value) {
    }

    record Summary(String text) {
    }

    record Fingerprints(ArticleEnriched.Fingerprints value) {
    }
}
