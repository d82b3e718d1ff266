package io.eventbank.transfer.saga;

import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.AMOUNT;
import static io.eventbank.transfer.TransferMother.BERLIN_CLEARING;
import static io.eventbank.transfer.TransferMother.BOB;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.eventbank.transfer.TransferMother.HAMBURG_CLEARING;
import static io.eventbank.transfer.TransferMother.INTERBANK;
import static io.eventbank.transfer.TransferMother.SAME_BANK;
import static org.assertj.core.api.Assertions.assertThat;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.transfer.domain.RecordCreditCommand;
import io.eventbank.transfer.domain.RecordCreditRejectionCommand;
import io.eventbank.transfer.domain.RecordDebitCommand;
import io.eventbank.transfer.domain.RecordDebitRejectionCommand;
import io.eventbank.transfer.domain.RecordPayeeCreditedCommand;
import io.eventbank.transfer.domain.RecordPayeeRefusalCommand;
import io.eventbank.transfer.domain.RecordRefundCommand;
import org.junit.jupiter.api.Test;

class AccountAnswersTest {

    private static final String INCOMING = "in-x-pacs008";

    @Test
    void shouldTellTheTransferWhatEachAccountDidNamingTheAccount() {
        assertThat(AccountAnswers.commandFor(new AccountDebitedEvent(ALICE, INTERBANK, AMOUNT, CAROL, "rent", 0)))
                .contains(new RecordDebitCommand(INTERBANK, ALICE));
        assertThat(AccountAnswers.commandFor(new AccountCreditedEvent(BOB, SAME_BANK, AMOUNT, ALICE, "rent", 2500)))
                .contains(new RecordCreditCommand(SAME_BANK, BOB));
        assertThat(AccountAnswers.commandFor(new DebitRefundedEvent(ALICE, SAME_BANK, AMOUNT, "ACCOUNT_CLOSED", 2500)))
                .contains(new RecordRefundCommand(SAME_BANK, ALICE));
    }

    @Test
    void shouldTellNoTransferOfAClearingAccountsLeg() {
        // the sender's clearing credit, its debit on a refund, the receiver's clearing debit, and any refusal of
        // theirs: no transfer heeds a clearing account, so none is loaded for one
        assertThat(AccountAnswers.commandFor(new AccountCreditedEvent(BERLIN_CLEARING, INTERBANK, AMOUNT, CAROL,
                null, 2500))).isEmpty();
        assertThat(AccountAnswers.commandFor(new AccountDebitedEvent(BERLIN_CLEARING, INTERBANK, AMOUNT, CAROL,
                null, 0))).isEmpty();
        assertThat(AccountAnswers.commandFor(new AccountDebitedEvent(HAMBURG_CLEARING, INCOMING, AMOUNT, ALICE, null,
                0))).isEmpty();
        assertThat(AccountAnswers.commandFor(new AccountCreditRejectedEvent(BERLIN_CLEARING, INTERBANK, AMOUNT,
                AccountRefusal.CURRENCY_MISMATCH))).isEmpty();
        assertThat(AccountAnswers.commandFor(new AccountDebitRejectedEvent(HAMBURG_CLEARING, INCOMING, AMOUNT,
                AccountRefusal.CURRENCY_MISMATCH))).isEmpty();
        assertThat(AccountAnswers.commandFor(new DebitRefundedEvent(BERLIN_CLEARING, INTERBANK, AMOUNT, "x", 0)))
                .isEmpty();
    }

    @Test
    void shouldTellNoTransferOfOneThatAccountServiceBookedByItself() {
        // a transfer within one bank booked by account-service alone: final there, none of the saga's
        assertThat(AccountAnswers.commandFor(new AccountDebitedEvent(ALICE, SAME_BANK, AMOUNT, BOB, "rent", 0,
                true))).isEmpty();
        assertThat(AccountAnswers.commandFor(new AccountCreditedEvent(BOB, SAME_BANK, AMOUNT, ALICE, "rent", 2500,
                true))).isEmpty();
        assertThat(AccountAnswers.commandFor(new AccountDebitRejectedEvent(ALICE, SAME_BANK, AMOUNT,
                AccountRefusal.INSUFFICIENT_FUNDS, BOB, "rent", true))).isEmpty();
    }

    @Test
    void shouldLeaveAPayersDebitWithinOneBankToThePayeesAnswer() {
        assertThat(AccountAnswers.commandFor(new AccountDebitedEvent(ALICE, SAME_BANK, AMOUNT, BOB, "rent", 0)))
                .isEmpty();
        // a refusal is the only answer that comes: the payee is credited only with the debit
        assertThat(AccountAnswers.commandFor(new AccountDebitRejectedEvent(ALICE, SAME_BANK, AMOUNT,
                AccountRefusal.INSUFFICIENT_FUNDS))).contains(new RecordDebitRejectionCommand(SAME_BANK, ALICE,
                AccountRefusal.INSUFFICIENT_FUNDS));
        // between banks the payer's debit is still told
        assertThat(AccountAnswers.commandFor(new AccountDebitedEvent(ALICE, INTERBANK, AMOUNT, CAROL, null, 0)))
                .contains(new RecordDebitCommand(INTERBANK, ALICE));
    }

    @Test
    void shouldPassOnTheAccountsReasonForARefusal() {
        for (AccountRefusal reason : new AccountRefusal[] {AccountRefusal.INSUFFICIENT_FUNDS,
                AccountRefusal.ACCOUNT_FROZEN, AccountRefusal.ACCOUNT_CLOSED, AccountRefusal.UNKNOWN_ACCOUNT}) {
            assertThat(AccountAnswers.commandFor(new AccountDebitRejectedEvent(ALICE, SAME_BANK, AMOUNT, reason)))
                    .contains(new RecordDebitRejectionCommand(SAME_BANK, ALICE, reason));
            assertThat(AccountAnswers.commandFor(new AccountCreditRejectedEvent(BOB, SAME_BANK, AMOUNT, reason)))
                    .contains(new RecordCreditRejectionCommand(SAME_BANK, BOB, reason));
        }
    }

    @Test
    void shouldTellAnIncomingPaymentWhatThePayeesAccountDid() {
        assertThat(AccountAnswers.commandFor(new AccountCreditedEvent(CAROL, INCOMING, AMOUNT, ALICE, null, 2500)))
                .contains(new RecordPayeeCreditedCommand(INCOMING, CAROL));
        assertThat(AccountAnswers.commandFor(new AccountCreditRejectedEvent(CAROL, INCOMING, AMOUNT,
                AccountRefusal.ACCOUNT_FROZEN))).contains(new RecordPayeeRefusalCommand(INCOMING, CAROL,
                AccountRefusal.ACCOUNT_FROZEN));
    }

    @Test
    void shouldSayNothingForEventsThatAnswerNoLeg() {
        assertThat(AccountAnswers.commandFor(new MoneyDepositedEvent(ALICE, "op", AMOUNT, null, 2500))).isEmpty();
    }
}
