package io.eventbank.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;

import io.eventbank.devstack.bench.BenchReport;
import io.eventbank.devstack.bench.BenchRun;
import io.eventbank.devstack.bench.BenchSettings;
import io.eventbank.devstack.testing.ServiceUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./eventbank bench}: the platform on parts of its own, pgbench on its PostgreSQL, a short
 * ramp and open loop of same-bank and mixed transfers through the public API, a replay, and the report with its plots.
 * A smoke test: it checks that the harness measures and that the platform stays correct under its load, never how
 * fast it is (the figures of a short run on a busy CI machine mean little; docs/benchmarks.md has real ones).
 */
class BenchIT {

    @Test
    void shouldMeasureThePlatformAndWriteTheReportWithEveryTransferFinal() throws java.io.IOException {
        Path home = Path.of("target", "bench").toAbsolutePath();
        BenchSettings settings = BenchSettings.of(java.util.Map.of(), true, ServiceUnderTest.projectRoot(), home,
                List.of("-Xmx384m"));

        BenchReport report = new BenchRun(settings, System.out::println).run();

        assertThat(report.pgbenchTps()).as("pgbench ran on the same PostgreSQL").isPositive();
        assertThat(report.sustainedRates()).containsOnlyKeys("same-bank", "mixed");
        assertThat(report.finalTransfers()).as("transfers final in the read model").isPositive();
        assertThat(report.unfinished()).as("transfers not final or answered with an error").isZero();
        assertThat(report.failed()).as("transfers that failed: every payer is funded").isZero();
        assertThat(report.verified()).as("the platform's verification after the replay").isTrue();
        assertThat(report.replayed()).as("every read model replayed").hasSize(6)
                .allSatisfy(replayed -> assertThat(replayed.applied()).isPositive());
        assertThat(report.replayedAlone()).as("every read model replayed alone").hasSize(6)
                .allSatisfy(replayed -> assertThat(replayed.status()).isEqualTo("DONE"));
        for (String file : List.of("report.md", "report.html", "throughput.png", "latency.png", "cpu.png",
                "memory.png")) {
            assertThat(home.resolve(file)).as(file).isNotEmptyFile();
        }
        assertThat(java.nio.file.Files.readString(home.resolve("report.md")))
                .as("the statements counted while the parts ran, with their cost a transfer")
                .containsPattern("took PostgreSQL longest \\(while the parts ran: [1-9][\\d,]* transfers final\\)")
                .containsPattern("\\| (account|ledger|transfer) \\| [\\d,]+ \\| [\\d.]+ \\| [\\d.]+ \\| [\\d.]+ ms \\| [\\d.]+ \\|")
                .contains("CPU ms a transfer");
    }
}
