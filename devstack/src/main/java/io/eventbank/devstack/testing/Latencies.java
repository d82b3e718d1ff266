package io.eventbank.devstack.testing;

import java.util.Arrays;
import java.util.Locale;

/** Latencies of a benchmark run, in nanoseconds, and the figures it prints. */
public final class Latencies {

    private long[] samples = new long[1024];
    private int count;

    public synchronized void add(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    public synchronized int count() {
        return count;
    }

    /** The p-th percentile (0 to 100) in milliseconds. */
    public synchronized double percentileMillis(double p) {
        if (count == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * count) - 1;
        return sorted[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }

    /** One line: what, how many, the rate over the elapsed time, p50, p99 and the maximum. */
    public String summary(String what, long elapsedNanos) {
        return String.format(Locale.ROOT, "%-34s %7d ops  %9.1f ops/s  p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms",
                what, count(), count() / (elapsedNanos / 1e9), percentileMillis(50), percentileMillis(99),
                percentileMillis(100));
    }
}
