package io.eventbank.transfer.domain;

import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.transfer.TransferFailure;
import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.AMOUNT;
import static io.eventbank.transfer.TransferMother.BERLIN;
import static io.eventbank.transfer.TransferMother.BERLIN_CLEARING;
import static io.eventbank.transfer.TransferMother.BOB;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.eventbank.transfer.TransferMother.HAMBURG;
import static io.eventbank.transfer.TransferMother.INTERBANK;
import static io.eventbank.transfer.TransferMother.SAME_BANK;
import static io.eventbank.transfer.TransferMother.TIMEOUT;
import static io.eventbank.transfer.TransferMother.interbankRequested;
import static io.eventbank.transfer.TransferMother.leg;
import static io.eventbank.transfer.TransferMother.pacs002;
import static io.eventbank.transfer.TransferMother.pacs008;
import static io.eventbank.transfer.TransferMother.sameBankRequest;
import static io.eventbank.transfer.TransferMother.sameBankRequested;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.LateClearingAnswerRecordedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.contracts.transfer.ClearingStatusRequestedEvent;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.matchers.Matchers;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MoneyTransferTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");

    private FixtureConfiguration<MoneyTransfer> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(MoneyTransfer.class);
    }

    @Test
    void shouldAskBothLegsOfATransferWithinTheBankInOneCommand() {
        fixture.givenNoPriorActivity()
                .when(sameBankRequest())
                .expectEvents(sameBankRequested(), bothLegs());
    }

    @Test
    void shouldCompleteOnThePayeesCreditWhenBothLegsWereAskedInOne() {
        fixture.given(sameBankRequested(), bothLegs())
                .when(new RecordCreditCommand(SAME_BANK, BOB))
                .expectEvents(new TransferDebitedEvent(SAME_BANK), new TransferCreditedEvent(SAME_BANK),
                        new TransferCompletedEvent(SAME_BANK));
        // the payer's answer, before or after the payee's, says nothing the payee's does not
        fixture.given(sameBankRequested(), bothLegs())
                .when(new RecordDebitCommand(SAME_BANK, ALICE))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(sameBankRequested(), bothLegs(), new TransferDebitedEvent(SAME_BANK),
                        new TransferCreditedEvent(SAME_BANK), new TransferCompletedEvent(SAME_BANK))
                .when(new RecordCreditCommand(SAME_BANK, BOB))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(sameBankRequested(), bothLegs())
                .when(new RecordCreditCommand(SAME_BANK, ALICE))
                .expectNoEvents().expectResultMessagePayload(false);
    }

    @Test
    void shouldRefundThePayerWhenThePayeeRefusesTheCreditAskedWithTheDebit() {
        fixture.given(sameBankRequested(), bothLegs())
                .when(new RecordCreditRejectionCommand(SAME_BANK, BOB, AccountRefusal.ACCOUNT_CLOSED))
                .expectEvents(new TransferDebitedEvent(SAME_BANK),
                        new TransferRefundingEvent(SAME_BANK, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)),
                        leg(SAME_BANK, Leg.REFUND, ALICE, BOB, "rent", "ACCOUNT_CLOSED"));
        fixture.given(sameBankRequested(), bothLegs())
                .when(new RecordDebitRejectionCommand(SAME_BANK, ALICE, AccountRefusal.INSUFFICIENT_FUNDS))
                .expectEvents(new TransferFailedEvent(SAME_BANK, TransferFailure.of(AccountRefusal.INSUFFICIENT_FUNDS)));
    }

    @Test
    void shouldAskBothLegsAgainWhenResumedBeforeAnAnswer() {
        fixture.given(sameBankRequested(), bothLegs())
                .when(new ResumeTransferCommand(SAME_BANK))
                .expectEvents(bothLegs());
    }

    private static AccountLegRequestedEvent bothLegs() {
        return leg(SAME_BANK, Leg.DEBIT_AND_CREDIT, ALICE, BOB, "rent", null);
    }

    // The tests below that start from a same-bank transfer without its leg request are of transfers stored before
    // both legs were asked in one: the payer's debit first, then the payee's credit, each a command of its own.

    @Test
    void shouldRefuseATransferToTheSameAccountOrOfNothing() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand("t", "k", ALICE, ALICE, AMOUNT, null, false, null, null, TIMEOUT))
                .expectException(IllegalArgumentException.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RequestTransferCommand("t", "k", ALICE, BOB, Money.of(0, "EUR"), null, false, null, null,
                        TIMEOUT))
                .expectException(IllegalArgumentException.class).expectNoEvents();
    }

    @Test
    void shouldCreditThePayeeOnceThePayerIsDebitedAndCompleteOnceCredited() {
        fixture.given(sameBankRequested())
                .when(new RecordDebitCommand(SAME_BANK, ALICE))
                .expectEvents(new TransferDebitedEvent(SAME_BANK), leg(SAME_BANK, Leg.CREDIT, BOB, ALICE, "rent", null));
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordCreditCommand(SAME_BANK, BOB))
                .expectEvents(new TransferCreditedEvent(SAME_BANK), new TransferCompletedEvent(SAME_BANK));
    }

    @Test
    void shouldFailWithTheAccountsReasonWhenTheDebitIsRefused() {
        fixture.given(sameBankRequested())
                .when(new RecordDebitRejectionCommand(SAME_BANK, ALICE, AccountRefusal.INSUFFICIENT_FUNDS))
                .expectEvents(new TransferFailedEvent(SAME_BANK, TransferFailure.of(AccountRefusal.INSUFFICIENT_FUNDS)));
    }

    @Test
    void shouldRefundThePayerWhenTheCreditIsRefusedAndFailOnceRefunded() {
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordCreditRejectionCommand(SAME_BANK, BOB, AccountRefusal.ACCOUNT_CLOSED))
                .expectEvents(new TransferRefundingEvent(SAME_BANK, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)),
                        leg(SAME_BANK, Leg.REFUND, ALICE, BOB, "rent", "ACCOUNT_CLOSED"));
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK),
                        new TransferRefundingEvent(SAME_BANK, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)))
                .when(new RecordRefundCommand(SAME_BANK, ALICE))
                .expectEvents(new TransferFailedEvent(SAME_BANK, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)));
    }

    @Test
    void shouldChangeNothingOnARepeatedOrOutOfOrderAnswer() {
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordDebitCommand(SAME_BANK, ALICE))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(sameBankRequested())
                .when(new RecordCreditCommand(SAME_BANK, BOB))
                .expectNoEvents();
        fixture.given(sameBankRequested(), new TransferFailedEvent(SAME_BANK, TransferFailure.of(AccountRefusal.INSUFFICIENT_FUNDS)))
                .when(new RecordRefundCommand(SAME_BANK, ALICE))
                .expectNoEvents();
    }

    @Test
    void shouldHeedOnlyThePayersAndThePayeesAnswers() {
        fixture.given(sameBankRequested())
                .when(new RecordDebitCommand(SAME_BANK, BOB))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(sameBankRequested())
                .when(new RecordDebitRejectionCommand(SAME_BANK, BOB, AccountRefusal.INSUFFICIENT_FUNDS))
                .expectNoEvents();
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordCreditCommand(SAME_BANK, ALICE))
                .expectNoEvents();
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordCreditRejectionCommand(SAME_BANK, ALICE, AccountRefusal.ACCOUNT_CLOSED))
                .expectNoEvents();
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK),
                        new TransferRefundingEvent(SAME_BANK, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)))
                .when(new RecordRefundCommand(SAME_BANK, BOB))
                .expectNoEvents();
    }

    @Test
    void shouldIgnoreTheClearingAccountsLegsOfTheSameTransfer() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RecordCreditCommand(INTERBANK, BERLIN_CLEARING))
                .expectNoEvents();
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferRefundingEvent(INTERBANK, TransferFailure.REJECTED_BY_CLEARING))
                .when(new RecordDebitCommand(INTERBANK, BERLIN_CLEARING))
                .expectNoEvents();
    }

    @Test
    void shouldWaitForTheReceivingBankUntilItsCutOffAndAGrace() {
        fixture.givenCurrentTime(T0)
                .andGiven(interbankRequested())
                .when(new RecordDebitCommand(INTERBANK, ALICE))
                .expectScheduledDeadlineWithName(T0.plus(TIMEOUT).plus(MoneyTransfer.ANSWER_GRACE),
                        MoneyTransfer.CLEARING_DEADLINE);
        new AggregateTestFixture<>(MoneyTransfer.class).givenCurrentTime(T0)
                .andGiven(sameBankRequested())
                .when(new RecordDebitCommand(SAME_BANK, ALICE))
                .expectNoScheduledDeadlines();
    }

    @Test
    void shouldAskTheReceivingBankWhenTheDeadlinePassesNeverTimeItOut() {
        fixture.givenCurrentTime(T0)
                .andGiven(interbankRequested())
                .andGivenCommands(new RecordDebitCommand(INTERBANK, ALICE))
                .whenTimeElapses(TIMEOUT.plus(MoneyTransfer.ANSWER_GRACE).plusSeconds(1))
                .expectTriggeredDeadlinesWithName(MoneyTransfer.CLEARING_DEADLINE)
                // the fixture keeps no clock for what a deadline does: the request is matched without its time
                .expectEventsMatching(Matchers.payloadsMatching(Matchers.exactSequenceOf(
                        Matchers.<Object>matches(event -> event instanceof ClearingStatusRequestedEvent asked
                                && asked.request().messageId().equals(INTERBANK + "-pacs028-1")),
                        Matchers.andNoMore())));
    }

    @Test
    void shouldAskAgainAfterAnIntervalThatGrowsToItsLongest() {
        Instant asked = T0.plus(TIMEOUT).plusSeconds(5);
        fixture.givenCurrentTime(asked)
                .andGiven(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RequestClearingStatusCommand(INTERBANK))
                .expectScheduledDeadlineWithName(asked.plus(MoneyTransfer.STATUS_REQUEST_INTERVAL),
                        MoneyTransfer.CLEARING_DEADLINE);
        new AggregateTestFixture<>(MoneyTransfer.class).givenCurrentTime(asked)
                .andGiven(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)), statusRequested(1, T0),
                        statusRequested(2, T0), statusRequested(3, T0))
                .when(new RequestClearingStatusCommand(INTERBANK))
                .expectScheduledDeadlineWithName(asked.plus(MoneyTransfer.MAX_STATUS_REQUEST_INTERVAL),
                        MoneyTransfer.CLEARING_DEADLINE);
    }

    @Test
    void shouldDoNothingWhenADeadlineFiresAfterTheAnswer() {
        fixture.givenCurrentTime(T0)
                .andGiven(interbankRequested())
                .andGivenCommands(new RecordDebitCommand(INTERBANK, ALICE),
                        new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .whenTimeElapses(Duration.ofMinutes(5))
                .expectNoEvents();
    }

    @Test
    void shouldSendAnInterbankTransferToClearingOnceThePayerIsDebited() {
        fixture.givenCurrentTime(T0)
                .andGiven(interbankRequested())
                .when(new RecordDebitCommand(INTERBANK, ALICE))
                .expectEvents(new TransferDebitedEvent(INTERBANK),
                        leg(INTERBANK, Leg.CREDIT, BERLIN_CLEARING, CAROL, "invoice", null),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)));
    }

    @Test
    void shouldCompleteWhenTheReceivingBankAccepts() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .expectEvents(new TransferAcceptedEvent(INTERBANK, "in-t-inter-pacs008-pacs002"),
                        new TransferCompletedEvent(INTERBANK));
    }

    @Test
    void shouldRefuseAnAnswerThatIsNotToWhatWasSentOrNotFromWhereItWasSent() {
        PaymentStatusReport genuine = pacs002(ClearingStatus.ACSC, null, T0);
        for (PaymentStatusReport foreign : List.of(
                new PaymentStatusReport("x", "t-other-pacs008", INTERBANK, ClearingStatus.RJCT, "AC01", HAMBURG,
                        BERLIN, T0),
                new PaymentStatusReport("x", genuine.originalMessageId(), INTERBANK, ClearingStatus.RJCT, "AC01",
                        "70050060", BERLIN, T0),
                new PaymentStatusReport("x", genuine.originalMessageId(), INTERBANK, ClearingStatus.RJCT, "AC01",
                        HAMBURG, "70050060", T0))) {
            fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                            new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                    .when(new RecordClearingAnswerCommand(INTERBANK, foreign))
                    .expectException(ForeignClearingMessageException.class)
                    .expectNoEvents();
        }
        fixture.given(interbankRequested())
                .when(new RecordClearingAnswerCommand(INTERBANK, genuine))
                .expectException(ForeignClearingMessageException.class)
                .expectNoEvents();
    }

    @Test
    void shouldRefundThePayerAndTakeBackTheClearingMoneyWhenRejected() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.RJCT, "AC04", T0)))
                .expectEvents(new TransferRefundingEvent(INTERBANK, TransferFailure.REJECTED_BY_CLEARING),
                        leg(INTERBANK, Leg.REFUND, ALICE, CAROL, "invoice", "REJECTED_BY_CLEARING"),
                        leg(INTERBANK, Leg.DEBIT, BERLIN_CLEARING, CAROL, "invoice", "REJECTED_BY_CLEARING AC04"));
    }

    @Test
    void shouldTakeTheMoneyBackFromTheClearingAccountItWentTo() {
        // a transfer sent while its bank had one clearing account (shard 0) gets its money back from that one
        String before = Clearing.accountOf(BERLIN, "EUR", 0);
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        leg(INTERBANK, Leg.CREDIT, before, CAROL, "invoice", null),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.RJCT, "AC04", T0)))
                .expectEvents(new TransferRefundingEvent(INTERBANK, TransferFailure.REJECTED_BY_CLEARING),
                        leg(INTERBANK, Leg.REFUND, ALICE, CAROL, "invoice", "REJECTED_BY_CLEARING"),
                        leg(INTERBANK, Leg.DEBIT, before, CAROL, "invoice", "REJECTED_BY_CLEARING AC04"));
    }

    @Test
    void shouldAskTheReceivingBankAndMoveNoMoneyWhenItsAnswerIsOverdue() {
        fixture.givenCurrentTime(T0.plus(TIMEOUT).plusSeconds(5))
                .andGiven(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RequestClearingStatusCommand(INTERBANK))
                .expectEvents(statusRequested(1, T0.plus(TIMEOUT).plusSeconds(5)))
                .expectResultMessagePayload(true);
    }

    @Test
    void shouldAskAgainWhileNoAnswerComes() {
        Instant later = T0.plus(TIMEOUT).plusSeconds(15);
        fixture.givenCurrentTime(later)
                .andGiven(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)), statusRequested(1, T0))
                .when(new RequestClearingStatusCommand(INTERBANK))
                .expectEvents(statusRequested(2, later));
    }

    @Test
    void shouldCompleteOnAnAcceptanceThatComesAfterAsking() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)), statusRequested(1, T0))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .expectEvents(new TransferAcceptedEvent(INTERBANK, "in-t-inter-pacs008-pacs002"),
                        new TransferCompletedEvent(INTERBANK));
    }

    @Test
    void shouldRefundAsTimedOutOnlyWhenTheReceivingBankSaysItDidNotReceiveItInTime() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)), statusRequested(1, T0))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.RJCT, "AB05", T0)))
                .expectEvents(new TransferRefundingEvent(INTERBANK, TransferFailure.TIMED_OUT),
                        leg(INTERBANK, Leg.REFUND, ALICE, CAROL, "invoice", "TIMED_OUT"),
                        leg(INTERBANK, Leg.DEBIT, BERLIN_CLEARING, CAROL, "invoice", "TIMED_OUT AB05"));
    }

    @Test
    void shouldIgnoreTheSameAnswerAgainAndRecordAContradictingOneMovingNoMoney() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferAcceptedEvent(INTERBANK, "r"), new TransferCompletedEvent(INTERBANK))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .expectNoEvents();
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferRefundingEvent(INTERBANK, TransferFailure.TIMED_OUT))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.RJCT, "AB05", T0)))
                .expectNoEvents();
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferRefundingEvent(INTERBANK, TransferFailure.REJECTED_BY_CLEARING))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .expectEvents(new LateClearingAnswerRecordedEvent(INTERBANK, "in-t-inter-pacs008-pacs002", "ACSC",
                        null));
    }

    @Test
    void shouldNotAskOnceTheAnswerCame() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferAcceptedEvent(INTERBANK, "r"), new TransferCompletedEvent(INTERBANK))
                .when(new RequestClearingStatusCommand(INTERBANK))
                .expectNoEvents()
                .expectResultMessagePayload(false);
    }

    @Test
    void shouldAskAgainForThePendingLegWhenResumed() {
        // a transfer that asked for the debit alone asks for both legs now: the payee's answer completes it
        fixture.given(sameBankRequested(), leg(SAME_BANK, Leg.DEBIT, ALICE, BOB, "rent", null))
                .when(new ResumeTransferCommand(SAME_BANK))
                .expectEvents(bothLegs());
        fixture.given(sameBankRequested(), leg(SAME_BANK, Leg.DEBIT, ALICE, BOB, "rent", null), bothLegs())
                .when(new RecordCreditCommand(SAME_BANK, BOB))
                .expectEvents(new TransferDebitedEvent(SAME_BANK), new TransferCreditedEvent(SAME_BANK),
                        new TransferCompletedEvent(SAME_BANK));

        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new ResumeTransferCommand(SAME_BANK))
                .expectEvents(leg(SAME_BANK, Leg.CREDIT, BOB, ALICE, "rent", null));
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK),
                        new TransferRefundingEvent(SAME_BANK, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)))
                .when(new ResumeTransferCommand(SAME_BANK))
                .expectEvents(leg(SAME_BANK, Leg.REFUND, ALICE, BOB, "rent", "ACCOUNT_CLOSED"));
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK), new TransferCreditedEvent(SAME_BANK),
                        new TransferCompletedEvent(SAME_BANK))
                .when(new ResumeTransferCommand(SAME_BANK))
                .expectNoEvents();
    }

    @Test
    void shouldAskAgainForThePayersDebitAloneBetweenBanksWhenResumed() {
        fixture.given(interbankRequested())
                .when(new ResumeTransferCommand(INTERBANK))
                .expectEvents(leg(INTERBANK, Leg.DEBIT, ALICE, CAROL, "invoice", null));
    }

    @Test
    void shouldAskTheReceivingBankWhenResumedOnlyAfterItsCutOff() {
        fixture.givenCurrentTime(T0.plusSeconds(5))
                .andGiven(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new ResumeTransferCommand(INTERBANK))
                .expectNoEvents();
        fixture.givenCurrentTime(T0.plus(TIMEOUT).plusSeconds(1))
                .andGiven(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new ResumeTransferCommand(INTERBANK))
                .expectEvents(statusRequested(1, T0.plus(TIMEOUT).plusSeconds(1)));
    }

    private static ClearingStatusRequestedEvent statusRequested(int n, Instant at) {
        return new ClearingStatusRequestedEvent(INTERBANK, new PaymentStatusRequest(INTERBANK + "-pacs028-" + n,
                INTERBANK + "-pacs008", INTERBANK, "10020030", "20030040", at));
    }
}
