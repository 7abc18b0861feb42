package io.newsflow.ingest.status;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.EventJson;
import io.newsflow.ingest.IngestProperties;
import java.util.Arrays;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The index lookup behind the status endpoint, when an Elasticsearch URI is configured. The
 * client is built by hand, as in the publish service: Boot's auto-configuration targets the 9.x
 * client, which 8.x clusters refuse.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("!'${newsflow.ingest.status.elasticsearch-uri:}'.isBlank()")
class StatusConfiguration {

    @Bean(destroyMethod = "close")
    RestClient statusRestClient(IngestProperties properties) {
        var settings = properties.status();
        int timeout = (int) settings.timeout().toMillis();
        return RestClient.builder(Arrays.stream(settings.elasticsearchUri().split(",")).map(String::strip)
                        .filter(uri -> !uri.isEmpty()).map(HttpHost::create).toArray(HttpHost[]::new))
                .setRequestConfigCallback(request -> request.setConnectTimeout(timeout).setSocketTimeout(timeout)
                        .setConnectionRequestTimeout(timeout))
                .build();
    }

    @Bean
    ArticleLookup articleLookup(RestClient statusRestClient, IngestProperties properties) {
        return new ArticleLookup(new ElasticsearchClient(new RestClientTransport(statusRestClient,
                new Jackson3JsonpMapper(EventJson.mapper()))), properties.status().alias());
    }
}
