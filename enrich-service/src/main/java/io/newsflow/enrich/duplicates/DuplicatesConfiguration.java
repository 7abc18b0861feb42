package io.newsflow.enrich.duplicates;

import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.enrich.EnrichProperties;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wiring of near-copy detection: the linking step the stream applies to each poll's articles
 * before writing them, backed by Elasticsearch when addresses are configured, and otherwise the
 * identity (said once at start: every article is then published as no copy). Also deletes, on a
 * timer, what has left the window.
 */
@Configuration(proxyBeanMethods = false)
public class DuplicatesConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DuplicatesConfiguration.class);

    /** Marks the copies among a poll's articles; see {@link DuplicateLinker}. */
    public interface Linking extends UnaryOperator<List<ArticleEnriched>> {
    }

    @Bean(destroyMethod = "close")
    Resources duplicateResources(EnrichProperties properties) {
        var settings = properties.duplicates();
        if (!settings.enabled()) {
            log.warn("Duplicate detection is off: no Elasticsearch configured (newsflow.enrich.duplicates.uris); "
                    + "articles are published without duplicateOf");
            return new Resources(null, null, articles -> articles);
        }
        RestClientBuilder builder = RestClient.builder(settings.uris().stream().map(HttpHost::create)
                .toArray(HttpHost[]::new));
        if (settings.username() != null && !settings.username().isBlank()) {
            var credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(settings.username(), settings.password()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        RestClient client = builder.build();
        var store = new ElasticsearchDuplicateStore(client, settings.index(), Clock.systemUTC());
        store.createIndexIfMissing(settings.replicas());
        var linker = new DuplicateLinker(store, new DuplicateLinker.Settings(settings.window(), settings.threshold(),
                settings.minWords()));
        ScheduledExecutorService expiry = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "duplicates-expiry");
            thread.setDaemon(true);
            return thread;
        });
        long every = settings.expireEvery().toMillis();
        expiry.scheduleWithFixedDelay(() -> {
            try {
                long deleted = store.expire(settings.window());
                log.debug("Deleted {} duplicate-detection entries older than {}", deleted, settings.window());
            } catch (RuntimeException e) {
                log.warn("Could not delete old duplicate-detection entries (will try again): {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        log.info("Duplicate detection on: index {}, window {}, threshold {}", settings.index(), settings.window(),
                settings.threshold());
        return new Resources(client, expiry, linker::link);
    }

    @Bean
    Linking duplicateLinking(Resources resources) {
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
