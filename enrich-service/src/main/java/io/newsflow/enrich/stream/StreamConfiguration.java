package io.newsflow.enrich.stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import io.newsflow.contracts.ArticleReceived;
import io.newsflow.enrich.EnrichProperties;
import io.newsflow.enrich.linking.Linking;
import io.newsflow.enrich.pipeline.EnrichmentPipeline;
import io.newsflow.kafka.DeadLetterPublisher;
import io.newsflow.kafka.ErrorHandlers;
import io.newsflow.kafka.EventSerdes;
import io.newsflow.kafka.RecordTracing;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaConsumerFactoryCustomizer;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;

/**
 * Kafka wiring of the enrich service: typed JSON in, the enriched records' JSON out in one
 * transaction per poll, the topics this service owns, and what happens on failure (records that
 * can never succeed dead-lettered with a reason by the listener; anything else rolled back and
 * retried without limit).
 */
@Configuration(proxyBeanMethods = false)
class StreamConfiguration {

    private static final Logger log = LoggerFactory.getLogger(StreamConfiguration.class);

    /** Each article's trace (from the HTTP request that brought it in) continues on its enriched record. */
    @Bean
    RecordTracing recordTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return RecordTracing.of(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    EnrichmentPipeline enrichmentPipeline(MeterRegistry registry) {
        return EnrichmentPipeline.standard(Clock.systemUTC(), registry);
    }

    @Bean
    RawArticleHandler rawArticleHandler(EnrichmentPipeline pipeline, Linking linking,
            EnrichProperties properties, KafkaProperties kafka, ProducerFactory<String, byte[]> producers) {
        var warmup = properties.warmup();
        Warmup.Path path = warmup.articles() > 0 ? Warmup.path(maxRequestSize(kafka)) : null;
        if (path != null) {
            // this bean is made before the listener containers start: the consumers join their group
            // once the path is compiled
            Warmup.Result warm = Warmup.run(path, warmup.articles(), warmup.maxTime());
            log.info("Warmed up on {} sample articles ({} enriched) in {} ms, {}", warm.articles(), warm.written(),
                    warm.took().toMillis(), warm.settled() ? "the JIT settled"
                            : "stopped at the time limit with the JIT still compiling");
        }
        linking.prepare(); // its indices, if Elasticsearch was not up when the service started
        if (path != null) {
            Integer pollSize = kafka.getConsumer().getMaxPollRecords();
            int polls = Warmup.linking(linking, path, warmup.linkingTime(), pollSize == null ? 25 : pollSize);
            if (polls > 0) {
                log.info("Warmed up linking's reads on {} polls of sample articles", polls);
            }
        }
        Integer threads = kafka.getListener().getConcurrency();
        openProducers(producers, threads == null ? 1 : threads);
        return new RawArticleHandler(pipeline, linking, new RepostFilter(properties.repostMemory()),
                maxRequestSize(kafka));
    }

    /**
     * Opens the transactional producers the consumer threads will take (one each), before they
     * join their group, and hands them back to the factory's cache: each must register its
     * transactional id with the broker first ({@code InitProducerId}), and the very first one on
     * a fresh cluster waits for Kafka to create its transaction log (50 partitions). Done by the
     * first polls, that held a fresh instance's first articles for another second or two while
     * the load was already coming. Never fails: if the broker cannot be reached now (each
     * producer waits for it at most {@code max.block.ms}), the first polls do it as before.
     */
    static void openProducers(ProducerFactory<String, byte[]> factory, int count) {
        if (!factory.transactionCapable()) {
            return;
        }
        List<Producer<String, byte[]>> opened = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                opened.add(factory.createProducer());
            }
        } catch (RuntimeException e) {
            log.warn("Could not open the transactional producers before the consumers start (the first polls will): {}",
                    e.getMessage());
        } finally {
            opened.forEach(Producer::close); // back to the factory's cache, ready for the first transactions
        }
    }

    /**
     * Compacted: the topic keeps the latest record of every article (and a retraction's tombstone
     * for a day) without a time limit, so a consumer that starts from the beginning, such as the
     * publish service's index rebuild ({@code newsflow backfill}), sees every current article.
     * Records may be as large as the producer sends (a long article with its enrichments).
     */
    @Bean
    NewTopic enrichedArticlesTopic(EnrichProperties properties, KafkaProperties kafka) {
        var topic = properties.output();
        return TopicBuilder.name(topic.name()).partitions(topic.partitions()).replicas(topic.replicas())
                .config("cleanup.policy", "compact")
                .config("max.message.bytes", String.valueOf(maxRequestSize(kafka)))
                .build();
    }

    /** Compacted: the latest state of every story, as long as it exists. */
    @Bean
    NewTopic storiesTopic(EnrichProperties properties) {
        var output = properties.output();
        return TopicBuilder.name(properties.stories().topic()).partitions(output.partitions())
                .replicas(output.replicas()).config("cleanup.policy", "compact").build();
    }

    /** Compacted: the latest correction of every article that turned out to be a copy of a late original. */
    @Bean
    NewTopic duplicateCorrectionsTopic(EnrichProperties properties) {
        var output = properties.output();
        return TopicBuilder.name(properties.duplicates().topic()).partitions(output.partitions())
                .replicas(output.replicas()).config("cleanup.policy", "compact").build();
    }

    @Bean
    NewTopic rawDeadLetterTopic(EnrichProperties properties, KafkaProperties kafka) {
        var topic = properties.deadLetter();
        return DeadLetterPublisher.topic(topic.name(), topic.partitions(), topic.replicas(),
                kafka.buildProducerProperties());
    }

    /** Values are read as {@link ArticleReceived}; an unreadable one reaches the listener flagged. */
    @Bean
    DefaultKafkaConsumerFactoryCustomizer rawArticleDeserializer() {
        return EventSerdes.readingValuesAs(ArticleReceived.class);
    }

    /**
     * Values are the enriched records' JSON, made (and measured) by {@link RawArticleHandler}.
     * Boot's producer factory, which is transactional ({@code transaction-id-prefix}): the listener
     * container begins a transaction per poll, the enriched records are written in it, and the raw
     * offsets are committed with it, so each post is enriched into exactly one committed record
     * even when an instance dies mid-poll (consumers read with {@code isolation.level=read_committed}).
     */
    @Bean
    KafkaTemplate<String, byte[]> enrichedArticleTemplate(ProducerFactory<String, byte[]> producerFactory) {
        return new KafkaTemplate<>(producerFactory);
    }

    @Bean
    DeadLetterPublisher deadLetters(KafkaProperties kafka, EnrichProperties properties, MeterRegistry meters) {
        return new DeadLetterPublisher(kafka.buildProducerProperties(), properties.deadLetter().name(), meters);
    }

    /**
     * What follows a rolled-back poll: the whole poll again, after a back-off, for as long as it
     * takes (records that can never be enriched are dead-lettered by the listener itself).
     */
    @Bean
    DefaultAfterRollbackProcessor<Object, Object> afterRollbackProcessor(EnrichProperties properties) {
        return ErrorHandlers.retryAfterRollback(properties.retry().initialInterval(), properties.retry().maxInterval());
    }

    private static int maxRequestSize(KafkaProperties kafka) {
        Object configured = kafka.buildProducerProperties().get("max.request.size");
        return configured == null ? 1_048_576 : Integer.parseInt(configured.toString());
    }
}
