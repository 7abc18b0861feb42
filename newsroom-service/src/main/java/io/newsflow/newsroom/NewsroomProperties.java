package io.newsflow.newsroom;

import io.newsflow.elasticsearch.ElasticsearchConnection;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the newsroom, under {@code newsflow.newsroom}.
 *
 * @param elasticsearch how to reach the cluster; the credentials need read access to the alias
 *                      only (the newsroom never writes)
 * @param alias         the index alias the publish service writes to
 * @param accessKey     when set, the API needs it ({@code Authorization: Bearer <key>}; the page
 *                      asks for it once and keeps it in the browser's local storage); empty: open,
 *                      as locally
 */
@ConfigurationProperties("newsflow.newsroom")
public record NewsroomProperties(
        @DefaultValue ElasticsearchProperties elasticsearch,
        @DefaultValue("news-articles") String alias,
        @DefaultValue("") String accessKey) {

    /**
     * @param uris           node URLs
     * @param username       basic-auth user (optional; a read-only role is enough)
     * @param password       basic-auth password
     * @param apiKey         an API key instead of a user (optional)
     * @param caCertificate  PEM file of the CA that signed the cluster's certificate (https)
     * @param connectTimeout TCP connect timeout
     * @param socketTimeout  how long a search may take before the API answers 503
     */
    public record ElasticsearchProperties(
            @DefaultValue("http://127.0.0.1:9200") List<String> uris,
            String username,
            String password,
            String apiKey,
            String caCertificate,
            @DefaultValue("2s") Duration connectTimeout,
            @DefaultValue("10s") Duration socketTimeout) {

        public ElasticsearchConnection connection() {
            return new ElasticsearchConnection(uris, username, password, apiKey, ElasticsearchConnection.file(caCertificate), connectTimeout,
                    socketTimeout);
        }
    }
}
