package io.newsflow.testinfra;

import org.testcontainers.kafka.KafkaContainer;

/** The broker image that production runs, when a Docker engine is available. */
final class ContainerKafka implements TestInfrastructure.KafkaServer {

    static final String IMAGE = "apache/kafka-native:4.1.2";

    private final KafkaContainer container;

    ContainerKafka() {
        container = new KafkaContainer(IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
