package io.eventbank.devstack.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;

/**
 * What one part of the load did: the transfers it sent and how each ended, request-to-final latency by kind (from
 * the moment each transfer was due, so that a platform that falls behind is not flattered: coordinated omission),
 * the backlog over time, and the meters at its start and end.
 */
final class Phase {

    /** Same-bank or interbank. */
    enum Kind {
        SAME_BANK("same-bank"), INTERBANK("interbank");

        final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** How a transfer ended for the client. */
    enum End {
        COMPLETED, FAILED, ERROR, NOT_FINAL
    }

    private static final long HIGHEST_MICROS = 10L * 60 * 1_000_000;

    final String name;
    final double offeredRate;
    final long startNanos;
    volatile long endNanos;
    final AtomicLong issued = new AtomicLong();
    private final Map<Kind, Histogram> latency = new EnumMap<>(Kind.class);
    private final Map<Kind, Map<End, Long>> ends = new EnumMap<>(Kind.class);
    private final List<long[]> backlog = new ArrayList<>();
    Meters.Snapshot before;
    Meters.Snapshot after;

    Phase(String name, double offeredRate, long startNanos) {
        this.name = name;
        this.offeredRate = offeredRate;
        this.startNanos = startNanos;
        for (Kind kind : Kind.values()) {
            latency.put(kind, new Histogram(HIGHEST_MICROS, 3));
            ends.put(kind, new EnumMap<>(End.class));
        }
    }

    synchronized void record(Kind kind, End end, long micros) {
        ends.get(kind).merge(end, 1L, Long::sum);
        if (end == End.COMPLETED || end == End.FAILED) {
            latency.get(kind).recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
        }
    }

    /**
     * Whether the median transfer the phase sent was final within {@code micros} of being due, counting every
     * transfer not final yet (or answered with an error) as slower: judged at a step's end, a histogram of the final
     * ones alone would leave out exactly the transfers the platform has not kept up with.
     */
    synchronized boolean medianWithin(long micros) {
        long fast = latency.values().stream().mapToLong(h -> h.getCountBetweenValues(0, micros)).sum();
        return 2 * fast >= issued.get();
    }

    synchronized void sampleBacklog(long nanos, long inFlight) {
        backlog.add(new long[] {nanos, inFlight});
    }

    synchronized Histogram latency(Kind kind) {
        return latency.get(kind).copy();
    }

    synchronized Histogram latency() {
        Histogram all = new Histogram(HIGHEST_MICROS, 3);
        latency.values().forEach(all::add);
        return all;
    }

    synchronized long count(Kind kind, End end) {
        return ends.get(kind).getOrDefault(end, 0L);
    }

    synchronized long count(End end) {
        return ends.values().stream().mapToLong(m -> m.getOrDefault(end, 0L)).sum();
    }

    /** Transfers final (completed or failed) per second of the phase. */
    double finalRate() {
        return (count(End.COMPLETED) + count(End.FAILED)) / seconds();
    }

    double finalRate(Kind kind) {
        return (count(kind, End.COMPLETED) + count(kind, End.FAILED)) / seconds();
    }

    double seconds() {
        return Math.max(1, endNanos - startNanos) / 1e9;
    }

    /**
     * Whether the backlog (transfers sent and not final yet) stayed flat: from the second quarter of the phase to the
     * last, it grew by at most 2 % of the offered rate a second (a platform that falls behind by that much a second
     * is not keeping up), or by one transfer a second at low rates.
     */
    synchronized boolean backlogFlat() {
        if (backlog.size() < 8) {
            return true;
        }
        int n = backlog.size();
        double second = mean(backlog.subList(n / 4, n / 2));
        double fourth = mean(backlog.subList(3 * n / 4, n));
        double seconds = (backlog.get(7 * n / 8 - 1)[0] - backlog.get(3 * n / 8)[0]) / 1e9;
        return seconds <= 0 || (fourth - second) / seconds <= Math.max(0.02 * offeredRate, 1.0);
    }

    synchronized long maxBacklog() {
        return backlog.stream().mapToLong(sample -> sample[1]).max().orElse(0);
    }

    private static double mean(List<long[]> samples) {
        return samples.stream().mapToLong(sample -> sample[1]).average().orElse(0);
    }
}
