package io.eventbank.transfer;

import java.time.Duration;
import java.time.Instant;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.transfer.domain.RequestTransferCommand;
import io.eventbank.contracts.transfer.TransferRequestedEvent;

/** Transfers, accounts and clearing messages for transfer-saga's tests. */
public final class TransferMother {

    public static final String BERLIN = "10020030";
    public static final String HAMBURG = "20030040";
    public static final String ALICE = Iban.german(BERLIN, 1_000_001);
    public static final String BOB = Iban.german(BERLIN, 1_000_002);
    public static final String CAROL = Iban.german(HAMBURG, 1_000_003);
    public static final Money AMOUNT = Money.parse("25.00", "EUR");
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    public static final String SAME_BANK = "t-same";
    public static final String INTERBANK = "t-inter";
    /** The clearing accounts the interbank transfer passes: the ones its id picks, in either bank (not shard 0). */
    public static final String BERLIN_CLEARING = Clearing.accountFor(BERLIN, "EUR", INTERBANK);
    public static final String HAMBURG_CLEARING = Clearing.accountFor(HAMBURG, "EUR", INTERBANK);

    private TransferMother() {
    }

    public static RequestTransferCommand sameBankRequest() {
        return new RequestTransferCommand(SAME_BANK, "key-1", ALICE, BOB, AMOUNT, "rent", false, "EVBKDEBBXXX",
                "EVBKDEBBXXX", TIMEOUT);
    }

    public static TransferRequestedEvent sameBankRequested() {
        return new TransferRequestedEvent(SAME_BANK, "key-1", ALICE, BOB, AMOUNT, "rent", false, "EVBKDEBBXXX",
                "EVBKDEBBXXX", TIMEOUT);
    }

    public static TransferRequestedEvent interbankRequested() {
        return new TransferRequestedEvent(INTERBANK, "key-2", ALICE, CAROL, AMOUNT, "invoice", true, "EVBKDEBBXXX",
                "EVBKDEHHXXX", TIMEOUT);
    }

    public static AccountLegRequestedEvent leg(String transferId, Leg leg, String iban, String counterparty,
            String reference, String reason) {
        return new AccountLegRequestedEvent(transferId, leg, iban, AMOUNT, counterparty, reference, reason);
    }

    public static CreditTransferMessage pacs008(Instant createdAt) {
        return new CreditTransferMessage(INTERBANK + "-pacs008", INTERBANK, AMOUNT, ALICE, "EVBKDEBBXXX", CAROL,
                "EVBKDEHHXXX", "invoice", BERLIN, HAMBURG, createdAt, createdAt.plus(TIMEOUT));
    }

    public static PaymentStatusReport pacs002(ClearingStatus status, String reasonCode, Instant at) {
        return new PaymentStatusReport("in-" + INTERBANK + "-pacs008-pacs002", INTERBANK + "-pacs008", INTERBANK,
                status, reasonCode, HAMBURG, BERLIN, at);
    }
}
