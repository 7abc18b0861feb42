package io.newsflow.newsroom;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.ArticleIds;
import io.newsflow.contracts.Source;
import io.newsflow.publish.PublishProperties;
import io.newsflow.publish.elasticsearch.ElasticsearchClients;
import io.newsflow.publish.indexing.ArticleIndex;
import io.newsflow.testinfra.TestInfrastructure;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.elasticsearch.client.RestClient;

/**
 * A small newsroom's worth of articles, written once per JVM into a real Elasticsearch through
 * the publish service's own index code (its mapping, its document shape), under an alias of the
 * tests' own. Known counts so the tests can check facets exactly: 18 articles over ten days of
 * May 2024; Lukashenka in 7 (Belarus, one of them the hostile article whose title and body are
 * markup that must stay text), Starmer in 8 (United Kingdom), Macron in 5 (France), the two
 * with both in German and in France and the United Kingdom. The three Paris rounds are one story
 * (its id: the first round's); the second summit article is a copy of the first.
 */
final class NewsroomFixture {

    static final String ALIAS = "newsroom-test-articles";
    static final String HOSTILE_TITLE = "<img src=x onerror=\"document.title='pwned'\"> Hostile <script>alert(1)</script>";
    static final String HOSTILE_BODY = "Claims about <script>document.title='pwned'</script> and "
            + "<b onmouseover=alert(2)>markup</b> in Minsk quoting Alexander Lukashenka.";
    static final Instant FIRST_DAY = Instant.parse("2024-05-01T00:00:00Z");

    private static final Map<String, List<ArticleEnriched>> LOADED = new HashMap<>();

    private NewsroomFixture() {
    }

    /** Writes the articles under {@link #ALIAS} (once) and answers them. */
    static List<ArticleEnriched> load() throws Exception {
        return load(ALIAS);
    }

    /** Writes the articles under an alias (once per alias, so a test that adds some has its own). */
    static synchronized List<ArticleEnriched> load(String alias) throws Exception {
        if (LOADED.containsKey(alias)) {
            return LOADED.get(alias);
        }
        List<ArticleEnriched> all = articles();
        write(alias, all);
        LOADED.put(alias, all);
        return all;
    }

    /** Indexes one more article, as the publish service would while a reader has the page open. */
    static ArticleEnriched addLate(String alias, String slug, String title) throws Exception {
        ArticleEnriched late = article(slug, title, title + ".", Instant.now(), "en", List.of(), List.of("PL"),
                "politics", 0.0);
        write(alias, List.of(late));
        return late;
    }

    private static void write(String alias, List<ArticleEnriched> all) throws Exception {
        var settings = new PublishProperties.ElasticsearchProperties(List.of(TestInfrastructure.elasticsearchUrl()),
                null, null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(2));
        try (RestClient rest = ElasticsearchClients.restClient(settings)) {
            ElasticsearchClient client = ElasticsearchClients.client(rest);
            ArticleIndex index = new ArticleIndex(client, new PublishProperties.IndexProperties(alias, 1, 1, 0, "1s"),
                    Clock.systemUTC());
            index.ensureExists();
            index.write(all.stream().<ArticleIndex.Write>map(ArticleIndex.Write.Upsert::new).toList());
            client.indices().refresh(r -> r.index(alias));
        }
    }

    static ArticleEnriched hostile() throws Exception {
        return load().stream().filter(a -> a.title().equals(HOSTILE_TITLE)).findFirst().orElseThrow();
    }

    private static List<ArticleEnriched> articles() {
        List<ArticleEnriched> all = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            all.add(article("minsk-" + i, "Lukashenka tightens grip on Minsk, day " + i,
                    "Alexander Lukashenka addressed officials in Minsk on day " + i + " of the crackdown.", day(i),
                    "en", List.of(person("Alexander Lukashenka"), location("Minsk")), List.of("BY"), "politics",
                    -0.6));
        }
        for (int i = 0; i < 6; i++) {
            all.add(article("london-" + i, "Starmer sets out budget plans, part " + i,
                    "Keir Starmer told Parliament in London that the budget would hold, part " + i + ".", day(2 + i),
                    "en", List.of(person("Keir Starmer"), organization("Parliament"), location("London")),
                    List.of("GB"), "economy", 0.2));
        }
        for (int i = 0; i < 3; i++) {
            all.add(article("paris-" + i, "Macron hosts European leaders, round " + i,
                    "Emmanuel Macron welcomed leaders to Paris for round " + i + " of talks on defence.", day(4 + i),
                    "en", List.of(person("Emmanuel Macron"), location("Paris")), List.of("FR"), "politics", 0.4));
        }
        for (int i = 0; i < 2; i++) {
            all.add(article("summit-" + i, "Starmer and Macron agree on defence pact " + i,
                    "Keir Starmer and Emmanuel Macron signed the pact in Paris, statement " + i + ".", day(8 + i),
                    "de", List.of(person("Keir Starmer"), person("Emmanuel Macron"), location("Paris")),
                    List.of("FR", "GB"), "politics", 0.5));
        }
        all.add(article("hostile", HOSTILE_TITLE, HOSTILE_BODY, day(3), "en",
                List.of(person("Alexander Lukashenka"), location("Minsk")), List.of("BY"), "politics", -0.2));
        // the three Paris rounds are one story; the second summit article is a copy of the first
        String parisStory = ArticleIds.fromUrl("https://news.example.org/paris-0");
        String summit = ArticleIds.fromUrl("https://news.example.org/summit-0");
        all.replaceAll(a -> a.url().contains("/paris-")
                ? a.withStory(new ArticleEnriched.StoryRef(parisStory, "Macron hosts European leaders, round 0"))
                : a.url().endsWith("/summit-1") ? a.withDuplicateOf(new ArticleEnriched.DuplicateOf(summit, 0.93)) : a);
        return all;
    }

    static Instant day(int n) {
        return FIRST_DAY.plus(Duration.ofDays(n)).plus(Duration.ofHours(9));
    }

    private record Named(String type, String name) {
    }

    /** Where enrichment would place an article mentioning the city. */
    static final Map<String, ArticleEnriched.GeoPoint> CITIES = Map.of(
            "Minsk", new ArticleEnriched.GeoPoint(53.9, 27.5667),
            "London", new ArticleEnriched.GeoPoint(51.5085, -0.1257),
            "Paris", new ArticleEnriched.GeoPoint(48.8534, 2.3488));

    private static Named person(String name) {
        return new Named("PERSON", name);
    }

    private static Named organization(String name) {
        return new Named("ORGANIZATION", name);
    }

    private static Named location(String name) {
        return new Named("LOCATION", name);
    }

    private static ArticleEnriched article(String slug, String title, String body, Instant published, String language,
            List<Named> names, List<String> countries, String topic, double tone) {
        String url = "https://news.example.org/" + slug;
        List<ArticleEnriched.Entity> entities = new ArrayList<>();
        for (Named named : names) {
            List<ArticleEnriched.Span> spans = new ArrayList<>();
            for (int at = body.indexOf(named.name()); at >= 0; at = body.indexOf(named.name(), at + 1)) {
                spans.add(new ArticleEnriched.Span(at, at + named.name().length()));
            }
            entities.add(new ArticleEnriched.Entity(named.type(), named.name(), named.name(), List.of(), null,
                    spans.size(), spans, 0.9));
        }
        String label = tone < -0.1 ? "negative" : tone > 0.1 ? "positive" : "neutral";
        ArticleEnriched.GeoPoint location = names.stream().filter(n -> CITIES.containsKey(n.name()))
                .map(n -> CITIES.get(n.name())).findFirst().orElse(null);
        return new ArticleEnriched(ArticleEnriched.SCHEMA_VERSION, ArticleIds.fromUrl(url), 1, url, url,
                new Source("Example News", "news.example.org"), published.plusSeconds(60), published, null,
                "Example News", null, null, null, title, List.of("Jane Doe"), "World", Map.of(),
                body, body, body.split(" ").length, 1, new ArticleEnriched.Language(language, 0.99), entities,
                List.of(), countries, countries.get(0), location, List.of(),
                List.of(new ArticleEnriched.Topic("medtop:" + topic, topic, 0.9)),
                List.of(new ArticleEnriched.Keyword(topic, 0.5)), new ArticleEnriched.Sentiment(tone, label),
                null, null, null, null, new ArticleEnriched.Enrichment("1", published.plusSeconds(61), 5, List.of(), List.of()));
    }
}
