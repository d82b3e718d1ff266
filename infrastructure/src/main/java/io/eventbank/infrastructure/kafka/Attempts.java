package io.eventbank.infrastructure.kafka;

import java.time.Duration;

import org.jboss.logging.Logger;

/**
 * Bounded retries of a consumed record's handling: a technical failure is retried with exponential backoff, up to
 * {@code attempts} times, then thrown (the connector sends the record to the dead-letter topic and goes on). A
 * {@link MalformedMessageException} is never retried: it would fail the same way again.
 */
public final class Attempts {

    private static final Logger LOG = Logger.getLogger(Attempts.class);

    private final int attempts;
    private final Duration backoff;

    public Attempts(int attempts, Duration backoff) {
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
    }

    public void run(String what, Runnable handling) {
        for (int attempt = 1; ; attempt++) {
            try {
                handling.run();
                return;
            } catch (MalformedMessageException e) {
                throw e;
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    LOG.errorf(e, "giving up on %s after %d attempts", what, attempts);
                    throw e;
                }
                LOG.warnf("%s failed (attempt %d of %d), retrying: %s", what, attempt, attempts, e.toString());
                pause(backoff.multipliedBy(1L << Math.min(attempt - 1, 6)));
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
