package io.newsflow.kafka;

import java.time.Duration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ContainerPausingBackOffHandler;
import org.springframework.kafka.listener.DefaultAfterRollbackProcessor;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerContainerPauseService;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The one error handler of every consuming stage, so that all of them treat failures alike:
 *
 * <ul>
 *   <li>a {@link DeadLetterException} (the stage classified the record as one that can never
 *       succeed) or an unreadable record goes to the dead-letter topic at once, through the
 *       {@link DeadLetterPublisher};</li>
 *   <li>everything else is taken as transient (the broker or Elasticsearch unavailable, slow,
 *       overloaded or blocking writes) and retried with exponential back-off, <em>without
 *       limit</em>: an outage delays the pipeline but never sends an article to a dead-letter
 *       topic, from which it would need a person to bring it back.</li>
 * </ul>
 *
 * <p>A stage whose listener runs in a Kafka transaction (enrich: read, process, write exactly once)
 * gets the same rule through {@link #retryAfterRollback}: it handles records that can never
 * succeed in the listener itself, so whatever rolls a transaction back is transient.
 *
 * <p>During a back-off the listener container is paused rather than its thread put to sleep: the
 * consumer keeps polling (and getting nothing), so it stays in its group however long the outage
 * lasts, with no rebalance and no busy loop, and resumes by itself when the back-off ends. Offsets
 * before the failed record are committed; it and the records after it are delivered again.
 */
public final class ErrorHandlers {

    private ErrorHandlers() {
    }

    /**
     * @param initialInterval first wait after a transient failure
     * @param maxInterval     longest wait between two attempts
     * @param listeners       the service's listener containers (to pause and resume them)
     * @param scheduler       resumes paused containers when their back-off ends
     */
    public static DefaultErrorHandler pauseAndRetry(DeadLetterPublisher deadLetters, Duration initialInterval,
            Duration maxInterval, KafkaListenerEndpointRegistry listeners, TaskScheduler scheduler) {
        var backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        var handler = new DefaultErrorHandler(deadLetters, backOff,
                new ContainerPausingBackOffHandler(new ListenerContainerPauseService(listeners, scheduler)));
        handler.addNotRetryableExceptions(DeadLetterException.class);
        return handler;
    }

    /**
     * For a stage whose failures are the other side's and may last for ever (a subscriber's
     * webhook that is down or refuses): {@code attempts} tries with back-off, pausing the container
     * meanwhile, then the dead-letter topic, so one broken receiver cannot hold back the records
     * behind it for longer than that. The {@code permanent} failures (and unreadable records) go
     * there at once; the reason of a dead letter is the failure's (see
     * {@link DeadLetterPublisher#reasonOf}), so a retried failure should be a {@link DeadLetterException}
     * subclass naming its reason.
     */
    @SafeVarargs
    public static DefaultErrorHandler retryThenDeadLetter(DeadLetterPublisher deadLetters, Duration initialInterval,
            Duration maxInterval, int attempts, KafkaListenerEndpointRegistry listeners, TaskScheduler scheduler,
            Class<? extends Exception>... permanent) {
        var backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        backOff.setMaxAttempts(Math.max(0, attempts - 1));
        var handler = new DefaultErrorHandler(deadLetters, backOff,
                new ContainerPausingBackOffHandler(new ListenerContainerPauseService(listeners, scheduler)));
        handler.addNotRetryableExceptions(permanent);
        return handler;
    }

    /**
     * For a listener in a Kafka transaction: after a rollback, the whole poll is delivered again
     * after a back-off, without limit (the records that can never succeed were dead-lettered by
     * the listener, so a rollback means the broker could not take the output now).
     */
    public static DefaultAfterRollbackProcessor<Object, Object> retryAfterRollback(Duration initialInterval,
            Duration maxInterval) {
        var backOff = new ExponentialBackOff(initialInterval.toMillis(), 2.0);
        backOff.setMaxInterval(maxInterval.toMillis());
        return new DefaultAfterRollbackProcessor<>(backOff);
    }
}
