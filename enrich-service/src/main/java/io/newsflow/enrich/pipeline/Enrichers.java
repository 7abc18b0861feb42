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
import io.newsflow.enrich.quotes.Quote;
import io.newsflow.enrich.quotes.QuoteFinder;
import io.newsflow.enrich.sentiment.Sentiment;
import io.newsflow.enrich.sentiment.SentimentAnalyzer;
import io.newsflow.enrich.summary.Summarizer;
import io.newsflow.enrich.topics.TopicClassifier;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The enrichers: thin adapters from each feature's plain-Java component to a part in the record's
 * types ({@link Parts}). Each component loads its data once, in {@link #standard()}; each enricher
 * reads the article as read, its text and the parts found before it (the language, the entities)
 * and makes only its own part, so a failing one leaves the others whole.
 */
final class Enrichers {

    private Enrichers() {
    }

    /** Every enricher, in the order they depend on one another; loads all their data. */
    static List<Enricher> standard() {
        PlaceResolver places = PlaceResolver.standard();
        return List.of(
                new LanguageStep(LanguageDetector.standard()),
                new EntitiesStep(EntityRecognizer.standard(places::isKnownPlace)),
                new QuotesStep(QuoteFinder.standard()),
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

    private static String language(Findings earlier) {
        Parts.Language language = earlier.get(Parts.Language.class);
        return language == null ? null : language.value().code();
    }

    /**
     * The body's language; the publisher's declared language, else the page's {@code lang}, only
     * settles near-ties and very short bodies.
     */
    record LanguageStep(LanguageDetector detector) implements Enricher {
        @Override
        public String name() {
            return "language";
        }

        @Override
        public Parts.Language find(Reading reading, Text text, Findings earlier) {
            String hint = reading.declaredLanguage() != null ? reading.declaredLanguage()
                    : reading.page() == null ? null : reading.page().htmlLang();
            DetectedLanguage detected = detector.detect(reading.body(), reading.title(), hint);
            return detected == null || detected.code() == null ? null
                    : new Parts.Language(new ArticleEnriched.Language(detected.code(), round(detected.confidence())));
        }
    }

    record EntitiesStep(EntityRecognizer recognizer) implements Enricher {
        @Override
        public String name() {
            return "entities";
        }

        @Override
        public Parts.Entities find(Reading reading, Text text, Findings earlier) {
            List<ArticleEnriched.Entity> entities = new ArrayList<>();
            List<ArticleEnriched.Entity> locations = new ArrayList<>();
            List<Entity> found = recognizer.recognize(text.analysis(), language(earlier));
            for (Entity entity : found) {
                var converted = new ArticleEnriched.Entity(entity.type().name(), entity.text(), entity.canonicalName(),
                        entity.aliases(), entity.id(), entity.mentions(), entity.offsets().stream()
                                .map(span -> new ArticleEnriched.Span(span.start(), span.end())).toList(),
                        round(entity.confidence()));
                entities.add(converted);
                if (entity.type() == EntityType.LOCATION) {
                    locations.add(converted);
                }
            }
            return new Parts.Entities(entities, locations, found);
        }
    }

    /** Who said what, with the speaker one of the entities found before. */
    record QuotesStep(QuoteFinder finder) implements Enricher {
        @Override
        public String name() {
            return "quotes";
        }

        @Override
        public Parts.Quotes find(Reading reading, Text text, Findings earlier) {
            Parts.Entities entities = earlier.get(Parts.Entities.class);
            if (entities == null || entities.found().isEmpty()) {
                return null;
            }
            List<ArticleEnriched.Quote> quotes = new ArrayList<>();
            for (Quote q : finder.find(text.analysis(), entities.found(), language(earlier))) {
                quotes.add(new ArticleEnriched.Quote(q.text(),
                        new ArticleEnriched.Speaker(q.speaker().canonicalName(), q.speaker().id()),
                        new ArticleEnriched.Span(q.start(), q.end())));
            }
            return quotes.isEmpty() ? null : new Parts.Quotes(quotes);
        }
    }

    /** Places from the body, the title, the dateline and the locations the recogniser found. */
    record PlacesStep(PlaceResolver resolver) implements Enricher {
        @Override
        public String name() {
            return "places";
        }

        @Override
        public Parts.Places find(Reading reading, Text text, Findings earlier) {
            List<Mention> mentions = new ArrayList<>();
            Parts.Entities entities = earlier.get(Parts.Entities.class);
            for (ArticleEnriched.Entity location : entities == null ? List.<ArticleEnriched.Entity>of()
                    : entities.locations()) {
                for (ArticleEnriched.Span span : location.offsets()) {
                    mentions.add(new Mention(reading.body().substring(span.start(), span.end()), span.start(),
                            span.end()));
                }
            }
            PlaceAnalysis analysis = resolver.resolve(reading.title(), text.analysis(), reading.datelinePlace(),
                    mentions);
            return new Parts.Places(analysis.places().stream().map(place -> new ArticleEnriched.Place(place.name(),
                    place.countryCode(), place.kind(), place.lat(), place.lon(), place.mentions())).toList(),
                    analysis.countries(), analysis.primaryCountry(), analysis.datelineCountryCode(),
                    analysis.location() == null ? null
                            : new ArticleEnriched.GeoPoint(analysis.location().lat(), analysis.location().lon()));
        }
    }

    /** Dates resolved against the publication time, else the time the article was received. */
    record DatesStep(DateMentionFinder finder) implements Enricher {
        @Override
        public String name() {
            return "dates";
        }

        @Override
        public Parts.Dates find(Reading reading, Text text, Findings earlier) {
            var reference = reading.publishedAt() != null ? reading.publishedAt() : reading.receivedAt();
            List<ArticleEnriched.DateMention> dates = new ArrayList<>();
            for (DateMention date : finder.find(text.analysis(), reference, ZoneOffset.UTC)) {
                dates.add(new ArticleEnriched.DateMention(date.text(), date.value(), date.granularity(),
                        new ArticleEnriched.Span(date.start(), date.end())));
            }
            return new Parts.Dates(dates);
        }
    }

    record TopicsStep(TopicClassifier classifier) implements Enricher {
        @Override
        public String name() {
            return "topics";
        }

        @Override
        public Parts.Topics find(Reading reading, Text text, Findings earlier) {
            return new Parts.Topics(classifier.classify(text.analysis(), reading.title(), language(earlier)).stream()
                    .map(topic -> new ArticleEnriched.Topic(topic.code(), topic.label(), round(topic.score()))).toList());
        }
    }

    record KeywordsStep(KeywordExtractor extractor) implements Enricher {
        @Override
        public String name() {
            return "keywords";
        }

        @Override
        public Parts.Keywords find(Reading reading, Text text, Findings earlier) {
            return new Parts.Keywords(extractor.extract(text.analysis(), reading.title(), language(earlier)).stream()
                    .map(keyword -> new ArticleEnriched.Keyword(keyword.text(), round(keyword.score()))).toList());
        }
    }

    record SentimentStep(SentimentAnalyzer analyzer) implements Enricher {
        @Override
        public String name() {
            return "sentiment";
        }

        @Override
        public Parts.Sentiment find(Reading reading, Text text, Findings earlier) {
            Sentiment sentiment = analyzer.analyze(text.analysis(), language(earlier));
            return sentiment == null ? null
                    : new Parts.Sentiment(new ArticleEnriched.Sentiment(round(sentiment.score()), sentiment.label()));
        }
    }

    record SummaryStep(Summarizer summarizer) implements Enricher {
        @Override
        public String name() {
            return "summary";
        }

        @Override
        public Parts.Summary find(Reading reading, Text text, Findings earlier) {
            String summary = summarizer.summarize(text.analysis(), reading.title(), language(earlier));
            return summary == null ? null : new Parts.Summary(summary);
        }
    }

    record FingerprintsStep(Fingerprinter fingerprinter) implements Enricher {
        @Override
        public String name() {
            return "fingerprints";
        }

        @Override
        public Parts.Fingerprints find(Reading reading, Text text, Findings earlier) {
            if (reading.body().isBlank()) {
                return null;
            }
            Fingerprints fingerprints = fingerprinter.fingerprint(reading.body());
            return new Parts.Fingerprints(new ArticleEnriched.Fingerprints(fingerprints.contentHash(),
                    fingerprints.simhash()));
        }
    }
}
