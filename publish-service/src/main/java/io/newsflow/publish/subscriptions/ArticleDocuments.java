package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.ArticleEnriched;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;

/**
 * An enriched article as the Lucene document subscriptions are matched against: the four text
 * fields the dashboard searches, analysed as the index analyses them (Elasticsearch's
 * {@code standard} analyzer is Lucene's {@link StandardAnalyzer}, with no stop words), and the
 * filterable values as exact, lower-cased terms (countries upper-cased, as ISO codes are written).
 */
final class ArticleDocuments {

    static final String TITLE = "title";
    static final String LEAD = "lead";
    static final String SUMMARY = "summary";
    static final String BODY = "body";
    /** The text fields in the order highlights are taken from. */
    static final List<String> TEXT_FIELDS = List.of(TITLE, LEAD, SUMMARY, BODY);

    static final String COUNTRY = "country";
    static final String TOPIC = "topic";
    static final String ENTITY = "entity";
    static final String LANGUAGE = "language";
    static final String SOURCE = "source";

    private ArticleDocuments() {
    }

    /** The analyser of documents and of the words of subscriptions. */
    static Analyzer analyzer() {
        Analyzer exact = new KeywordAnalyzer();
        return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), Map.of(COUNTRY, exact, TOPIC, exact,
                ENTITY, exact, LANGUAGE, exact, SOURCE, exact));
    }

    static Document of(ArticleEnriched article) {
        Document doc = new Document();
        text(doc, TITLE, article.title());
        text(doc, LEAD, article.lead());
        text(doc, SUMMARY, article.summary());
        text(doc, BODY, article.body());
        if (article.countries() != null) {
            article.countries().forEach(country -> exact(doc, COUNTRY, country));
        }
        if (article.topics() != null) {
            article.topics().forEach(topic -> {
                exact(doc, TOPIC, topic.code());
                exact(doc, TOPIC, topic.label());
            });
        }
        if (article.entities() != null) {
            article.entities().forEach(entity -> {
                exact(doc, ENTITY, entity.canonicalName());
                exact(doc, ENTITY, entity.text());
                exact(doc, ENTITY, entity.id());
            });
        }
        if (article.language() != null) {
            exact(doc, LANGUAGE, article.language().code());
        }
        if (article.source() != null) {
            exact(doc, SOURCE, article.source().name());
            exact(doc, SOURCE, article.source().domain());
        }
        return doc;
    }

    /** How a filter value is compared: countries as upper-case codes, everything else lower-case. */
    static String normalise(String field, String value) {
        String stripped = value.strip();
        return COUNTRY.equals(field) ? stripped.toUpperCase(Locale.ROOT) : stripped.toLowerCase(Locale.ROOT);
    }

    private static void text(Document doc, String field, String value) {
        if (value != null && !value.isEmpty()) {
            doc.add(new TextField(field, value, Field.Store.NO));
        }
    }

    private static void exact(Document doc, String field, String value) {
        if (value != null && !value.isBlank()) {
            doc.add(new StringField(field, normalise(field, value), Field.Store.NO));
        }
    }
}
