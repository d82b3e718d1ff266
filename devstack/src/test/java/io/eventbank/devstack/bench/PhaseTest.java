package io.eventbank.devstack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PhaseTest {

    private static final long SECOND = 1_000_000;

    @Test
    void shouldCountTheTransfersNotFinalYetAsSlowerWhenJudgingTheMedian() {
        Phase phase = new Phase("ramp", 10, 0);
        phase.issued.set(10);
        for (int i = 0; i < 4; i++) {
            phase.record(Phase.Kind.SAME_BANK, Phase.End.COMPLETED, 20_000);
        }
        // the final ones alone have a median of 20 ms; six of the ten sent are still open
        assertThat(phase.latency().getValueAtPercentile(50)).isLessThan(SECOND);
        assertThat(phase.medianWithin(SECOND)).isFalse();

        phase.record(Phase.Kind.INTERBANK, Phase.End.FAILED, 300_000);
        assertThat(phase.medianWithin(SECOND)).isTrue();
    }

    @Test
    void shouldJudgeASlowMedianSlowAndAnErrorNotFast() {
        Phase phase = new Phase("ramp", 10, 0);
        phase.issued.set(4);
        phase.record(Phase.Kind.SAME_BANK, Phase.End.COMPLETED, 20_000);
        phase.record(Phase.Kind.SAME_BANK, Phase.End.ERROR, 0);
        phase.record(Phase.Kind.SAME_BANK, Phase.End.COMPLETED, 3 * SECOND);
        phase.record(Phase.Kind.SAME_BANK, Phase.End.COMPLETED, 4 * SECOND);
        assertThat(phase.medianWithin(SECOND)).isFalse();
    }
}
