package io.newsflow.enrich.pipeline;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.enrich.dates.DateMention;
import io.newsflow.enrich.dates.DateMentionFinder;
import io.newsflow.enrich.entities.Entity;
import io.newsflow.enrich.entities.EntityRecognizer;
import io.newsflow.enrich.entities.EntityType;
import io.newsflow.enrich.fingerprints.Fingerprinter;
import io.newsflow.enrich.fingerprints.Fingerprints;
import io.newsflow.enrich.keywords.KeywordExtractor;
import io.newsflow.enrich.language.DetectedLanguage;
import io.newsflow.enrich.language.LanguageDetector;
import io.newsflow.enrich.places.Mention;
import io.newsflow.enrich.places.PlaceAnalysis;
import io.newsflow.enrich.places.PlaceResolver;
import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.SentimentAnalyzer;
import io.newsflow.enrich.summary.Summarizer;
import io.newsflow.enrich.topics.TopicClassifier;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The enrichers as pipeline steps: thin adapters from each feature's plain-Java component to the
 * draft and the record's types. Each component loads its data once, in {@link #standard()}; each
 * step reads what earlier steps found (the segmented body, the language, the entities) and fills
 * only its own fields, so a failing step leaves the others whole.
 */
final class Enrichers {

    private Enrichers() {
    }

    /** Every enricher, in the order they depend on one another; loads all their data. */
    static List<EnrichmentStep> standard() {
        PlaceResolver places = PlaceResolver.standard();
        return List.of(
                new LanguageStep(LanguageDetector.standard()),
                new EntitiesStep(EntityRecognizer.standard(places::isKnownPlace)),
                new PlacesStep(places),
                new DatesStep(DateMentionFinder.standard()),
                new TopicsStep(TopicClassifier.standard()),
                new KeywordsStep(KeywordExtractor.standard()),
                new SentimentStep(SentimentAnalyzer.standard()),
                new SummaryStep(Summarizer.standard()),
                new FingerprintsStep(new Fingerprinter()));
    }

    /** Three decimals are all a score or confidence means; the rest is noise in every record. */
    static double round(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    private static String language(ArticleDraft draft) {
        return draft.language == null ? null : draft.language.code();
    }

    /**
     * The body's language; the publisher's declared language, else the page's {@code lang}, only
     * settles near-ties and very short bodies.
     */
    record LanguageStep(LanguageDetector detector) implements EnrichmentStep {
        @Override
        public String name() {
            return "language";
        }

        @Override
        public void apply(ArticleDraft draft) {
            String hint = draft.received().language() != null ? draft.received().language()
                    : draft.extracted == null ? null : draft.extracted.htmlLang();
            DetectedLanguage detected = detector.detect(draft.body, draft.title, hint);
            if (detected != null && detected.code() != null) {
                draft.language = new ArticleEnriched.Language(detected.code(), round(detected.confidence()));
            }
        }
    }

    record EntitiesStep(EntityRecognizer recognizer) implements EnrichmentStep {
        @Override
        public String name() {
            return "entities";
        }

        @Override
        public void apply(ArticleDraft draft) {
            List<ArticleEnriched.Entity> entities = new ArrayList<>();
            List<ArticleEnriched.Entity> locations = new ArrayList<>();
            for (Entity entity : recognizer.recognize(draft.analysis, language(draft))) {
                var converted = new ArticleEnriched.Entity(entity.type().name(), entity.text(), entity.canonicalName(),
                        entity.aliases(), entity.id(), entity.mentions(), entity.offsets().stream()
                                .map(span -> new ArticleEnriched.Span(span.start(), span.end())).toList(),
                        round(entity.confidence()));
                entities.add(converted);
                if (entity.type() == EntityType.LOCATION) {
                    locations.add(converted);
                }
            }
            draft.entities = entities;
            draft.locationEntities = locations;
        }
    }

    /** Places from the body, the title, the dateline and the locations the recogniser found. */
    record PlacesStep(PlaceResolver resolver) implements EnrichmentStep {
        @Override
        public String name() {
            return "places";
        }

        @Override
        public void apply(ArticleDraft draft) {
            List<Mention> mentions = new ArrayList<>();
            for (ArticleEnriched.Entity location : draft.locationEntities) {
                for (ArticleEnriched.Span span : location.offsets()) {
                    mentions.add(new Mention(draft.body.substring(span.start(), span.end()), span.start(), span.end()));
                }
            }
            String datelinePlace = draft.extracted == null || draft.extracted.dateline() == null ? null
                    : draft.extracted.dateline().place();
            PlaceAnalysis analysis = resolver.resolve(draft.title, draft.analysis, datelinePlace, mentions);
            draft.places = analysis.places().stream().map(place -> new ArticleEnriched.Place(place.name(),
                    place.countryCode(), place.kind(), place.lat(), place.lon(), place.mentions())).toList();
            draft.countries = analysis.countries();
            draft.primaryCountry = analysis.primaryCountry();
            draft.datelineCountryCode = analysis.datelineCountryCode();
            draft.location = analysis.location() == null ? null
                    : new ArticleEnriched.GeoPoint(analysis.location().lat(), analysis.location().lon());
        }
    }

    /** Dates resolved against the publication time, else the time the article was received. */
    record DatesStep(DateMentionFinder finder) implements EnrichmentStep {
        @Override
        public String name() {
            return "dates";
        }

        @Override
        public void apply(ArticleDraft draft) {
            var reference = draft.publishedAt != null ? draft.publishedAt : draft.received().receivedAt();
            List<ArticleEnriched.DateMention> dates = new ArrayList<>();
            for (DateMention date : finder.find(draft.analysis, reference, ZoneOffset.UTC)) {
                dates.add(new ArticleEnriched.DateMention(date.text(), date.value(), date.granularity(),
                        new ArticleEnriched.Span(date.start(), date.end())));
            }
            draft.dates = dates;
        }
    }

    record TopicsStep(TopicClassifier classifier) implements EnrichmentStep {
        @Override
        public String name() {
            return "topics";
        }

        @Override
        public void apply(ArticleDraft draft) {
            draft.topics = classifier.classify(draft.analysis, draft.title, language(draft)).stream()
                    .map(topic -> new ArticleEnriched.Topic(topic.code(), topic.label(), round(topic.score()))).toList();
        }
    }

    record KeywordsStep(KeywordExtractor extractor) implements EnrichmentStep {
        @Override
        public String name() {
            return "keywords";
        }

        @Override
        public void apply(ArticleDraft draft) {
            draft.keywords = extractor.extract(draft.analysis, draft.title, language(draft)).stream()
                    .map(keyword -> new ArticleEnriched.Keyword(keyword.text(), round(keyword.score()))).toList();
        }
    }

    record SentimentStep(SentimentAnalyzer analyzer) implements EnrichmentStep {
        @Override
        public String name() {
            return "sentiment";
        }

        @Override
        public void apply(ArticleDraft draft) {
            Sentiment sentiment = analyzer.analyze(draft.analysis, language(draft));
            draft.sentiment = sentiment == null ? null
                    : new ArticleEnriched.Sentiment(round(sentiment.score()), sentiment.label());
        }
    }

    record SummaryStep(Summarizer summarizer) implements EnrichmentStep {
        @Override
        public String name() {
            return "summary";
        }

        @Override
        public void apply(ArticleDraft draft) {
            draft.summary = summarizer.summarize(draft.analysis, draft.title, language(draft));
        }
    }

    record FingerprintsStep(Fingerprinter fingerprinter) implements EnrichmentStep {
        @Override
        public String name() {
            return "fingerprints";
        }

        @Override
        public void apply(ArticleDraft draft) {
            if (!draft.body.isBlank()) {
                Fingerprints fingerprints = fingerprinter.fingerprint(draft.body);
                draft.fingerprints = new ArticleEnriched.Fingerprints(fingerprints.contentHash(), fingerprints.simhash());
            }
        }
    }
}
