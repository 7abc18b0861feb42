package io.newsflow.newsroom.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.EventJson;
import io.newsflow.newsroom.NewsroomProperties;
import io.newsflow.newsroom.search.ArticleSearch;
import org.elasticsearch.client.RestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch client (the shared {@link io.newsflow.elasticsearch.ElasticsearchConnection}:
 * addresses, TLS, credentials; the newsroom needs read access only), and the search over it.
 */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    RestClient newsroomRestClient(NewsroomProperties properties) {
        return properties.elasticsearch().connection().open();
    }

    @Bean
    ArticleSearch articleSearch(RestClient newsroomRestClient, NewsroomProperties properties) {
        return new ArticleSearch(new ElasticsearchClient(new RestClientTransport(newsroomRestClient,
                new Jackson3JsonpMapper(EventJson.mapper()))), properties.alias());
    }
}
