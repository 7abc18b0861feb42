package io.newsflow.tools.audit;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.newsflow.contracts.Revisions;
import io.newsflow.tools.deadletters.DeadLetter;
import io.newsflow.tools.deadletters.DeadLetters;
import io.newsflow.tools.kafka.TopicReader;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Proves completeness on a live system: reads the posts accepted onto {@code news.raw} (all of
 * them, or since a time), the dead-letter topics, the consumer groups' progress and the index, and
 * says for every article where it ended (see {@link Ledger}). Read-only; safe while the services
 * run (an article still moving between two reads shows as in flight).
 */
public final class Audit {

    /**
     * Where to look.
     *
     * @param rawTopic        the accepted posts
     * @param enrichedTopic   the enriched records
     * @param rawDlt          dead letters of the enrich stage
     * @param enrichedDlt     dead letters of the publish stage
     * @param enrichGroup     the enrich service's consumer group
     * @param publishGroup    the publish service's consumer group
     * @param alias           the index alias
     */
    public record Names(String rawTopic, String enrichedTopic, String rawDlt, String enrichedDlt, String enrichGroup,
            String publishGroup, String alias) {

        public static Names defaults() {
            return new Names("news.raw", "news.enriched", "news.raw.dlt", "news.enriched.dlt", "enrich-service",
                    "publish-service", "news-articles");
        }
    }

    private static final int MGET_CHUNK = 1000;

    private final String bootstrapServers;
    private final ElasticsearchClient elasticsearch;
    private final Names names;

    public Audit(String bootstrapServers, ElasticsearchClient elasticsearch, Names names) {
        this.bootstrapServers = bootstrapServers;
        this.elasticsearch = elasticsearch;
        this.names = names;
    }

    /** @param since audit posts accepted at or after this time; null for all that the topic keeps */
    public Ledger.Report run(Instant since) throws IOException {
        Ledger ledger = new Ledger();
        try (TopicReader reader = new TopicReader(bootstrapServers)) {
            // progress first, posts second: a post is then never counted as processed too early
            reader.committed(names.enrichGroup(), names.rawTopic())
                    .forEach((partition, offset) -> ledger.enrichCommitted(partition.partition(), offset));
            Map<TopicPartition, Long> publishCommitted = reader.committed(names.publishGroup(), names.enrichedTopic());
            Map<TopicPartition, Long> from = since == null ? reader.beginningOffsets(names.rawTopic())
                    : reader.offsetsAt(names.rawTopic(), since);
            reader.read(from, reader.endOffsets(names.rawTopic()), record -> ledger.accepted(record.key(),
                    record.partition(), record.offset(), Revisions.of(record.timestamp(), record.offset())));

            Set<String> pending = new HashSet<>();
            Map<TopicPartition, Long> pendingFrom = reader.beginningOffsets(names.enrichedTopic());
            pendingFrom.replaceAll((partition, beginning) -> Math.max(beginning,
                    publishCommitted.getOrDefault(partition, beginning)));
            reader.read(pendingFrom, reader.endOffsets(names.enrichedTopic()), record -> pending.add(record.key()));
            ledger.pendingPublish(pending);

            DeadLetters deadLetters = new DeadLetters(reader);
            for (DeadLetter letter : deadLetters.read(names.rawDlt())) {
                ledger.rawDeadLetter(letter.originalPartition(), letter.originalOffset(), letter.reason());
            }
            for (DeadLetter letter : deadLetters.read(names.enrichedDlt())) {
                if (letter.articleId() != null) {
                    ledger.enrichedDeadLetter(letter.articleId(), letter.reason());
                }
            }
        }
        lookUp(ledger);
        return ledger.report();
    }

    private void lookUp(Ledger ledger) throws IOException {
        List<String> ids = ledger.ids();
        for (int from = 0; from < ids.size(); from += MGET_CHUNK) {
            List<String> chunk = ids.subList(from, Math.min(ids.size(), from + MGET_CHUNK));
            MgetResponse<Revision> response = elasticsearch.mget(m -> m.index(names.alias()).ids(chunk)
                    .sourceIncludes("revision"), Revision.class);
            for (MultiGetResponseItem<Revision> item : response.docs()) {
                if (item.isResult() && item.result().found() && item.result().source() != null) {
                    ledger.indexed(item.result().id(), item.result().source().revision());
                }
            }
        }
    }

    /** The one field the audit reads of a document. */
    public record Revision(long revision) {
    }
}
