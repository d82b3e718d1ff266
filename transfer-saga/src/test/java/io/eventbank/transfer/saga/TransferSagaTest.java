package io.eventbank.transfer.saga;

import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.AMOUNT;
import static io.eventbank.transfer.TransferMother.BERLIN_CLEARING;
import static io.eventbank.transfer.TransferMother.BOB;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.eventbank.transfer.TransferMother.INTERBANK;
import static io.eventbank.transfer.TransferMother.SAME_BANK;
import static io.eventbank.transfer.TransferMother.interbankRequested;
import static io.eventbank.transfer.TransferMother.pacs008;
import static io.eventbank.transfer.TransferMother.sameBankRequested;

import java.time.Duration;
import java.time.Instant;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.transfer.RecordCreditCommand;
import io.eventbank.contracts.transfer.RecordCreditRejectionCommand;
import io.eventbank.contracts.transfer.RecordDebitCommand;
import io.eventbank.contracts.transfer.RecordDebitRejectionCommand;
import io.eventbank.contracts.transfer.RecordRefundCommand;
import io.eventbank.contracts.transfer.RequestClearingStatusCommand;
import io.eventbank.contracts.transfer.ClearingStatusRequestedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.RecordPayeeCreditedCommand;
import io.eventbank.contracts.transfer.RecordPayeeRefusalCommand;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.Test;

class TransferSagaTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private static org.axonframework.test.saga.ContinuedGivenState given(Object... events) {
        var state = new SagaTestFixture<>(TransferSaga.class).givenCurrentTime(T0);
        for (Object event : events) {
            state = state.andThenAPublished(event);
        }
        return state;
    }

    @Test
    void shouldStartOnARequestAndWaitForTheDebit() {
        given()
                .whenPublishingA(sameBankRequested())
                .expectActiveSagas(1)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void shouldTellTheTransferWhenThePayerIsDebited() {
        given(sameBankRequested())
                .whenPublishingA(new AccountDebitedEvent(ALICE, SAME_BANK, AMOUNT, BOB, "rent", 0))
                .expectDispatchedCommands(new RecordDebitCommand(SAME_BANK));
    }

    @Test
    void shouldTellTheTransferWhenThePayeeIsCreditedAndEndWithIt() {
        given(sameBankRequested(), new AccountDebitedEvent(ALICE, SAME_BANK, AMOUNT, BOB, "rent", 0))
                .whenPublishingA(new AccountCreditedEvent(BOB, SAME_BANK, AMOUNT, ALICE, "rent", 2500))
                .expectDispatchedCommands(new RecordCreditCommand(SAME_BANK));
        given(sameBankRequested())
                .whenPublishingA(new TransferCompletedEvent(SAME_BANK))
                .expectActiveSagas(0);
    }

    @Test
    void shouldPassOnTheReasonWhenTheDebitIsRefused() {
        for (AccountRefusal reason : new AccountRefusal[] {AccountRefusal.INSUFFICIENT_FUNDS,
                AccountRefusal.ACCOUNT_FROZEN, AccountRefusal.ACCOUNT_CLOSED, AccountRefusal.UNKNOWN_ACCOUNT}) {
            given(sameBankRequested())
                    .whenPublishingA(new AccountDebitRejectedEvent(ALICE, SAME_BANK, AMOUNT, reason))
                    .expectDispatchedCommands(new RecordDebitRejectionCommand(SAME_BANK, reason.name()));
        }
        given(sameBankRequested())
                .whenPublishingA(new TransferFailedEvent(SAME_BANK, "INSUFFICIENT_FUNDS"))
                .expectActiveSagas(0);
    }

    @Test
    void shouldReportARefusedCreditAndTheRefundThatFollows() {
        given(sameBankRequested())
                .whenPublishingA(new AccountCreditRejectedEvent(BOB, SAME_BANK, AMOUNT, AccountRefusal.ACCOUNT_CLOSED))
                .expectDispatchedCommands(new RecordCreditRejectionCommand(SAME_BANK, "ACCOUNT_CLOSED"));
        given(sameBankRequested(), new TransferRefundingEvent(SAME_BANK, "ACCOUNT_CLOSED"))
                .whenPublishingA(new DebitRefundedEvent(ALICE, SAME_BANK, AMOUNT, "ACCOUNT_CLOSED", 2500))
                .expectDispatchedCommands(new RecordRefundCommand(SAME_BANK));
    }

    @Test
    void shouldIgnoreTheClearingAccountsLegsOfTheSameTransfer() {
        given(interbankRequested())
                .whenPublishingA(new AccountCreditedEvent(BERLIN_CLEARING, INTERBANK, AMOUNT, CAROL, null, 2500))
                .expectNoDispatchedCommands();
        given(interbankRequested())
                .whenPublishingA(new AccountDebitedEvent(BERLIN_CLEARING, INTERBANK, AMOUNT, CAROL, null, 0))
                .expectNoDispatchedCommands();
    }

    @Test
    void shouldWaitForTheReceivingBankUntilItsCutOffAndAGrace() {
        Instant answerBy = T0.plus(Duration.ofSeconds(30)).plus(TransferSaga.ANSWER_GRACE);
        given(interbankRequested())
                .whenPublishingA(new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .expectScheduledDeadlineWithName(answerBy, TransferSaga.CLEARING_DEADLINE);
    }

    @Test
    void shouldHaveTheTransferAskTheReceivingBankWhenTheDeadlinePassesNeverTimeItOut() {
        given(interbankRequested(), new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .whenTimeElapses(Duration.ofSeconds(36))
                .expectDeadlinesMet(INTERBANK)
                .expectDispatchedCommands(new RequestClearingStatusCommand(INTERBANK));
    }

    @Test
    void shouldAskAgainAfterAnIntervalWhileNoAnswerComes() {
        Instant asked = T0.plusSeconds(36);
        given(interbankRequested(), new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .whenPublishingA(new ClearingStatusRequestedEvent(INTERBANK, new PaymentStatusRequest(
                        INTERBANK + "-pacs028-1", INTERBANK + "-pacs008", INTERBANK, "10020030", "20030040", asked)))
                .expectScheduledDeadlineWithName(asked.plus(TransferSaga.STATUS_REQUEST_INTERVAL),
                        TransferSaga.CLEARING_DEADLINE);
    }

    @Test
    void shouldAskLessOftenTheLongerNoAnswerComes() {
        var state = given(interbankRequested(), new TransferSentToClearingEvent(INTERBANK, pacs008(T0)));
        for (int n = 1; n <= 3; n++) {
            state = state.andThenAPublished(new ClearingStatusRequestedEvent(INTERBANK, new PaymentStatusRequest(
                    INTERBANK + "-pacs028-" + n, INTERBANK + "-pacs008", INTERBANK, "10020030", "20030040", T0)));
        }
        state.whenPublishingA(new ClearingStatusRequestedEvent(INTERBANK, new PaymentStatusRequest(
                        INTERBANK + "-pacs028-4", INTERBANK + "-pacs008", INTERBANK, "10020030", "20030040", T0)))
                .expectScheduledDeadlineWithName(T0.plus(TransferSaga.MAX_STATUS_REQUEST_INTERVAL),
                        TransferSaga.CLEARING_DEADLINE);
    }

    @Test
    void shouldTellAnIncomingPaymentWhatThePayeesAccountDid() {
        IncomingTransferReceivedEvent received = new IncomingTransferReceivedEvent("in-x", "x", "e2e", ALICE,
                "EVBKDEBBXXX", CAROL, AMOUNT, null, "10020030", "20030040", T0.plusSeconds(30));
        given(received)
                .whenPublishingA(new AccountCreditedEvent(CAROL, "in-x", AMOUNT, ALICE, null, 2500))
                .expectDispatchedCommands(new RecordPayeeCreditedCommand("in-x"));
        given(received)
                .whenPublishingA(new AccountCreditRejectedEvent(CAROL, "in-x", AMOUNT, AccountRefusal.ACCOUNT_FROZEN))
                .expectDispatchedCommands(new RecordPayeeRefusalCommand("in-x", "ACCOUNT_FROZEN"));
    }

    @Test
    void shouldEndWithTheTransferSoThatItsDeadlineFindsNothingToDo() {
        given(interbankRequested(), new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                new TransferAcceptedEvent(INTERBANK, "report"))
                .whenPublishingA(new TransferCompletedEvent(INTERBANK))
                .expectActiveSagas(0);
        given(interbankRequested(), new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                new TransferAcceptedEvent(INTERBANK, "report"), new TransferCompletedEvent(INTERBANK))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectNoDispatchedCommands();
    }

    @Test
    void shouldPassOnADuplicateEventAndLetTheTransferIgnoreIt() {
        AccountDebitedEvent debited = new AccountDebitedEvent(ALICE, SAME_BANK, AMOUNT, BOB, "rent", 0);
        given(sameBankRequested(), debited)
                .whenPublishingA(debited)
                .expectDispatchedCommands(new RecordDebitCommand(SAME_BANK));
    }
}
