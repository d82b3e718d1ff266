package io.eventbank.devstack.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.eventbank.devstack.bench.Phase.End;
import io.eventbank.devstack.bench.Phase.Kind;
import org.HdrHistogram.Histogram;

/**
 * The run second by second, for the plots: transfers that became final, by kind, their latency, failures of the API,
 * and the samples of the meters (CPU and memory per process).
 */
final class Timeline {

    /** One second of the run. */
    static final class Second {
        final Map<Kind, Long> finals = new EnumMap<>(Kind.class);
        final Histogram latency = new Histogram(10L * 60 * 1_000_000, 2);
        long errors;
    }

    /** A sample of one meter: seconds since the start and the value. */
    record Sample(double at, double value) {
    }

    private final long startNanos;
    private final TreeMap<Long, Second> seconds = new TreeMap<>();
    private final Map<String, List<Sample>> series = new TreeMap<>();
    private final Map<Integer, Long> errorsByStatus = new TreeMap<>();
    private final List<Map.Entry<Double, String>> marks = new ArrayList<>();

    Timeline(long startNanos) {
        this.startNanos = startNanos;
    }

    double secondsSinceStart(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    synchronized void record(Kind kind, End end, long finishedNanos, long micros) {
        Second second = seconds.computeIfAbsent((finishedNanos - startNanos) / 1_000_000_000L, s -> new Second());
        if (end == End.COMPLETED || end == End.FAILED) {
            second.finals.merge(kind, 1L, Long::sum);
            second.latency.recordValue(Math.min(Math.max(micros, 0), second.latency.getHighestTrackableValue()));
        } else {
            second.errors++;
        }
    }

    synchronized void error(int status) {
        errorsByStatus.merge(status, 1L, Long::sum);
    }

    synchronized void sample(String meter, long nanos, double value) {
        series.computeIfAbsent(meter, m -> new ArrayList<>()).add(new Sample(secondsSinceStart(nanos), value));
    }

    /** A named moment of the run (a phase begins), drawn on the plots. */
    synchronized void mark(long nanos, String label) {
        marks.add(Map.entry(secondsSinceStart(nanos), label));
    }

    /**
     * Transfers of the kind (null: any) that became final per second between two moments, whatever part of the load
     * sent them: what the platform completed then.
     */
    synchronized double finalRate(long fromNanos, long toNanos, Kind kind) {
        long from = (fromNanos - startNanos) / 1_000_000_000L;
        long to = (toNanos - startNanos) / 1_000_000_000L;
        return to <= from ? 0 : finals(fromNanos, toNanos, kind) / (double) (to - from);
    }

    /** Transfers of the kind (null: any) that became final between two moments, in whole seconds of the run. */
    synchronized long finals(long fromNanos, long toNanos, Kind kind) {
        long from = (fromNanos - startNanos) / 1_000_000_000L;
        long to = (toNanos - startNanos) / 1_000_000_000L;
        long finals = 0;
        for (Second second : seconds.subMap(from, Math.max(from, to)).values()) {
            finals += kind == null ? second.finals.values().stream().mapToLong(Long::longValue).sum()
                    : second.finals.getOrDefault(kind, 0L);
        }
        return finals;
    }

    synchronized TreeMap<Long, Second> seconds() {
        return new TreeMap<>(seconds);
    }

    synchronized Map<String, List<Sample>> series() {
        Map<String, List<Sample>> copy = new TreeMap<>();
        series.forEach((name, samples) -> copy.put(name, List.copyOf(samples)));
        return copy;
    }

    synchronized Map<Integer, Long> errorsByStatus() {
        return new TreeMap<>(errorsByStatus);
    }

    synchronized List<Map.Entry<Double, String>> marks() {
        return List.copyOf(marks);
    }
}
