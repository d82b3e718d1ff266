package io.eventbank.devstack.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * What a part of the load cost per final transfer: CPU milliseconds per process (and of it, per JVM, its JIT
 * compilers'), PostgreSQL's committed transactions (all, read-only ones too), WAL flushes (the disk's fsyncs), and per
 * service its explicit transactions and its statements.
 */
record Costs(double transfers, double seconds, Map<String, Double> cpuMillis, Map<String, Double> jitMillis,
        double commits, double walSyncs, Map<String, Double> statements, Map<String, Double> transactions) {

    static Costs between(Meters.Snapshot before, Meters.Snapshot after, double transfers) {
        double n = Math.max(1, transfers);
        return new Costs(transfers, (after.nanos() - before.nanos()) / 1e9,
                millisPerTransfer(before.cpuTicks(), after.cpuTicks(), n),
                millisPerTransfer(before.jitTicks(), after.jitTicks(), n),
                (after.commits() - before.commits()) / n, (after.walSyncs() - before.walSyncs()) / n,
                perTransfer(before.statements(), after.statements(), n),
                perTransfer(before.transactions(), after.transactions(), n));
    }

    private static Map<String, Double> millisPerTransfer(Map<String, Long> before, Map<String, Long> after, double n) {
        Map<String, Double> per = new TreeMap<>();
        after.forEach((name, ticks) -> per.put(name,
                (ticks - before.getOrDefault(name, ticks)) * 1000.0 / Meters.TICKS_PER_SECOND / n));
        return per;
    }

    private static Map<String, Double> perTransfer(Map<String, Long> before, Map<String, Long> after, double n) {
        Map<String, Double> per = new TreeMap<>();
        after.forEach((name, value) -> per.put(name, (value - before.getOrDefault(name, 0L)) / n));
        return per;
    }

    double cpuMillisTotal() {
        return cpuMillis.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double statementsTotal() {
        return statements.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    double transactionsTotal() {
        return transactions.values().stream().mapToDouble(Double::doubleValue).sum();
    }

    /** CPU in use during the part, in cores (of all processes measured). */
    double cores() {
        return cpuMillisTotal() * transfers / 1000.0 / Math.max(seconds, 1e-9);
    }

    /** Of that, the JIT compilers' of every JVM, in cores. */
    double jitCores() {
        return jitMillis.values().stream().mapToDouble(Double::doubleValue).sum() * transfers / 1000.0
                / Math.max(seconds, 1e-9);
    }
}
