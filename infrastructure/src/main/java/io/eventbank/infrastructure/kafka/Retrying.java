package io.eventbank.infrastructure.kafka;

import java.time.Duration;

import io.eventbank.infrastructure.health.HeldRecords;
import org.jboss.logging.Logger;

/**
 * A consumed record's handling, tried until it succeeds: a failure (the database or the broker is away, a conflict)
 * is retried with a backoff that grows to {@code maxBackoff}, for as long as it takes, while the consumer holds the
 * record's partition (nothing after it is handled; SmallRye pauses the partition meanwhile). Money is never given up
 * on a technical failure. Only a {@link MalformedMessageException} is thrown at once: a record that cannot be read
 * would fail forever, and belongs in the dead-letter topic. A record held long is reported by {@link HeldRecords}.
 */
public final class Retrying {

    private static final Logger LOG = Logger.getLogger(Retrying.class);

    private final String consumer;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final HeldRecords held;
    private volatile boolean stopping;

    public Retrying(String consumer, Duration backoff, Duration maxBackoff, HeldRecords held) {
        this.consumer = consumer;
        this.backoff = backoff;
        this.maxBackoff = maxBackoff;
        this.held = held;
    }

    public void run(String record, Runnable handling) {
        for (int attempt = 1; ; attempt++) {
            try {
                handling.run();
                if (attempt > 1) {
                    LOG.infof("%s: %s handled after %d attempts", consumer, record, attempt);
                }
                held.handled(consumer);
                return;
            } catch (MalformedMessageException e) {
                held.handled(consumer);
                throw e;
            } catch (RuntimeException e) {
                if (stopping) {
                    throw e;
                }
                held.failing(consumer, record, e.toString());
                if (attempt == 1 || Integer.bitCount(attempt) == 1) { // 1, 2, 4, 8, ...: loud but not flooding
                    LOG.warnf("%s: %s failed (attempt %d), holding the partition and retrying: %s", consumer,
                            record, attempt, e.toString());
                }
                pause(delay(attempt));
            }
        }
    }

    /** The service is stopping: a record that fails now is left for the next start, not retried. */
    public void stop() {
        stopping = true;
    }

    private Duration delay(int attempt) {
        Duration next = backoff.multipliedBy(1L << Math.min(attempt - 1, 10));
        return next.compareTo(maxBackoff) > 0 ? maxBackoff : next;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying", e);
        }
    }
}
