package io.newsflow.testinfra;

import org.testcontainers.elasticsearch.ElasticsearchContainer;

/** The Elasticsearch image, when a Docker engine is available. */
final class ContainerElasticsearch implements TestInfrastructure.SearchServer {

    static final String IMAGE = "docker.elastic.co/elasticsearch/elasticsearch:8.19.21";

    private final ElasticsearchContainer container;

    ContainerElasticsearch() {
        container = new ElasticsearchContainer(IMAGE)
                .withEnv("xpack.security.enabled", "false")
                .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m");
        container.start();
    }

    @Override
    public String url() {
        return "http://" + container.getHttpHostAddress();
    }

    @Override
    public void close() {
        container.stop();
    }
}
