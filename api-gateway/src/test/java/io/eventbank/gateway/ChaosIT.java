package io.eventbank.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;

import io.eventbank.devstack.chaos.ChaosReport;
import io.eventbank.devstack.chaos.ChaosRun;
import io.eventbank.devstack.chaos.ChaosSettings;
import io.eventbank.devstack.testing.ServiceUnderTest;
import org.junit.jupiter.api.Test;

/**
 * The short form of {@code ./eventbank chaos}: the whole platform on a private PostgreSQL cluster and a broker of its
 * own, transfers through the public API, and every part (PostgreSQL, Kafka, each service) killed with kill -9 once
 * (each once it is ready again after the one before);
 * the independent checker must find every cent where it belongs. The long runs are a command for people
 * (docs/chaos.md); this one is a smoke test, never a timed assertion.
 */
class ChaosIT {

    @Test
    void shouldKeepEveryCentWhileEveryPartIsKilled() {
        ChaosSettings settings = ChaosSettings.defaults(ServiceUnderTest.projectRoot(),
                        Path.of("target", "chaos").toAbsolutePath())
                .withDuration(Duration.ofSeconds(200))
                .withSeed(42)
                .withRate(2)
                .withAccountsPerBank(10)
                .withFaultEvery(Duration.ofSeconds(5), Duration.ofSeconds(10))
                .withOutage(Duration.ofSeconds(1), Duration.ofSeconds(6));

        ChaosReport report = new ChaosRun(settings, System.out::println).run();

        assertThat(report.kills()).as("kills in the short form").isGreaterThanOrEqualTo(6);
        assertThat(report.passed()).as(report.text()).isTrue();
    }
}
