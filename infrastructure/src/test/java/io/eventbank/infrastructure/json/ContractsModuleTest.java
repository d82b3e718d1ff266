package io.eventbank.infrastructure.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferFailure;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import org.junit.jupiter.api.Test;

class ContractsModuleTest {

    @Test
    void shouldWriteATransfersFailureAsItsCodeAndReadItBack() throws Exception {
        TransferFailedEvent refused = new TransferFailedEvent("t-1", TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED));
        String json = Json.mapper().writeValueAsString(refused);

        assertThat(json).isEqualTo("{\"transferId\":\"t-1\",\"reason\":\"ACCOUNT_CLOSED\"}");
        assertThat(Json.mapper().readValue(json, TransferFailedEvent.class)).isEqualTo(refused);
    }

    @Test
    void shouldReadTheEventsStoredWhenTheFailureWasAnEnumOfItsOwn() throws Exception {
        assertThat(Json.mapper().readValue("{\"transferId\":\"t-2\",\"reason\":\"TIMED_OUT\"}",
                TransferRefundingEvent.class).reason()).isEqualTo(TransferFailure.TIMED_OUT);
        assertThat(Json.mapper().readValue("{\"transferId\":\"t-3\",\"reason\":\"INSUFFICIENT_FUNDS\"}",
                TransferFailedEvent.class).reason()).isEqualTo(TransferFailure.of(AccountRefusal.INSUFFICIENT_FUNDS));
    }

    @Test
    void shouldRefuseACodeThatNamesNoFailure() {
        assertThatThrownBy(() -> Json.mapper().readValue("{\"transferId\":\"t\",\"reason\":\"LOST\"}",
                TransferFailedEvent.class)).isInstanceOf(InvalidFormatException.class);
    }
}
