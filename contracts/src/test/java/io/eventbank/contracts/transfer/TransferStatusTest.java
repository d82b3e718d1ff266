package io.eventbank.contracts.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransferStatusTest {

    @Test
    void shouldSayWhatEveryTransferThatIsNotFinalWaitsForAndNothingForAFinalOne() {
        for (TransferStatus status : TransferStatus.values()) {
            if (status.isFinal()) {
                assertThat(status.awaiting()).as(status.name()).isNull();
            } else {
                assertThat(status.awaiting()).as(status.name()).isNotBlank();
            }
        }
        assertThat(TransferStatus.REFUNDING.awaiting()).contains("refund");
    }
}
