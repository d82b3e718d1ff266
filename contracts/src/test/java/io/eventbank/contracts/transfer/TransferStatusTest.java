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

    @Test
    void shouldPutATransferInTheStatusItsEventNamesAndLeaveItAsItIsAfterAnyOtherEvent() {
        assertThat(TransferStatus.after(new TransferDebitedEvent("t"))).isEqualTo(TransferStatus.DEBITED);
        assertThat(TransferStatus.after(new TransferCreditedEvent("t"))).isEqualTo(TransferStatus.CREDITED);
        assertThat(TransferStatus.after(new TransferAcceptedEvent("t", "r"))).isEqualTo(TransferStatus.ACCEPTED);
        assertThat(TransferStatus.after(new TransferCompletedEvent("t"))).isEqualTo(TransferStatus.COMPLETED);
        assertThat(TransferStatus.after(new TransferFailedEvent("t", TransferFailure.TIMED_OUT)))
                .isEqualTo(TransferStatus.FAILED);
        assertThat(TransferStatus.after(new TransferRefundingEvent("t", TransferFailure.TIMED_OUT)))
                .isEqualTo(TransferStatus.REFUNDING);
        assertThat(TransferStatus.after(new TransferSentToClearingEvent("t", null)))
                .isEqualTo(TransferStatus.SENT_TO_CLEARING);
        assertThat(TransferStatus.after(new ClearingStatusRequestedEvent("t", null)))
                .isEqualTo(TransferStatus.AWAITING_STATUS);
        assertThat(TransferStatus.after(new LateClearingAnswerRecordedEvent("t", "r", "RJCT", "AC04"))).isNull();
        assertThat(TransferStatus.after(new CreditTransferNotReceivedEvent("t", "m", "e", "A", "B"))).isNull();
    }
}
