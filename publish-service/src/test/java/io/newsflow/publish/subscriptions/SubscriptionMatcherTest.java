package io.newsflow.publish.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.contracts.ArticleAlert;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Source;
import io.newsflow.contracts.Subscription;
import io.newsflow.contracts.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Which articles a subscription selects, with the real Lucene Monitor and parser. */
class SubscriptionMatcherTest {

    private final SubscriptionMatcher matcher = new SubscriptionMatcher();

    private final ArticleEnriched belarus = article("a1", "Lukashenka orders snap drills near Polish border",
            "Belarusian leader Alyaksandr Lukashenka ordered military drills on Tuesday, state media said. "
                    + "NATO said it was watching closely.", List.of("BY", "PL"), "politics",
            "Alyaksandr Lukashenka", "en", "RFE/RL");
    private final ArticleEnriched football = article("a2", "Dinamo Minsk beat BATE in the derby",
            "Dinamo Minsk won 2-1 against BATE Borisov on Sunday in front of a sold-out crowd.", List.of("BY"),
            "sport", "Dinamo Minsk", "en", "Sport Daily");
    private final ArticleEnriched french = article("a3", "Macron en visite à Berlin",
            "Le président Emmanuel Macron rencontre le chancelier à Berlin.", List.of("FR", "DE"), "politics",
            "Emmanuel Macron", "fr", "Le Monde");

    @AfterEach
    void close() throws Exception {
        matcher.close();
    }

    @Test
    void wordsSelectLikeTheDashboardSearch() {
        matcher.put(subscription("s-word", new Subscription.Query("lukashenka", null, null, null, null, null)));
        matcher.put(subscription("s-phrase", new Subscription.Query("\"military drills\"", null, null, null, null, null)));
        matcher.put(subscription("s-or", new Subscription.Query("Macron OR BATE", null, null, null, null, null)));
        matcher.put(subscription("s-and", new Subscription.Query("Minsk AND derby", null, null, null, null, null)));
        matcher.put(subscription("s-not", new Subscription.Query("Minsk -derby", null, null, null, null, null)));
        matcher.put(subscription("s-only-not", new Subscription.Query("-Minsk", null, null, null, null, null)));
        matcher.put(subscription("s-default-and", new Subscription.Query("Lukashenka football", null, null, null, null, null)));

        assertThat(matchedIds(belarus)).containsExactlyInAnyOrder("s-word", "s-phrase", "s-only-not");
        assertThat(matchedIds(football)).containsExactlyInAnyOrder("s-or", "s-and");
        assertThat(matchedIds(french)).containsExactlyInAnyOrder("s-or", "s-only-not");
    }

    @Test
    void filtersMatchAnyValueOfAListAndAllLists() {
        matcher.put(subscription("s-country", new Subscription.Query(null, List.of("by"), null, null, null, null)));
        matcher.put(subscription("s-country-topic", new Subscription.Query(null, List.of("BY", "FR"), List.of("Politics"),
                null, null, null)));
        matcher.put(subscription("s-entity", new Subscription.Query(null, null, null, List.of("alyaksandr lukashenka"),
                null, null)));
        matcher.put(subscription("s-lang-source", new Subscription.Query(null, null, null, null, List.of("fr"),
                List.of("lemonde.fr", "Le Monde"))));
        matcher.put(subscription("s-words-and-country", new Subscription.Query("Minsk", List.of("FR"), null, null, null,
                null)));

        assertThat(matchedIds(belarus)).containsExactlyInAnyOrder("s-country", "s-country-topic", "s-entity");
        assertThat(matchedIds(football)).containsExactlyInAnyOrder("s-country");
        assertThat(matchedIds(french)).containsExactlyInAnyOrder("s-country-topic", "s-lang-source");
    }

    @Test
    void aRemovedSubscriptionMatchesNothingAndAReplacedOneMatchesItsNewQuery() {
        matcher.put(subscription("s1", new Subscription.Query("Lukashenka", null, null, null, null, null)));
        assertThat(matchedIds(belarus)).containsExactly("s1");
        matcher.put(subscription("s1", new Subscription.Query("Macron", null, null, null, null, null)));
        assertThat(matchedIds(belarus)).isEmpty();
        assertThat(matchedIds(french)).containsExactly("s1");
        matcher.remove("s1");
        assertThat(matchedIds(french)).isEmpty();
        assertThat(matcher.size()).isZero();
    }

    @Test
    void highlightsLocateTheMatchedWordsInPlainText() {
        matcher.put(subscription("s1", new Subscription.Query("lukashenka drills", null, null, null, null, null)));
        List<SubscriptionMatcher.Match> matches = matcher.match(List.of(belarus, football));
        assertThat(matches).hasSize(1);
        List<ArticleAlert.Highlight> highlights = matches.get(0).highlights();
        assertThat(highlights).extracting(ArticleAlert.Highlight::field).startsWith("title").contains("body");
        for (ArticleAlert.Highlight highlight : highlights) {
            assertThat(highlight.matches()).isNotEmpty();
            for (ArticleEnriched.Span span : highlight.matches()) {
                assertThat(highlight.fragment().substring(span.start(), span.end()).toLowerCase())
                        .isIn("lukashenka", "drills");
            }
        }
    }

    @Test
    void deliveriesGoWhereTheSubscriptionSays() {
        matcher.put(new Subscription(1, "s-alerts", "alerts", new Subscription.Query("Lukashenka", null, null, null, null,
                null), new Subscription.Delivery(Topics.ALERTS, "https://hooks.example.com/x"), "secret", "k",
                Instant.EPOCH));
        matcher.put(new Subscription(1, "s-slice-1", "slice", new Subscription.Query(null, List.of("BY"), null, null,
                null, null), new Subscription.Delivery("news.enriched.belarus", null), null, "k", Instant.EPOCH));
        matcher.put(new Subscription(1, "s-slice-2", "slice too", new Subscription.Query("drills", null, null, null,
                null, null), new Subscription.Delivery("news.enriched.belarus", null), null, "k", Instant.EPOCH));
        Deliveries batch = new Deliveries(Instant.EPOCH, Topics.WEBHOOKS);
        List<Deliveries.Outgoing> out = batch.of(matcher.match(belarus));
        assertThat(out).extracting(Deliveries.Outgoing::topic)
                .containsExactlyInAnyOrder(Topics.ALERTS, Topics.WEBHOOKS, "news.enriched.belarus");
        Deliveries.Outgoing slice = out.stream().filter(o -> o.topic().equals("news.enriched.belarus")).findFirst().orElseThrow();
        assertThat(slice.key()).isEqualTo(belarus.id());
        assertThat(slice.value()).isSameAs(belarus);
        Deliveries.Outgoing alert = out.stream().filter(o -> o.topic().equals(Topics.ALERTS)).findFirst().orElseThrow();
        assertThat(alert.key()).isEqualTo("s-alerts");
        assertThat(((ArticleAlert) alert.value()).revision()).isEqualTo(belarus.revision());
        assertThat(alert.eventId()).isEqualTo("s-alerts:" + belarus.id() + ":" + belarus.revision());
        assertThat(batch.of(matcher.match(belarus))).as("the same revision again in one batch: no second slice copy")
                .extracting(Deliveries.Outgoing::topic).containsExactlyInAnyOrder(Topics.ALERTS, Topics.WEBHOOKS);
    }

    private List<String> matchedIds(ArticleEnriched article) {
        return matcher.match(List.of(article)).stream().map(m -> m.subscription().id()).toList();
    }

    private static Subscription subscription(String id, Subscription.Query query) {
        return new Subscription(1, id, id, query, new Subscription.Delivery(Topics.ALERTS, null), null, "k", Instant.EPOCH);
    }

    private static ArticleEnriched article(String id, String title, String body, List<String> countries, String topic,
            String entity, String language, String source) {
        return new ArticleEnriched(1, id, 1_700_000_000_000L, "https://example.com/" + id, null,
                new Source(source, source.toLowerCase().replace(" ", "") + ".fr"), Instant.EPOCH, Instant.EPOCH, null,
                null, null, null, null, title, List.of(), null, Map.of(), body, body, 10, 1,
                new ArticleEnriched.Language(language, 0.99),
                List.of(new ArticleEnriched.Entity("PERSON", entity, entity, List.of(), null, 1, List.of(), 0.9)),
                List.of(), countries, countries.get(0), null, List.of(),
                List.of(new ArticleEnriched.Topic("medtop:x", topic, 0.9)), List.of(), null, null, null, null, null, null);
    }
}
