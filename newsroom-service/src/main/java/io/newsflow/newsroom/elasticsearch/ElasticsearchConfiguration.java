package io.newsflow.newsroom.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.Jackson3JsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.contracts.EventJson;
import io.newsflow.newsroom.NewsroomProperties;
import io.newsflow.newsroom.search.ArticleSearch;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Elasticsearch client, built by hand as in the other services (Boot's auto-configuration
 * targets the 9.x client, which 8.x clusters refuse), and the search over it.
 */
@Configuration(proxyBeanMethods = false)
class ElasticsearchConfiguration {

    @Bean(destroyMethod = "close")
    RestClient newsroomRestClient(NewsroomProperties properties) {
        var settings = properties.elasticsearch();
        RestClientBuilder builder = RestClient.builder(settings.uris().stream().map(HttpHost::create)
                        .toArray(HttpHost[]::new))
                .setRequestConfigCallback(request -> request
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setConnectionRequestTimeout((int) settings.connectTimeout().toMillis())
                        .setSocketTimeout((int) settings.socketTimeout().toMillis()));
        if (settings.username() != null && !settings.username().isBlank()) {
            var credentials = new BasicCredentialsProvider();
            credentials.setCredentials(AuthScope.ANY,
                    new UsernamePasswordCredentials(settings.username(), settings.password()));
            builder.setHttpClientConfigCallback(http -> http.setDefaultCredentialsProvider(credentials));
        }
        return builder.build();
    }

    @Bean
    ArticleSearch articleSearch(RestClient newsroomRestClient, NewsroomProperties properties) {
        return new ArticleSearch(new ElasticsearchClient(new RestClientTransport(newsroomRestClient,
                new Jackson3JsonpMapper(EventJson.mapper()))), properties.alias());
    }
}
