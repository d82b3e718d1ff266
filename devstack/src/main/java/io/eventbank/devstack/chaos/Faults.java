package io.eventbank.devstack.chaos;

import io.eventbank.devstack.PrivatePlatform;
import io.eventbank.devstack.Part;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import io.eventbank.devstack.Platform;

/**
 * The faults of a chaos run: {@code faultEvery} (random between its bounds, from the seed) after the last killed part is
 * ready again, the next part is killed with SIGKILL and, after an outage of {@code outage}, started again. How long the platform takes to recover is
 * measured end to end: from the restart until a new transfer between two probe accounts, sent from then on with the
 * client's retries, is COMPLETED.
 */
final class Faults {

    /** One fault: what was killed, when, for how long, and when the platform worked again. */
    static final class Fault {
        final Part part;
        final Instant killedAt;
        final Duration outage;
        volatile Instant restartedAt;
        volatile Instant readyAt;
        volatile Instant recoveredAt;

        Fault(Part part, Instant killedAt, Duration outage) {
            this.part = part;
            this.killedAt = killedAt;
            this.outage = outage;
        }
    }

    private final ChaosSettings settings;
    private final PrivatePlatform platform;
    private final ApiClient api;
    private final Workload workload;
    private final ClientRecord.Account[] probes;
    private final Platform.PrintLog out;
    private final Random random;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final List<Thread> probing = new ArrayList<>();
    private int probeNumber;

    Faults(ChaosSettings settings, PrivatePlatform platform, ApiClient api, Workload workload,
            ClientRecord.Account[] probes, Platform.PrintLog out) {
        this.settings = settings;
        this.platform = platform;
        this.api = api;
        this.workload = workload;
        this.probes = probes;
        this.out = out;
        this.random = new Random(settings.seed() * 31 + 1);
    }

    List<Fault> faults() {
        return faults;
    }

    /**
     * Kills and restarts parts until {@code until}; returns after the last restart. The parts
     * are taken in a shuffled order (from the seed), every part once before any twice, so that a short run too kills
     * each of them.
     */
    void run(Instant until, Instant started) {
        List<Part> order = new ArrayList<>();
        while (true) {
            Duration wait = between(settings.faultEveryMin(), settings.faultEveryMax());
            if (Instant.now().plus(wait).isAfter(until) || settings.parts().isEmpty()) {
                break;
            }
            ApiClient.sleep(wait.toMillis());
            if (order.isEmpty()) {
                order.addAll(settings.parts());
                java.util.Collections.shuffle(order, random);
            }
            Part part = order.remove(0);
            Duration outage = between(settings.outageMin(), settings.outageMax());
            Fault fault = new Fault(part, Instant.now(), outage);
            faults.add(fault);
            out.line(String.format("chaos: t=%4ds kill -9 %s for %d s", seconds(started, fault.killedAt),
                    part.label(), outage.toSeconds()));
            platform.kill(part);
            ApiClient.sleep(outage.toMillis());
            platform.restart(part);
            fault.restartedAt = Instant.now();
            // the next fault comes once this part is ready again: on 2 cores, restarts that overlap starve each other
            // for minutes, and the recovery times would measure that instead
            try {
                platform.awaitReady(List.of(part), Duration.ofMinutes(3));
                fault.readyAt = Instant.now();
            } catch (RuntimeException e) {
                out.line("chaos: " + part.label() + " not ready 3 minutes after its restart: " + e.getMessage());
            }
            probe(fault);
        }
    }

    /** Waits for the probes still measuring recovery (at most {@code timeout}). */
    void awaitProbes(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : probing) {
            try {
                thread.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** When the last fault ended: its part ready again (or restarted, if it never became ready). */
    Instant lastRecoveredPart() {
        if (faults.isEmpty()) {
            return null;
        }
        Fault last = faults.get(faults.size() - 1);
        return last.readyAt != null ? last.readyAt : last.restartedAt;
    }

    /** A small same-bank transfer between the probe accounts, sent and followed until it completes. */
    private void probe(Fault fault) {
        int n = ++probeNumber;
        Thread thread = new Thread(() -> {
            ClientRecord.Account from = probes[n % 2];
            ClientRecord.Account to = probes[(n + 1) % 2];
            while (fault.recoveredAt == null && Instant.now().isBefore(fault.restartedAt.plusSeconds(300))) {
                ClientRecord.Operation op = new ClientRecord.Operation(-n, ClientRecord.Kind.TRANSFER,
                        "chaos-" + settings.seed() + "-probe-" + n + "-" + System.nanoTime(), from.iban(), to.iban(),
                        1, false);
                workload.send(op);
                if (op.transferId == null) {
                    continue;
                }
                ApiClient.Answer done = api.until("GET", "/transfers/" + op.transferId + "?wait=10s", null, null,
                        fault.restartedAt.plusSeconds(300), a -> a.ok() && ("COMPLETED".equals(a.text("status"))
                                || "FAILED".equals(a.text("status"))));
                if ("COMPLETED".equals(done.text("status"))) {
                    fault.recoveredAt = Instant.now();
                }
            }
        }, "chaos-probe-" + n);
        thread.setDaemon(true);
        thread.start();
        probing.add(thread);
    }

    private Duration between(Duration min, Duration max) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span <= 0 ? 0 : (long) (random.nextDouble() * span));
    }

    static long seconds(Instant from, Instant to) {
        return Duration.between(from, to).toSeconds();
    }

    static Map<Part, Long> countByPart(List<Fault> faults) {
        Map<Part, Long> counts = new java.util.EnumMap<>(Part.class);
        faults.forEach(f -> counts.merge(f.part, 1L, Long::sum));
        return counts;
    }
}
