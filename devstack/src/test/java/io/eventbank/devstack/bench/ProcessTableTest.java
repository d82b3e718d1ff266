package io.eventbank.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** One read of /proc tells each watched process's tree and CPU time. */
class ProcessTableTest {

    @Test
    void shouldCountAProcessWithTheProcessesItStarted() throws Exception {
        long self = ProcessHandle.current().pid();
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessTable table = ProcessTable.read();

            assertThat(table.tree(self)).startsWith(self).contains(child.pid());
            assertThat(table.tree(child.pid())).containsExactly(child.pid());
            assertThat(table.ownTicks(self)).isPositive();
            assertThat(table.treeTicks(self)).isGreaterThanOrEqualTo(table.ownTicks(self));
        } finally {
            child.destroy();
            child.waitFor(5, TimeUnit.SECONDS);
        }
        assertThat(ProcessTable.read().tree(child.pid())).isEmpty();
        assertThat(ProcessTable.read().ownTicks(child.pid())).isZero();
    }

    @Test
    void shouldTellTheJitCompilersTimeOfAJvm() throws Exception {
        long self = ProcessHandle.current().pid();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long sink = 0;
        // code the JVM has not run yet keeps its compilers busy until they have taken a clock tick
        for (int round = 0; ProcessTable.compilerTicksOf(self) == 0 && System.nanoTime() < deadline; round++) {
            sink += String.valueOf(round).repeat(round % 50 + 1).chars().map(c -> c * 31).sum();
            sink += java.util.stream.IntStream.range(0, 1000).mapToObj(Integer::toHexString).count();
        }
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            ProcessTable table = ProcessTable.read();

            assertThat(ProcessTable.compilerTicksOf(self)).as("after %d", sink).isPositive()
                    .isLessThanOrEqualTo(table.ownTicks(self) + 1);
            assertThat(ProcessTable.compilerTicksOf(child.pid())).as("not a JVM").isZero();
            assertThat(table.compilerTicks(self)).isGreaterThanOrEqualTo(ProcessTable.compilerTicksOf(self));
        } finally {
            child.destroy();
            child.waitFor(5, TimeUnit.SECONDS);
        }
    }
}
