package io.eventbank.ledger.projection;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.eventbank.contracts.account.LegAnswer;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Wakes the reads that wait for the live read models: once a batch has committed, everyone waiting for one of its
 * events (by id), for an event of one of its accounts or transfers (by {@link #aggregateKey}), or for one of its
 * transfers to be final (by {@link #finalKey}) looks again, at once. No polling: a read that waits costs nothing, no
 * thread and no connection, until what it waits for is applied.
 */
@ApplicationScoped
public class Arrivals {

    private static final Set<String> FINAL_EVENTS = Set.of(
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
            String type = CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE);
            if (record.key() != null && FINAL_EVENTS.contains(type)) {
                wake(finalKey(record.key()));
            }
            if (DIRECT_EVENTS.contains(type)) {
                directTransferOf(record).ifPresent(transferId -> {
                    wake(finalKey(transferId));
                    wake(aggregateKey(transferId));
                });
            }
        }
    }

    /**
     * The account events that may be a transfer's within one bank, booked by account-service by itself: each makes its
     * transfer final, and moves its version ({@code TransfersModel}).
     */
    private static final Set<String> DIRECT_EVENTS = Set.of(
            "io.eventbank.contracts.account.AccountDebitedEvent",
            "io.eventbank.contracts.account.AccountCreditedEvent",
            "io.eventbank.contracts.account.AccountDebitRejectedEvent");

    private static Optional<String> directTransferOf(ConsumerRecord<String, String> record) {
        try {
            return ProjectionEngine.read(record).event() instanceof LegAnswer answer && answer.direct()
                    ? Optional.of(answer.transferId()) : Optional.empty();
        } catch (RuntimeException unreadable) {
            return Optional.empty(); // parked by the projection; nobody waits for it
        }
    }

    /**
     * Whether {@code done} holds, looking again each time a batch with the key commits, for at most {@code patience}.
     * Nothing is held while it waits, neither a thread nor a connection: each look runs on {@code looks} (a worker
     * pool; a look reads the database), and between looks there is only a registration under the key. Cancelling the
     * answer (its client went away) takes the registration back at once.
     */
    public CompletableFuture<Boolean> await(String key, Duration patience, BooleanSupplier done, Executor looks) {
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        long deadline = System.nanoTime() + patience.toNanos();
        looks.execute(() -> look(key, deadline, done, looks, answer));
        return answer;
    }

    private void look(String key, long deadline, BooleanSupplier done, Executor looks,
            CompletableFuture<Boolean> answer) {
        if (answer.isDone()) {
            return; // cancelled: its client went away
        }
        // registered before it looks: a batch that commits after the look wakes it, so none is missed
        CompletableFuture<Void> next = waiting.computeIfAbsent(key, k -> new CompletableFuture<>());
        try {
            if (done.getAsBoolean()) {
                forget(key, next);
                answer.complete(true);
                return;
            }
        } catch (RuntimeException e) {
            forget(key, next);
            answer.completeExceptionally(e);
            return;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            forget(key, next);
            answer.complete(false);
            return;
        }
        answer.whenComplete((ignored, failure) -> forget(key, next)); // a cancelled answer waits no more
        next.copy().orTimeout(left, TimeUnit.NANOSECONDS).whenCompleteAsync((woken, timedOut) -> {
            if (timedOut == null) {
                look(key, deadline, done, looks, answer);
                return;
            }
            forget(key, next);
            if (!answer.isDone()) {
                try {
                    answer.complete(done.getAsBoolean()); // the last look, at the deadline
                } catch (RuntimeException e) {
                    answer.completeExceptionally(e);
                }
            }
        }, looks);
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
