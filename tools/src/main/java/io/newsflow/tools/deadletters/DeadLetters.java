package io.newsflow.tools.deadletters;

import io.newsflow.tools.kafka.TopicReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the dead-letter topics and sums them up by reason. */
public final class DeadLetters {

    private final TopicReader reader;

    public DeadLetters(TopicReader reader) {
        this.reader = reader;
    }

    /** Every dead letter {@code topic} holds now, oldest first per partition. */
    public List<DeadLetter> read(String topic) {
        List<DeadLetter> letters = new ArrayList<>();
        if (!reader.partitions(topic).isEmpty()) {
            reader.readAll(topic, record -> letters.add(DeadLetter.of(record)));
        }
        return letters;
    }

    /**
     * Counts by reason, with the oldest and newest dead letter of each.
     *
     * @param count  dead letters with that reason
     * @param oldest when the first was written
     * @param newest when the last was written
     */
    public record Tally(long count, Instant oldest, Instant newest) {
        Tally add(DeadLetter letter) {
            return new Tally(count + 1, oldest == null || letter.time().isBefore(oldest) ? letter.time() : oldest,
                    newest == null || letter.time().isAfter(newest) ? letter.time() : newest);
        }
    }

    /** The dead letters by reason, reasons in alphabetical order. */
    public static Map<String, Tally> byReason(List<DeadLetter> letters) {
        Map<String, Tally> tallies = new TreeMap<>();
        for (DeadLetter letter : letters) {
            tallies.merge(letter.reason(), new Tally(0, null, null).add(letter), (a, b) -> a.add(letter));
        }
        return tallies;
    }
}
