package io.newsflow.tools.duplicates;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.Source;
import io.newsflow.enrich.duplicates.DuplicateLinker;
import io.newsflow.enrich.duplicates.ElasticsearchDuplicateStore;
import io.newsflow.enrich.fingerprints.MinHasher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import org.apache.http.HttpHost;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What near-copy detection adds per article, and whether that depends on how much is stored:
 * links batches of articles (half of them edited copies of stored ones, half new) against an
 * empty store, then fills the store to {@code --stored} articles and links the same kind of
 * batches again. Runs against a real Elasticsearch, in an index of its own that it deletes.
 *
 * <p>The articles are synthetic (300 words drawn from a skewed 20,000-word vocabulary, a fixed
 * seed), so that 100,000 distinct bodies cost nothing to make; a copy keeps the body but for a
 * new dateline, a credit line and its last 15% cut, the edits syndication makes. Reported:
 * milliseconds per article of the whole linking (signature, the store's three round trips per
 * batch), the signature alone, the CPU time Elasticsearch spent per article, the copies found
 * and the new articles wrongly linked. The first row (empty store) includes the warm-up; the
 * second (a few thousand stored) is the fair comparison for the last.
 */
@Command(name = "bench-duplicates", mixinStandardHelpOptions = true,
        description = "Near-copy detection cost per article with an empty store and with --stored articles stored.")
public final class DuplicatesBenchmark implements Callable<Integer> {

    @Option(names = "--elasticsearch", required = true, description = "Elasticsearch URL, e.g. http://127.0.0.1:9200")
    String elasticsearch;

    @Option(names = "--stored", defaultValue = "100000", description = "articles to store before the second measurement (${DEFAULT-VALUE})")
    int stored;

    @Option(names = "--batch", defaultValue = "200", description = "articles per linking call, like a poll (${DEFAULT-VALUE})")
    int batch;

    @Option(names = "--measured", defaultValue = "2000", description = "articles linked per measurement (${DEFAULT-VALUE})")
    int measured;

    private final Random random = new Random(11);
    private final String[] vocabulary = new String[20_000];

    @Override
    public Integer call() throws Exception {
        for (int i = 0; i < vocabulary.length; i++) {
            vocabulary[i] = word(i);
        }
        String index = "news-duplicates-bench-" + System.currentTimeMillis();
        try (RestClient client = RestClient.builder(HttpHost.create(elasticsearch)).build()) {
            var store = new ElasticsearchDuplicateStore(client, index, Clock.systemUTC());
            store.createIndexIfMissing(0);
            var linker = new DuplicateLinker(store, new DuplicateLinker.Settings(Duration.ofDays(7), 0.5, 25));
            try {
                List<ArticleEnriched> originals = new ArrayList<>();
                System.out.printf("synthetic articles of 300 words, batches of %d, %d articles per measurement%n%n",
                        batch, measured);
                System.out.printf("%10s %14s %16s %20s %14s %14s%n", "stored", "ms/article", "signature ms",
                        "Elasticsearch CPU ms", "copies found", "false links");
                measure(linker, originals, 0, client); // also the warm-up
                List<ArticleEnriched> first = new ArrayList<>();
                for (int i = 0; i < measured; i++) {
                    first.add(fresh(2_000_000 + i));
                }
                linker.link(first).articles();
                originals.addAll(first);
                measure(linker, originals, originals.size(), client);
                long fillStarted = System.nanoTime();
                while (originals.size() < stored) {
                    List<ArticleEnriched> fill = new ArrayList<>();
                    for (int i = 0; i < 1000 && originals.size() + fill.size() < stored; i++) {
                        fill.add(fresh(originals.size() + fill.size()));
                    }
                    linker.link(fill).articles();
                    originals.addAll(fill);
                }
                double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;
                measure(linker, originals, originals.size(), client);
                System.out.printf("%nfilling the store: %,d articles in %.1f s (%.0f articles/s, batches of 1,000)%n",
                        originals.size(), fillSeconds, originals.size() / fillSeconds);
                System.out.println("store size: " + size(client, index));
            } finally {
                client.performRequest(new Request("DELETE", "/" + index));
            }
        }
        return 0;
    }

    private void measure(DuplicateLinker linker, List<ArticleEnriched> originals, int storedNow, RestClient client)
            throws java.io.IOException {
        List<ArticleEnriched> articles = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < measured; i++) {
            if (i % 2 == 0 && !originals.isEmpty()) {
                ArticleEnriched source = originals.get(random.nextInt(originals.size()));
                articles.add(copyOf(source, "m" + storedNow + "-" + i));
                expected.add(source.id());
            } else {
                articles.add(fresh(1_000_000 + storedNow + i));
                expected.add(null);
            }
        }
        MinHasher hasher = new MinHasher();
        long signatureStarted = System.nanoTime();
        articles.forEach(a -> hasher.signature(a.body()));
        double signatureMs = (System.nanoTime() - signatureStarted) / 1e6 / articles.size();
        int found = 0;
        int copies = 0;
        int falseLinks = 0;
        long cpuBefore = elasticsearchCpuMillis(client);
        long started = System.nanoTime();
        for (int from = 0; from < articles.size(); from += batch) {
            List<ArticleEnriched> linked = linker.link(articles.subList(from, Math.min(articles.size(), from + batch))).articles();
            for (int k = 0; k < linked.size(); k++) {
                String want = expected.get(from + k);
                var got = linked.get(k).duplicateOf();
                if (want != null) {
                    copies++;
                    found += got != null && got.id().equals(want) ? 1 : 0;
                } else if (got != null) {
                    falseLinks++;
                }
            }
        }
        double ms = (System.nanoTime() - started) / 1e6 / articles.size();
        double cpu = (elasticsearchCpuMillis(client) - cpuBefore) / (double) articles.size();
        System.out.printf("%,10d %14.3f %16.3f %20.3f %14s %14d%n", storedNow, ms, signatureMs, cpu,
                copies == 0 ? "-" : found + "/" + copies, falseLinks);
    }

    private ArticleEnriched fresh(int n) {
        StringBuilder body = new StringBuilder();
        for (int w = 0; w < 300; w++) {
            // skewed: frequent words are frequent, as in prose
            int rank = (int) Math.min(vocabulary.length - 1, Math.floor(Math.pow(random.nextDouble(), 3) * vocabulary.length));
            body.append(vocabulary[rank]).append(w % 25 == 24 ? ".\n\n" : " ");
        }
        return article("a" + n, body.toString().trim(), Instant.parse("2026-01-01T00:00:00Z").plusSeconds(n));
    }

    private static ArticleEnriched copyOf(ArticleEnriched source, String id) {
        String[] words = source.body().split(" ");
        String kept = String.join(" ", Arrays.copyOf(words, (int) (words.length * 0.85)));
        return article(id, "LONDON (Wire) - " + kept + "\n\n(Reporting by A. Writer; Editing by B. Editor)",
                source.publishedAt().plusSeconds(600));
    }

    private static ArticleEnriched article(String id, String body, Instant publishedAt) {
        return new ArticleEnriched(1, id, 1, "https://example.com/" + id, null, new Source("Bench", "example.com"),
                publishedAt, publishedAt, null, null, null, null, null, id, List.of(), null, Map.of(), null, body, 300, 1,
                null, List.of(), List.of(), List.of(), null, null, List.of(), List.of(), List.of(), null, null, null, null, null,
                null);
    }

    private static String word(int i) {
        StringBuilder w = new StringBuilder();
        int n = i + 1;
        while (n > 0) {
            w.append((char) ('a' + n % 26));
            n /= 26;
        }
        return w.append(i % 7 == 0 ? "ing" : i % 5 == 0 ? "ed" : "").toString();
    }

    /** The Elasticsearch process's CPU time so far (all nodes the URL reaches; one locally). */
    private static long elasticsearchCpuMillis(RestClient client) throws java.io.IOException {
        var response = client.performRequest(new Request("GET", "/_nodes/stats/process?filter_path=nodes.*.process.cpu"));
        var nodes = io.newsflow.contracts.EventJson.mapper().readTree(response.getEntity().getContent()).path("nodes");
        long total = 0;
        for (var node : nodes) {
            total += node.path("process").path("cpu").path("total_in_millis").asLong();
        }
        return total;
    }

    private static String size(RestClient client, String index) throws java.io.IOException {
        client.performRequest(new Request("POST", "/" + index + "/_refresh"));
        var stats = client.performRequest(new Request("GET", "/_cat/indices/" + index + "?h=docs.count,store.size"));
        return new String(stats.getEntity().getContent().readAllBytes()).trim() + " (documents, bytes on disk)";
    }
}
