package io.newsflow.testinfra;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** A single-node KRaft broker inside the test JVM, on a free port. */
final class EmbeddedKafka implements TestInfrastructure.KafkaServer {

    private final EmbeddedKafkaKraftBroker broker;

    EmbeddedKafka() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        // Services declare their topics themselves; auto-creation would hide a missing declaration.
        broker.brokerProperty("auto.create.topics.enable", "false");
        // tests create many short-lived consumer groups; don't wait 3 s for more members each time
        broker.brokerProperty("group.initial.rebalance.delay.ms", "0");
        // the enrich service writes in transactions; one broker holds their state log
        broker.brokerProperty("transaction.state.log.replication.factor", "1");
        broker.brokerProperty("transaction.state.log.min.isr", "1");
        broker.afterPropertiesSet();
    }

    @Override
    public String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
