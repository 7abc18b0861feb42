package io.newsflow.publish.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.EventJson;
import io.newsflow.publish.PublishProperties.ElasticsearchProperties;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/**
 * Builds the Elasticsearch client, by hand: Boot 4's auto-configuration targets the 9.x
 * {@code Rest5Client}, while this service uses the 8.19 client so that it talks to both 8.x and
 * 9.x clusters (a 9.x client sends {@code compatible-with=9}, which 8.x servers refuse).
 * Documents are written with the shared event mapper, so dates are ISO-8601 like on the topics.
 * Shared by the service and the command-line backfill.
 */
public final class ElasticsearchClients {

    private ElasticsearchClients() {
    }

    /** The low-level client; close it when done. */
    public static RestClient restClient(ElasticsearchProperties settings) {
        RestClientBuilder builder = RestClient.builder(settings.uris().stream().map(HttpHost::create)
                        .toArray(HttpHost[]::new))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setSocketTimeout((int) settings.socketTimeout().toMillis()));
        if (settings.username() != null && !settings.username().isBlank()) {
            var credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(settings.username(), settings.password()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return builder.build();
    }

    /** The typed client over {@code restClient}. */
    public static ElasticsearchClient client(RestClient restClient) {
        return new ElasticsearchClient(new RestClientTransport(restClient, new Jackson3JsonpMapper(EventJson.mapper())));
    }
}
