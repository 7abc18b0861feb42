package io.newsflow.kafka;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * Carries an article's trace from record to record: the W3C {@code traceparent} (and
 * {@code tracestate}) header that the ingest service writes from the HTTP request that brought
 * the article in is continued by each stage, one span per record, and written onto the records it
 * produces, so one trace follows an article from {@code POST /api/v1/articles} to its alerts.
 *
 * <p>By hand because the stages consume in batches, and Spring Kafka observes records only for
 * record listeners; the propagation itself is Micrometer Tracing's (OpenTelemetry underneath).
 */
public final class RecordTracing {

    private static final Propagator.Getter<Headers> GETTER = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };
    private static final Propagator.Setter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final Tracer tracer;
    private final Propagator propagator;

    public RecordTracing(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** Tracing through the service's tracer and propagator, or none where either is missing. */
    public static RecordTracing of(Tracer tracer, Propagator propagator) {
        return tracer == null || propagator == null ? off() : new RecordTracing(tracer, propagator);
    }

    /** Tracing that does nothing, where no tracer is configured (tests of plain logic). */
    public static RecordTracing off() {
        return new RecordTracing(Tracer.NOOP, Propagator.NOOP);
    }

    /** Starts a span continuing the trace of {@code incoming}'s headers (a new trace without one). */
    public Span continueFrom(Headers incoming, String name) {
        return propagator.extract(incoming, GETTER).kind(Span.Kind.CONSUMER).name(name).start();
    }

    /**
     * Puts {@code span} in scope until the scope is closed: what is logged meanwhile carries its
     * trace and span ids ({@code traceId}, {@code spanId} in the log line), so that a record's
     * log lines can be found from its trace and the other way round.
     */
    public Tracer.SpanInScope scope(Span span) {
        return tracer.withSpan(span);
    }

    /**
     * Runs {@code work} in a span of its own continuing {@code incoming}'s trace, in scope (see
     * {@link #scope}): for what happens to one record outside the batch's spans, such as its
     * dead-lettering.
     */
    public void inSpan(Headers incoming, String name, Runnable work) {
        Span span = continueFrom(incoming, name);
        try (Tracer.SpanInScope scope = scope(span)) {
            work.run();
        } catch (RuntimeException e) {
            span.error(e);
            throw e;
        } finally {
            span.end();
        }
    }

    /** Writes {@code span}'s context onto {@code outgoing}'s headers. */
    public void inject(Span span, Headers outgoing) {
        propagator.inject(span.context(), outgoing, SETTER);
    }

    /** Writes the current span's context (the HTTP request's, say) onto {@code outgoing}'s headers. */
    public void injectCurrent(Headers outgoing) {
        Span current = tracer.currentSpan();
        if (current != null) {
            inject(current, outgoing);
        }
    }
}
