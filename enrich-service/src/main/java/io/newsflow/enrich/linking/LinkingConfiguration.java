package io.newsflow.enrich.linking;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.enrich.duplicates.DuplicateLinker;
import io.newsflow.enrich.duplicates.ElasticsearchDuplicateStore;
import io.newsflow.enrich.stories.ElasticsearchStoryStore;
import io.newsflow.enrich.stories.StoryClusterer;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.elasticsearch.client.RestClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of the linking step: near-copy detection, then story clustering, both keeping their
 * memory in Elasticsearch when addresses are configured; otherwise {@link Linking#none()} (said
 * once at start: articles are then published without {@code duplicateOf} or {@code story}). Also
 * deletes, on a timer, the duplicate detection's entries past its window.
 */
@Configuration(proxyBeanMethods = false)
public class LinkingConfiguration {

    private static final Logger log = LoggerFactory.getLogger(LinkingConfiguration.class);

    @Bean(destroyMethod = "close")
    Resources linkingResources(EnrichProperties properties) {
        var elasticsearch = properties.elasticsearch();
        if (!elasticsearch.enabled()) {
            log.warn("Duplicate detection and stories are off: no Elasticsearch configured (ELASTICSEARCH_URIS); "
                    + "articles are published without duplicateOf and story");
            return new Resources(null, null, Linking.none());
        }
        RestClient client = elasticsearch.connection().open();
        log.info("Duplicate detection and stories keep their memory in {}", elasticsearch.connection());

        var duplicates = properties.duplicates();
        var duplicateStore = new ElasticsearchDuplicateStore(client, duplicates.index(), Clock.systemUTC());
        duplicateStore.createIndexIfMissing(elasticsearch.indexReplicas());
        var linker = new DuplicateLinker(duplicateStore, new DuplicateLinker.Settings(duplicates.window(),
                duplicates.threshold(), duplicates.minWords()));

        var stories = properties.stories();
        var storyStore = new ElasticsearchStoryStore(client, stories.index());
        storyStore.createIndexIfMissing(elasticsearch.indexReplicas());
        var clusterer = new StoryClusterer(storyStore, new StoryClusterer.Settings(stories.window(),
                stories.threshold(), stories.mergeThreshold()), Clock.systemUTC());

        ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "duplicates-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = duplicates.expireEvery().toMillis();
        expiry.scheduleWithFixedDelay(() -> {
            try {
                long deleted = duplicateStore.expire(duplicates.window());
                log.debug("Deleted {} duplicate-detection entries older than {}", deleted, duplicates.window());
            } catch (RuntimeException e) {
                log.warn("Could not delete old duplicate-detection entries (will try again): {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        log.info("Duplicate detection on (index {}, window {}, threshold {}); stories on (index {}, window {}, "
                        + "threshold {})", duplicates.index(), duplicates.window(), duplicates.threshold(), stories.index(),
                stories.window(), stories.threshold());
        int replicas = elasticsearch.indexReplicas();
        return new Resources(client, expiry, new Linking() {
            @Override
            public Linked link(List<ArticleEnriched> articles) {
                return LinkingConfiguration.link(articles, linker, clusterer, duplicateStore);
            }

            @Override
            public void prepare() {
                duplicateStore.createIndexIfMissing(replicas);
                storyStore.createIndexIfMissing(replicas);
            }

            @Override
            public boolean warmUp(List<ArticleEnriched> poll) {
                try {
                    linker.warmUp(poll);
                    clusterer.warmUp(poll);
                    return true;
                } catch (RuntimeException e) {
                    log.info("Linking's warm-up stopped, its store could not be read: {}", e.getMessage());
                    return false;
                }
            }
        });
    }

    /**
     * Copies first, then stories (a copy joins its original's story), then, in one write, the
     * copies' new originals and the stories remembered by article.
     */
    private static Linking.Linked link(List<ArticleEnriched> articles, DuplicateLinker linker, StoryClusterer clusterer,
            ElasticsearchDuplicateStore duplicateStore) {
        // from the moment the linker makes them findable as originals until their stories are
        // decided, a copy's poll on another thread waits for their stories (StoryClusterer#placing)
        List<String> ids = articles.stream().map(ArticleEnriched::id).toList();
        clusterer.placing(ids);
        try {
            return linkAnnounced(articles, linker, clusterer, duplicateStore);
        } finally {
            clusterer.placed(ids);
        }
    }

    private static Linking.Linked linkAnnounced(List<ArticleEnriched> articles, DuplicateLinker linker,
            StoryClusterer clusterer, ElasticsearchDuplicateStore duplicateStore) {
        DuplicateLinker.Linked copies = linker.decide(articles);
        List<ArticleEnriched> linked = copies.articles();
        Set<String> originals = new HashSet<>();
        linked.forEach(a -> {
            if (a.duplicateOf() != null) {
                originals.add(a.duplicateOf().id());
            }
        });
        // most came with the originals' entries the linker read; the rest (an original past its
        // signature's hops, say) in one more read
        Map<String, String> storyOfOriginal = new HashMap<>(copies.storyOfOriginal());
        originals.removeAll(storyOfOriginal.keySet());
        storyOfOriginal.putAll(duplicateStore.stories(originals));
        var clustered = clusterer.cluster(linked, storyOfOriginal);
        Map<String, String> storyByArticle = new HashMap<>();
        clustered.articles().forEach(a -> storyByArticle.put(a.id(), a.story().id()));
        linker.record(copies, storyByArticle);
        return new Linking.Linked(clustered.articles(), clustered.stories(), copies.corrections());
    }

    @Bean
    Linking linking(Resources resources) {
        return resources.linking();
    }

    /** What the linking holds open, closed with the context. */
    record Resources(RestClient client, ScheduledExecutorService expiry, Linking linking) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            if (expiry != null) {
                expiry.shutdownNow();
            }
            if (client != null) {
                client.close();
            }
        }
    }
}
