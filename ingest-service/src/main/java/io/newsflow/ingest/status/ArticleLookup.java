package io.newsflow.ingest.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch.core.GetResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.Optional;

/**
 * Looks an article up in the search index the publish service writes, through the alias: found
 * there means enriched and indexed, at the revision that is current. Plain Java over the
 * Elasticsearch client.
 */
final class ArticleLookup {

    private final ElasticsearchClient client;
    private final String alias;

    ArticleLookup(ElasticsearchClient client, String alias) {
        this.client = client;
        this.alias = alias;
    }

    /** The fields of a document the status answer shows. */
    record Indexed(long revision, Instant receivedAt, Instant indexedAt, String url, String title) {
    }

    /**
     * The article's document, or empty when none is indexed (or there is no index yet).
     *
     * @throws IOException when the index cannot answer now
     */
    Optional<Indexed> find(String id) throws IOException {
        GetResponse<Indexed> response;
        try {
            response = client.get(get -> get.index(alias).id(id)
                    .sourceIncludes("revision", "receivedAt", "indexedAt", "url", "title"), Indexed.class);
        } catch (ElasticsearchException e) {
            if (e.status() == 404) {
                return Optional.empty(); // no index behind the alias yet
            }
            throw new IOException("The index answered " + e.status() + ": " + e.getMessage(), e);
        }
        return response.found() ? Optional.ofNullable(response.source()) : Optional.empty();
    }
}
