package io.newsflow.ingest.broker;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.newsflow.ingest.IngestProperties;
import io.newsflow.ingest.intake.ArticleIntake;
import io.newsflow.ingest.intake.IntakeMetrics;
import io.newsflow.kafka.RecordTracing;
import java.time.Clock;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/** Wires the plain intake to Kafka, and declares the raw topic, which this service owns. */
@Configuration(proxyBeanMethods = false)
class ArticlesConfiguration {

    /**
     * Raw pages can be megabytes; the topic accepts records up to the producer's
     * {@code max.request.size} (see application.yml), not just the broker's 1 MB default. The
     * broker stamps each record with its append time, which is the article's revision (see
     * {@link io.newsflow.contracts.ArticleReceived}).
     */
    @Bean
    NewTopic rawArticlesTopic(IngestProperties properties, KafkaProperties kafka) {
        return TopicBuilder.name(properties.topic().name())
                .partitions(properties.topic().partitions())
                .replicas(properties.topic().replicas())
                .config("max.message.bytes", String.valueOf(maxRequestSize(kafka)))
                .config("message.timestamp.type", "LogAppendTime")
                .build();
    }

    /** Values are the events' JSON, already encoded by {@link RawArticle#toJson()}. */
    @Bean
    KafkaTemplate<String, byte[]> rawArticlesTemplate(KafkaProperties kafka) {
        var factory = new DefaultKafkaProducerFactory<String, byte[]>(kafka.buildProducerProperties(),
                new StringSerializer(), new ByteArraySerializer());
        return new KafkaTemplate<>(factory);
    }

    /** The HTTP request's trace continues on the raw record ({@code traceparent}). */
    @Bean
    RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return RecordTracing.of(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    IntakeMetrics intakeMetrics(MeterRegistry registry) {
        return new IntakeMetrics(registry);
    }

    /**
     * The publisher gives up on an acknowledgement after the send timeout (and counts it against
     * the broker); the intake waits a little longer, so that it sees the publisher's own verdict.
     */
    @Bean
    ArticleIntake articleIntake(KafkaTemplate<String, byte[]> rawArticlesTemplate,
            IngestProperties properties, IntakeMetrics metrics, RecordTracing tracing) {
        return new ArticleIntake(new KafkaRawArticlePublisher(rawArticlesTemplate, properties.topic().name(),
                properties.sendTimeout(), properties.brokerProbeInterval(), tracing),
                Clock.systemUTC(), properties.sendTimeout().plusMillis(500), metrics);
    }

    private static int maxRequestSize(KafkaProperties kafka) {
        Object configured = kafka.buildProducerProperties().get("max.request.size");
        return configured == null ? 1_048_576 : Integer.parseInt(configured.toString());
    }
}
