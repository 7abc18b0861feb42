package io.newsflow.publish.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.newsflow.publish.PublishProperties;
import org.elasticsearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The Elasticsearch client of the service (see {@link ElasticsearchClients} for why it is built by hand). */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    RestClient elasticsearchRestClient(PublishProperties properties) {
        return ElasticsearchClients.restClient(properties.elasticsearch());
    }

    @Bean
    ElasticsearchClient elasticsearchClient(RestClient restClient) {
        return ElasticsearchClients.client(restClient);
    }

    @Bean
    ElasticsearchHealthIndicator elasticsearchHealthIndicator(RestClient restClient, PublishProperties properties) {
        return new ElasticsearchHealthIndicator(restClient, properties.elasticsearch().healthTimeout());
    }
}
