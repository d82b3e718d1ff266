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
}
