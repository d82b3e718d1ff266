package io.eventbank.ledger.projection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Wakes the reads that wait for the live read models: once a batch has committed, everyone waiting for one of its
 * events (by id), for an event of one of its accounts or transfers (by {@link #aggregateKey}), or for one of its
 * transfers to be final (by {@link #finalKey}) looks again, at once. No polling: a
 * read that waits costs nothing until what it waits for is applied.
 */
@ApplicationScoped
public class Arrivals {

    private static final java.util.Set<String> FINAL_EVENTS = java.util.Set.of(
            "io.eventbank.contracts.transfer.TransferCompletedEvent",
            "io.eventbank.contracts.transfer.TransferFailedEvent");

    private final ConcurrentHashMap<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** What a read that waits for an account's or a transfer's event (by its version) waits for. */
    public static String aggregateKey(String aggregateId) {
        return "aggregate:" + aggregateId;
    }

    /** What a read that waits for a transfer to be final waits for. */
    public static String finalKey(String transferId) {
        return "final:" + transferId;
    }

    /** Called once a live batch has committed. */
    public void committed(Iterable<ConsumerRecord<String, String>> records) {
        if (waiting.isEmpty()) {
            return;
        }
        for (ConsumerRecord<String, String> record : records) {
            wake(CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID));
            if (record.key() != null) {
                wake(aggregateKey(record.key()));
            }
            if (record.key() != null && FINAL_EVENTS.contains(CloudEventHeaders.text(record.headers(),
                    CloudEventHeaders.TYPE))) {
                wake(finalKey(record.key()));
            }
        }
    }

    /**
     * Waits until {@code done} holds, looking again each time a batch with the key commits, at most {@code patience};
     * answers whether it holds.
     */
    public boolean await(String key, Duration patience, BooleanSupplier done) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            // registered before it looks: a batch that commits after the look wakes it, so none is missed, and each
            // round looks once (the reads that wait for a transfer to be final looked three times each)
            CompletableFuture<Void> next = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
            if (done.getAsBoolean()) {
                forget(key, next);
                return true;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                forget(key, next);
                return false;
            }
            try {
                next.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                forget(key, next);
                return done.getAsBoolean();
            } catch (ExecutionException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Takes back a registration no longer waited on, so that none stays behind for a key that may never come again;
     * another read waiting on the same one is woken and looks again.
     */
    private void forget(String key, CompletableFuture<Void> registered) {
        if (waiting.remove(key, registered)) {
            registered.complete(null);
        }
    }

    /** Whether a read waits for {@code key} now (for tests). */
    boolean isAwaited(String key) {
        return waiting.containsKey(key);
    }

    private void wake(String key) {
        if (key == null || waiting.isEmpty()) {
            return;
        }
        CompletableFuture<Void> future = waiting.remove(key);
        if (future != null) {
            future.complete(null);
        }
    }
}
