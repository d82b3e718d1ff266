package io.eventbank.contracts.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.eventbank.contracts.account.AccountRefusal;
import org.junit.jupiter.api.Test;

class TransferFailureTest {

    @Test
    void shouldCarryAnAccountsRefusalUnderItsOwnName() {
        for (AccountRefusal refusal : AccountRefusal.values()) {
            TransferFailure failure = TransferFailure.of(refusal);
            assertThat(failure).isEqualTo(new TransferFailure.Refused(refusal));
            assertThat(failure.name()).isEqualTo(refusal.name());
            assertThat(TransferFailure.named(refusal.name())).isEqualTo(failure);
        }
    }

    @Test
    void shouldReadEveryFailureBackFromItsCodeAndNoOtherCode() {
        assertThat(TransferFailure.values()).hasSize(AccountRefusal.values().length + 2)
                .contains(TransferFailure.REJECTED_BY_CLEARING, TransferFailure.TIMED_OUT);
        for (TransferFailure failure : TransferFailure.values()) {
            assertThat(TransferFailure.named(failure.name())).isEqualTo(failure);
        }
        assertThat(TransferFailure.values().stream().map(TransferFailure::name).distinct())
                .hasSize(TransferFailure.values().size());
        assertThatThrownBy(() -> TransferFailure.named("NO_SUCH_FAILURE"))
                .isInstanceOf(IllegalArgumentException.class);
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
