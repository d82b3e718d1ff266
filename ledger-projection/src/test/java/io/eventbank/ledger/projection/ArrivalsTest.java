package io.eventbank.ledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The reads that wait for the read models: woken by the batches that commit, never polling, holding no thread while
 * they wait, and gone as soon as their client is.
 */
class ArrivalsTest {

    private static final String FINAL = Arrivals.finalKey("t-1");

    private final Arrivals arrivals = new Arrivals();
    /** The pool the looks run on: no thread of it is taken while a read waits. */
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final AtomicBoolean isFinal = new AtomicBoolean();
    private final AtomicInteger looks = new AtomicInteger();

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void shouldAnswerAtOnceWithOneLookWhenItHoldsAlready() throws Exception {
        isFinal.set(true);

        assertThat(arrivals.await(FINAL, Duration.ofSeconds(5), this::look, pool).get(10, TimeUnit.SECONDS))
                .isTrue();

        assertThat(looks).hasValue(1);
        assertThat(arrivals.isAwaited(FINAL)).isFalse();
    }

    @Test
    void shouldLookOnceMoreWhenTheBatchWithTheFinalEventCommits() throws Exception {
        CompletableFuture<Boolean> read = waitingForFinal();

        isFinal.set(true);
        arrivals.committed(List.of(record("t-1", "io.eventbank.contracts.transfer.TransferCompletedEvent")));

        assertThat(read.get(10, TimeUnit.SECONDS)).isTrue();
        assertThat(looks).hasValue(2);
        assertThat(arrivals.isAwaited(FINAL)).isFalse();
    }

    @Test
    void shouldNotWakeForAnotherTransferOrAnEventThatIsNotFinal() throws Exception {
        CompletableFuture<Boolean> read = waitingForFinal();

        arrivals.committed(List.of(record("t-2", "io.eventbank.contracts.transfer.TransferCompletedEvent"),
                record("t-1", "io.eventbank.contracts.transfer.TransferDebitedEvent")));
        Thread.sleep(200);

        assertThat(read).isNotDone();
        assertThat(looks).hasValue(1);
        isFinal.set(true);
        arrivals.committed(List.of(record("t-1", "io.eventbank.contracts.transfer.TransferFailedEvent")));
        assertThat(read.get(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldAnswerNoAfterItsPatienceAndLeaveNothingWaiting() throws Exception {
        assertThat(arrivals.await(FINAL, Duration.ofMillis(100), this::look, pool).get(10, TimeUnit.SECONDS))
                .isFalse();

        assertThat(arrivals.isAwaited(FINAL)).isFalse();
    }

    @Test
    void shouldHoldNoThreadWhileManyReadsWait() throws Exception {
        List<CompletableFuture<Boolean>> reads = new java.util.ArrayList<>();
        for (int i = 0; i < 500; i++) {
            reads.add(arrivals.await(Arrivals.finalKey("t-" + i), Duration.ofSeconds(30), () -> false, pool));
        }
        // two threads in the pool, 500 reads waiting: a look of another read still runs at once
        assertThat(arrivals.await(FINAL, Duration.ofSeconds(5), () -> true, pool).get(5, TimeUnit.SECONDS)).isTrue();
        assertThat(reads).noneMatch(CompletableFuture::isDone);
        reads.forEach(read -> read.cancel(false));
    }

    @Test
    void shouldStopWaitingAtOnceWhenTheReadIsCancelled() throws Exception {
        CompletableFuture<Boolean> read = waitingForFinal();

        read.cancel(false); // its client went away

        assertThat(arrivals.isAwaited(FINAL)).isFalse();
        isFinal.set(true);
        arrivals.committed(List.of(record("t-1", "io.eventbank.contracts.transfer.TransferCompletedEvent")));
        Thread.sleep(200);
        assertThat(looks).as("no look after the cancel").hasValue(1);
    }

    @Test
    void shouldKeepAnotherReadOfTheSameKeyWaitingUntilItsOwnConditionHolds() throws Exception {
        AtomicBoolean versionSeven = new AtomicBoolean();
        String key = Arrivals.aggregateKey("t-1");
        CompletableFuture<Boolean> later = arrivals.await(key, Duration.ofSeconds(30), versionSeven::get, pool);
        while (!arrivals.isAwaited(key)) {
            Thread.onSpinWait();
        }

        assertThat(arrivals.await(key, Duration.ofSeconds(5), () -> true, pool).get(10, TimeUnit.SECONDS)).isTrue();
        Thread.sleep(200);
        assertThat(later).isNotDone();

        versionSeven.set(true);
        arrivals.committed(List.of(record("t-1", "io.eventbank.contracts.transfer.TransferDebitedEvent")));
        assertThat(later.get(10, TimeUnit.SECONDS)).isTrue();
    }

    private boolean look() {
        looks.incrementAndGet();
        return isFinal.get();
    }

    /** A read waiting for the transfer to be final, once it has looked and registered. */
    private CompletableFuture<Boolean> waitingForFinal() {
        CompletableFuture<Boolean> read = arrivals.await(FINAL, Duration.ofSeconds(30), this::look, pool);
        awaitRegistered();
        return read;
    }

    private void awaitRegistered() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!(arrivals.isAwaited(FINAL) && looks.get() == 1) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(arrivals.isAwaited(FINAL)).isTrue();
    }

    /**
     * A transfer within one bank that account-service booked alone has no transfer event: the payee's credit (marked
     * direct, keyed by the payee's IBAN) is the one that makes it final, and wakes the reads that wait for it; a
     * saga's leg does not.
     */
    @Test
    void shouldWakeTheReadsOfATransferBookedByAccountServiceOnItsAccountsEvents() throws Exception {
        CompletableFuture<Boolean> read = waitingForFinal();

        arrivals.committed(List.of(accountRecord("AccountCreditedEvent", "{\"iban\":\"DE02100200300001000002\","
                + "\"transferId\":\"t-1\",\"amount\":{\"minorUnits\":100,\"currency\":\"EUR\"},"
                + "\"counterpartyIban\":\"DE75100200300001000001\",\"balanceAfter\":100,\"direct\":false}")));
        Thread.sleep(200);
        assertThat(read).isNotDone();

        isFinal.set(true);
        arrivals.committed(List.of(accountRecord("AccountCreditedEvent", "{\"iban\":\"DE02100200300001000002\","
                + "\"transferId\":\"t-1\",\"amount\":{\"minorUnits\":100,\"currency\":\"EUR\"},"
                + "\"counterpartyIban\":\"DE75100200300001000001\",\"balanceAfter\":100,\"direct\":true}")));
        assertThat(read.get(10, TimeUnit.SECONDS)).isTrue();
    }

    private static ConsumerRecord<String, String> accountRecord(String type, String payload) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("bank.account.events", 0, 0,
                "DE02100200300001000002", payload);
        for (var header : java.util.Map.of(CloudEventHeaders.ID, java.util.UUID.randomUUID().toString(),
                CloudEventHeaders.TYPE, "io.eventbank.contracts.account." + type, CloudEventHeaders.SPEC_VERSION, "1.0",
                CloudEventHeaders.REVISION, "2", CloudEventHeaders.AGGREGATE_ID, "DE02100200300001000002",
                CloudEventHeaders.SEQUENCE, "0", CloudEventHeaders.TIME, "2026-12-07T12:00:00Z").entrySet()) {
            record.headers().add(header.getKey(), header.getValue().getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static ConsumerRecord<String, String> record(String transferId, String type) {
        ConsumerRecord<String, String> record = new ConsumerRecord<>("bank.transfer.events", 0, 0, transferId, "{}");
        record.headers().add(CloudEventHeaders.ID, ("event-of-" + transferId).getBytes(StandardCharsets.UTF_8));
        record.headers().add(CloudEventHeaders.TYPE, type.getBytes(StandardCharsets.UTF_8));
        return record;
    }
}
