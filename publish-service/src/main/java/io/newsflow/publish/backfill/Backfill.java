package io.newsflow.publish.backfill;

import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.newsflow.contracts.ArticleEnriched;
import io.newsflow.contracts.EventJson;
import io.newsflow.publish.indexing.ArticleIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds the article index from the enriched topic: re-reads it into a new index version, then
 * swaps the alias to it in one atomic step. Readers never see a half-built index, and the old
 * one stays until its owner deletes it.
 *
 * <p>Nothing the running publish service writes meanwhile is lost. The rebuild reads up to the
 * topic's end as of its start, swaps the alias, then reads on to the end as of the swap: any
 * record the service may have written to the old index before the swap is therefore replayed
 * into the new one, and every record after the swap reaches the new one through the alias.
 * Replaying is harmless because every write is versioned by revision (see {@link ArticleIndex}).
 *
 * <p>The enriched topic is compacted (its owner declares it so): it keeps the latest record of
 * every article for as long as the article exists, which is exactly what a rebuild needs.
 */
public final class Backfill {

    private static final Pattern VERSION = Pattern.compile("-v(\\d+)$");
    private static final int MAX_ATTEMPTS = 12;
    private static final RetryConfig RETRY = RetryConfig.<List<ArticleIndex.Write>>custom()
            .maxAttempts(MAX_ATTEMPTS)
            .intervalFunction(IntervalFunction.ofExponentialBackoff(Duration.ofSeconds(1), 2, Duration.ofSeconds(30)))
            .retryOnResult(remaining -> !remaining.isEmpty())
            .retryExceptions(IOException.class)
            .build();

    private final Consumer<String, byte[]> consumer;
    private final ArticleIndex index;
    private final PrintStream progress;

    public Backfill(Consumer<String, byte[]> consumer, ArticleIndex index, PrintStream progress) {
        this.consumer = consumer;
        this.index = index;
        this.progress = progress;
    }

    /**
     * @param topic   the enriched topic
     * @param from    re-read records appended at or after this time only (null: from the beginning)
     * @param version the new index's version (null: one above the current one)
     */
    public record Options(String topic, Instant from, Integer version) {
    }

    /** What a rebuild did. */
    public record Report(String previousIndex, String newIndex, long records, long written, long stale,
            long deleted, long rejected, long unreadable, Duration took) {
    }

    public Report run(Options options) throws IOException, InterruptedException {
        long start = System.nanoTime();
        String previous = index.currentIndex();
        String target = index.versionedName(options.version() != null ? options.version() : nextVersion(previous));
        if (target.equals(previous)) {
            throw new IllegalStateException("The alias already points at " + target + "; choose another version");
        }
        List<TopicPartition> partitions = consumer.partitionsFor(options.topic()).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        if (partitions.isEmpty()) {
            throw new IllegalStateException("Topic " + options.topic() + " does not exist");
        }
        consumer.assign(partitions);
        Map<TopicPartition, Long> starts = startOffsets(partitions, options.from());
        Counts counts = new Counts();
        index.createForBuilding(target);
        ArticleIndex writer = index.writingTo(target);
        progress.printf("building %s from %s (%s)%n", target, options.topic(),
                options.from() == null ? "from the beginning" : "records since " + options.from());
        Map<TopicPartition, Long> firstEnds = consumer.endOffsets(partitions);
        copy(writer, starts, firstEnds, counts);
        index.finishBuilding(target);
        index.swapAlias(previous, target);
        progress.printf("alias now points at %s%s; catching up with records appended meanwhile%n", target,
                previous == null ? "" : " (was " + previous + ")");
        copy(writer, firstEnds, consumer.endOffsets(partitions), counts);
        return new Report(previous, target, counts.records, counts.written, counts.stale, counts.deleted,
                counts.rejected, counts.unreadable, Duration.ofNanos(System.nanoTime() - start));
    }

    static int nextVersion(String currentIndex) {
        if (currentIndex == null) {
            return 1;
        }
        Matcher matcher = VERSION.matcher(currentIndex);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) + 1 : 1;
    }

    private Map<TopicPartition, Long> startOffsets(List<TopicPartition> partitions, Instant from) {
        Map<TopicPartition, Long> starts = new HashMap<>(consumer.beginningOffsets(partitions));
        if (from != null) {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, from.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp at = found.get(partition);
                starts.put(partition, at == null ? ends.get(partition) : at.offset());
            }
        }
        return starts;
    }

    /** Copies the records between {@code from} (inclusive) and {@code to} (exclusive) into the index. */
    private void copy(ArticleIndex writer, Map<TopicPartition, Long> from, Map<TopicPartition, Long> to,
            Counts counts) throws IOException, InterruptedException {
        from.forEach(consumer::seek);
        long lastReport = System.nanoTime();
        while (from.keySet().stream().anyMatch(partition -> consumer.position(partition) < to.get(partition))) {
            List<ArticleIndex.Write> writes = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofSeconds(1))) {
                if (record.offset() >= to.get(new TopicPartition(record.topic(), record.partition()))) {
                    continue; // the next pass (or the running service) covers it
                }
                counts.records++;
                if (record.value() == null) {
                    writes.add(new ArticleIndex.Write.Delete(record.key()));
                    continue;
                }
                try {
                    writes.add(new ArticleIndex.Write.Upsert(
                            EventJson.mapper().readValue(record.value(), ArticleEnriched.class)));
                } catch (RuntimeException e) {
                    counts.unreadable++; // the running service dead-lettered it when it first came
                }
            }
            write(writer, writes, counts);
            if (System.nanoTime() - lastReport > 5_000_000_000L) {
                progress.printf("  %,d records, %,d written%n", counts.records, counts.written);
                lastReport = System.nanoTime();
            }
        }
    }

    /**
     * Writes a bulk, and again the items Elasticsearch asked to retry (429, 5xx) or all of them
     * when it could not be reached, with exponential back-off (Resilience4j), up to
     * {@value #MAX_ATTEMPTS} attempts; then gives up with the alias unchanged.
     */
    private void write(ArticleIndex writer, List<ArticleIndex.Write> writes, Counts counts)
            throws IOException, InterruptedException {
        List<List<ArticleIndex.Write>> pending = new ArrayList<>(List.of(writes));
        Retry retry = Retry.of("backfill-bulk", RETRY);
        retry.getEventPublisher().onRetry(event -> progress.printf("  Elasticsearch %s; retrying in %d ms%n",
                event.getLastThrowable() != null ? "unavailable (" + event.getLastThrowable().getMessage() + ")"
                        : "asked to retry " + pending.get(0).size() + " writes",
                event.getWaitInterval().toMillis()));
        List<ArticleIndex.Write> left;
        try {
            left = retry.executeCheckedSupplier(() -> {
                List<ArticleIndex.Write> again = writeOnce(writer, pending.get(0), counts);
                pending.set(0, again);
                return again;
            });
        } catch (IOException | InterruptedException | RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
        if (!left.isEmpty()) {
            throw new IOException("Elasticsearch did not take " + left.size() + " writes after " + MAX_ATTEMPTS
                    + " attempts; the alias was not changed unless the rebuild had finished");
        }
    }

    /** One bulk: counts what was done, returns what Elasticsearch asked to retry. */
    private List<ArticleIndex.Write> writeOnce(ArticleIndex writer, List<ArticleIndex.Write> pending, Counts counts)
            throws IOException {
        List<ArticleIndex.Write> retry = new ArrayList<>();
        List<ArticleIndex.Outcome> outcomes = writer.write(pending);
        for (int i = 0; i < outcomes.size(); i++) {
            ArticleIndex.Outcome outcome = outcomes.get(i);
            switch (outcome.kind()) {
                case WRITTEN -> {
                    if (pending.get(i) instanceof ArticleIndex.Write.Delete) {
                        counts.deleted++;
                    } else {
                        counts.written++;
                    }
                }
                case STALE -> counts.stale++;
                case REJECTED -> {
                    counts.rejected++;
                    if (counts.rejected <= 5) {
                        progress.printf("  rejected: %s%n", outcome);
                    }
                }
                case RETRY -> retry.add(pending.get(i));
            }
        }
        return retry;
    }

    private static final class Counts {
        long records;
        long written;
        long stale;
        long deleted;
        long rejected;
        long unreadable;
    }
}
