package io.eventbank.devstack.bench;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import io.eventbank.devstack.bench.Customers.Mix;
import io.eventbank.devstack.bench.Phase.End;
import io.eventbank.devstack.bench.Phase.Kind;

/**
 * Sends transfers through the public API and follows each until the read model shows it final: the POST waits up to
 * 30 s ({@code ?wait=30s}); one not final by then is asked for again with {@code GET ...?wait=30s}. A transfer is
 * timed from the moment it was due, not from when it was sent. Open loop: transfers are due at a fixed rate, whether
 * or not the platform keeps up.
 */
final class Load {

    private static final int MAX_FOLLOW_UPS = 4;

    private final BenchApi api;
    private final Timeline timeline;
    private final AtomicLong inFlight = new AtomicLong();

    Load(BenchApi api, Timeline timeline) {
        this.api = api;
        this.timeline = timeline;
    }

    long inFlight() {
        return inFlight.get();
    }

    /** Sends transfers at {@code rate} a second for {@code duration}, into {@code phase}; returns when the last is sent. */
    void openLoop(Mix mix, double rate, Duration duration, Phase phase) {
        long period = (long) (1e9 / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        long nextSample = start;
        for (long i = 0; ; i++) {
            long due = start + i * period;
            if (due >= end) {
                break;
            }
            long now;
            while ((now = System.nanoTime()) < due) {
                if (now >= nextSample) {
                    phase.sampleBacklog(now, inFlight.get());
                    nextSample += 250_000_000L;
                }
                LockSupport.parkNanos(Math.min(due - now, 250_000_000L));
            }
            send(mix.next(), due, phase);
        }
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(10_000_000L);
        }
        phase.sampleBacklog(System.nanoTime(), inFlight.get());
        phase.endNanos = System.nanoTime();
    }

    /** Waits until nothing is in flight, at most {@code patience}; answers whether it got there. */
    boolean drain(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            LockSupport.parkNanos(50_000_000L);
        }
        return inFlight.get() == 0;
    }

    private void send(Mix.Transfer transfer, long due, Phase phase) {
        inFlight.incrementAndGet();
        phase.issued.incrementAndGet();
        Kind kind = transfer.interbank() ? Kind.INTERBANK : Kind.SAME_BANK;
        Map<String, Object> body = Map.of("debtorIban", transfer.debtor().iban(), "creditorIban",
                transfer.creditor().iban(), "amount", "0.01", "currency", "EUR", "reference", "bench");
        api.send("POST", "/transfers?wait=30s", transfer.debtor().token(), UUID.randomUUID().toString(), body)
                .thenCompose(answer -> follow(answer, answer.text("transferId"), transfer.debtor().token(), 0))
                .whenComplete((end, failure) -> {
                    long finished = System.nanoTime();
                    End outcome = failure != null ? End.ERROR : end;
                    long micros = (finished - due) / 1_000;
                    phase.record(kind, outcome, micros);
                    timeline.record(kind, outcome, finished, micros);
                    inFlight.decrementAndGet();
                });
    }

    private CompletableFuture<End> follow(BenchApi.Answer answer, String transferId, String token, int followUps) {
        if (!answer.ok()) {
            timeline.error(answer.status());
            return CompletableFuture.completedFuture(End.ERROR);
        }
        String status = answer.text("status");
        if ("COMPLETED".equals(status)) {
            return CompletableFuture.completedFuture(End.COMPLETED);
        }
        if ("FAILED".equals(status)) {
            return CompletableFuture.completedFuture(End.FAILED);
        }
        if (followUps >= MAX_FOLLOW_UPS || transferId == null) {
            return CompletableFuture.completedFuture(End.NOT_FINAL);
        }
        return api.send("GET", "/transfers/" + transferId + "?wait=30s", token, null, null)
                .thenCompose(next -> follow(next, transferId, token, followUps + 1));
    }
}
