package io.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

/**
 * Values read as the consumer hands them over (a {@link ByteBuffer} into a larger array, as a
 * slice of a decompressed batch is): the same events, and the same flags on unreadable ones, as
 * through Spring's deserializers.
 */
class EventSerdesTest {

    public record Note(String id, String text) {
    }

    private final Deserializer<Note> deserializer = EventSerdes.deserializer(Note.class);

    /** {@code json} in the middle of a larger array, as a buffer with an offset and a position. */
    private static ByteBuffer inPlace(String json) {
        byte[] value = json.getBytes(StandardCharsets.UTF_8);
        byte[] batch = new byte[value.length + 40];
        System.arraycopy(value, 0, batch, 25, value.length);
        ByteBuffer slice = ByteBuffer.wrap(batch, 10, batch.length - 10).slice(); // arrayOffset 10
        return slice.position(15).limit(15 + value.length);
    }

    @Test
    void aValueIsReadWhereItLies() {
        Headers headers = new RecordHeaders();

        Note note = deserializer.deserialize("news.raw", headers, inPlace("{\"id\":\"a1\",\"text\":\"héllo\"}"));

        assertThat(note).isEqualTo(new Note("a1", "héllo"));
        assertThat(headers.toArray()).isEmpty();
    }

    @Test
    void anUnreadableValueIsFlaggedWithItsOwnBytes() {
        Headers headers = new RecordHeaders();

        Note note = deserializer.deserialize("news.raw", headers, inPlace("{\"id\":\"a1\",\"text\":"));

        assertThat(note).isNull();
        assertThat(headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).isNotNull();
        DeserializationException flagged = SerializationUtils.byteArrayToDeserializationException(null,
                headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER));
        assertThat(new String(flagged.getData(), StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"a1\",\"text\":");
    }

    @Test
    void aProducersHeaderCannotMarkAReadableValueUnreadable() {
        Headers headers = new RecordHeaders();
        headers.add(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, "forged".getBytes(StandardCharsets.UTF_8));

        Note note = deserializer.deserialize("news.raw", headers, inPlace("{\"id\":\"a2\",\"text\":\"ok\"}"));

        assertThat(note).isEqualTo(new Note("a2", "ok"));
        assertThat(headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER)).isNull();
    }

    @Test
    void aTombstoneIsNull() {
        assertThat(deserializer.deserialize("news.raw", new RecordHeaders(), (ByteBuffer) null)).isNull();
    }
}
