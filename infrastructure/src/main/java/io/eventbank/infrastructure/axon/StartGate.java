package io.eventbank.infrastructure.axon;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Opens once Axon has started. A Kafka consumer may get its first record before that (SmallRye connects its
 * channels on start-up too), and waits here instead of dispatching into a configuration that is not running yet.
 */
public final class StartGate {

    private static final Duration PATIENCE = Duration.ofMinutes(2);

    private final CountDownLatch opened = new CountDownLatch(1);

    public void open() {
        opened.countDown();
    }

    /** Blocks until the gate opens; fails after two minutes. */
    public void await() {
        try {
            if (!opened.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Axon did not start within " + PATIENCE);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Axon", e);
        }
    }
}
