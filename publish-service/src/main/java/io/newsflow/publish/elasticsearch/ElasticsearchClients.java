package io.newsflow.publish.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.EventJson;
import io.newsflow.elasticsearch.ElasticsearchConnection;
import io.newsflow.publish.PublishProperties.ElasticsearchProperties;
import org.elasticsearch.client.RestClient;

/**
 * The service's Elasticsearch clients: the low-level one from the shared
 * {@link ElasticsearchConnection} (addresses, TLS, credentials), and the typed one over it.
 * Documents are written with the shared event mapper, so dates are ISO-8601 like on the topics.
 * Shared by the service and the command-line backfill.
 */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** The low-level client ({@link ElasticsearchConnection#open}); close it when done. */
    public static RestClient restClient(ElasticsearchProperties settings) {
        return settings.connection().open();
    }

    /** The typed client over {@code restClient}. */
    public static ElasticsearchClient client(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new Jackson3JsonpMapper(EventJson.mapper())));
    }
}
