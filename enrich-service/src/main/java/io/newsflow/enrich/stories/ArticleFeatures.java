package io.newsflow.enrich.stories;

import io.newsflow.contracts.ArticleEnriched;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What story clustering compares of an article: a sparse vector over what enrichment found in it,
 * names (entity ids, else canonical names), key phrases and countries, weighted and of
 * unit length, plus what a story counts (source, names, countries, topics, tone).
 *
 * <p>Names weigh most, by how often they are mentioned, since the people, organisations and
 * places in an article are what says which event it is about; key phrases add what happened
 * ("container terminals", "snap drills"); countries weigh little, since a country is in many
 * events at once. Words of the body are left out: they are what the duplicate detection looks at.
 *
 * @param at          when it appeared (publication, else reception), epoch milliseconds
 * @param duplicateOf the original this article is a copy of, whose story it joins, or null
 */
record ArticleFeatures(String id, long at, String title, String source, Map<String, Double> vector,
        List<String> names, List<String> countries, List<String> topics, Double tone, String duplicateOf) {

    static final int MAX_NAMES = 12;
    static final int MAX_KEYWORDS = 10;

    static ArticleFeatures of(ArticleEnriched article) {
        Map<String, Double> vector = new LinkedHashMap<>();
        List<ArticleEnriched.Entity> entities = article.entities() == null ? List.of() : article.entities().stream()
                .filter(e -> e.canonicalName() != null && !e.canonicalName().isBlank())
                .sorted(Comparator.comparingInt(ArticleEnriched.Entity::mentions).reversed()).limit(MAX_NAMES).toList();
        for (ArticleEnriched.Entity entity : entities) {
            // not by type: the same name is a place in one article and an organisation in another
            String key = "e:" + (entity.id() != null ? entity.id() : entity.canonicalName().toLowerCase(Locale.ROOT));
            double weight = (1 + Math.log(Math.max(1, entity.mentions()))) * ("MISC".equals(entity.type()) ? 0.5 : 1.0);
            vector.merge(key, weight, Double::sum);
        }
        if (article.keywords() != null) {
            article.keywords().stream().limit(MAX_KEYWORDS).forEach(k -> vector.merge(
                    "k:" + k.text().toLowerCase(Locale.ROOT), 0.8 * Math.max(0.1, Math.min(1, k.score())), Double::sum));
        }
        List<String> countries = article.countries() == null ? List.of() : article.countries();
        for (int i = 0; i < countries.size() && i < 3; i++) {
            vector.merge("c:" + countries.get(i), i == 0 ? 0.5 : 0.3, Double::sum);
        }
        normalise(vector);
        Instant at = article.publishedAt() != null ? article.publishedAt()
                : article.receivedAt() != null ? article.receivedAt() : Instant.EPOCH;
        return new ArticleFeatures(article.id(), at.toEpochMilli(), article.title(),
                article.source() == null ? null : article.source().name(), vector,
                entities.stream().map(ArticleEnriched.Entity::canonicalName).toList(),
                countries.stream().limit(3).toList(),
                article.topics() == null ? List.of() : article.topics().stream().map(ArticleEnriched.Topic::label).toList(),
                article.sentiment() == null ? null : article.sentiment().score(),
                article.duplicateOf() == null ? null : article.duplicateOf().id());
    }

    /** The features most worth looking stories up by, heaviest first. */
    List<String> probe(int limit) {
        return vector.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(limit)
                .map(Map.Entry::getKey).toList();
    }

    /** Cosine of this article's vector and a story's centroid (any length). */
    double similarity(Map<String, Double> centroid) {
        double dot = 0;
        double norm = 0;
        for (Map.Entry<String, Double> e : centroid.entrySet()) {
            norm += e.getValue() * e.getValue();
            Double mine = vector.get(e.getKey());
            if (mine != null) {
                dot += mine * e.getValue();
            }
        }
        return norm == 0 ? 0 : dot / Math.sqrt(norm);
    }

    static void normalise(Map<String, Double> vector) {
        double norm = Math.sqrt(vector.values().stream().mapToDouble(v -> v * v).sum());
        if (norm > 0) {
            vector.replaceAll((k, v) -> v / norm);
        }
    }
}
