package io.newsflow.ingest.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.EventJson;
import io.newsflow.ingest.IngestProperties;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The index lookup behind the status endpoint, when an Elasticsearch URI is configured, over
 * the shared {@link io.newsflow.elasticsearch.ElasticsearchConnection} (addresses, TLS,
 * credentials).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${newsflow.ingest.status.elasticsearch-uri:}'.isBlank()")
class StatusConfiguration {

    @Bean(destroyMethod = "close")
    RestClient statusRestClient(IngestProperties properties) {
        return properties.status().connection().open();
    }

    @Bean
    ArticleLookup articleLookup(RestClient statusRestClient, IngestProperties properties) {
        return new ArticleLookup(new ElasticsearchClient(new RestClientTransport(statusRestClient,
                new Jackson3JsonpMapper(EventJson.mapper()))), properties.status().alias());
    }
}
