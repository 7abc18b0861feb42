package io.newsflow.publish.subscriptions;

import io.newsflow.contracts.SearchSyntax;
import io.newsflow.contracts.Subscription;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * A subscription's query as a Lucene query, built to select what the dashboard's search with the
 * same words and filters finds: the words through {@link SimpleQueryParser} (the parser behind
 * Elasticsearch's {@code simple_query_string}, with the same operators enabled and {@code AND} as
 * the default operator, over the same fields), each filter list as "any of these values", and all
 * parts required.
 */
final class SubscriptionQueries {

    /** The dashboard's fields and boosts; boosts do not change what matches, only the order. */
    private static final Map<String, Float> TEXT_FIELDS = Map.of(ArticleDocuments.TITLE, 3f,
            ArticleDocuments.LEAD, 2f, ArticleDocuments.SUMMARY, 2f, ArticleDocuments.BODY, 1f);

    /** The operators the dashboard allows: quotes, AND/OR, -, parentheses, whitespace, escapes. */
    private static final int FLAGS = SimpleQueryParser.AND_OPERATOR | SimpleQueryParser.OR_OPERATOR
            | SimpleQueryParser.NOT_OPERATOR | SimpleQueryParser.PHRASE_OPERATOR
            | SimpleQueryParser.PRECEDENCE_OPERATORS | SimpleQueryParser.WHITESPACE_OPERATOR
            | SimpleQueryParser.ESCAPE_OPERATOR;

    private SubscriptionQueries() {
    }

    static Query of(Subscription.Query query, Analyzer analyzer) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        if (query.q() != null && !query.q().isBlank()) {
            SimpleQueryParser parser = new SimpleQueryParser(analyzer, TEXT_FIELDS, FLAGS);
            parser.setDefaultOperator(BooleanClause.Occur.MUST);
            all.add(withPositiveClause(parser.parse(SearchSyntax.toSimpleQueryString(query.q()))),
                    BooleanClause.Occur.MUST);
        }
        anyOf(all, ArticleDocuments.COUNTRY, query.countries());
        anyOf(all, ArticleDocuments.TOPIC, query.topics());
        anyOf(all, ArticleDocuments.ENTITY, query.entities());
        anyOf(all, ArticleDocuments.LANGUAGE, query.languages());
        anyOf(all, ArticleDocuments.SOURCE, query.sources());
        return all.build();
    }

    private static void anyOf(BooleanQuery.Builder all, String field, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        values.forEach(value -> any.add(new TermQuery(new Term(field, ArticleDocuments.normalise(field, value))),
                BooleanClause.Occur.SHOULD));
        all.add(any.build(), BooleanClause.Occur.FILTER);
    }

    /**
     * A query of exclusions only ({@code -sport}) matches nothing in Lucene; Elasticsearch reads
     * it as "everything but", and so must a subscription.
     */
    private static Query withPositiveClause(Query parsed) {
        if (parsed instanceof BooleanQuery bool && !bool.clauses().isEmpty()
                && bool.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
            BooleanQuery.Builder fixed = new BooleanQuery.Builder();
            bool.clauses().forEach(fixed::add);
            fixed.add(new MatchAllDocsQuery(), BooleanClause.Occur.FILTER);
            return fixed.build();
        }
        return parsed;
    }
}
