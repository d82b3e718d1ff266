package io.eventbank.contracts.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.eventbank.contracts.account.AccountRefusal;
import org.junit.jupiter.api.Test;

class TransferFailureTest {

    @Test
    void shouldNameEveryRefusalOfAnAccountAsAFailureOfTheSameName() {
        for (AccountRefusal refusal : AccountRefusal.values()) {
            assertThat(TransferFailure.of(refusal).name()).isEqualTo(refusal.name());
        }
    }

    @Test
    void shouldTakeTheFailureFromTheEventsThatGiveOne() {
        assertThat(TransferFailure.of(new TransferFailedEvent("t", TransferFailure.TIMED_OUT)))
                .isEqualTo(TransferFailure.TIMED_OUT);
        assertThat(TransferFailure.of(new TransferRefundingEvent("t", TransferFailure.REJECTED_BY_CLEARING)))
                .isEqualTo(TransferFailure.REJECTED_BY_CLEARING);
        assertThat(TransferFailure.of(new TransferCompletedEvent("t"))).isNull();
    }
}
