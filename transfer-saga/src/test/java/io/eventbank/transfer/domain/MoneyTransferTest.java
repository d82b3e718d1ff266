package io.eventbank.transfer.domain;

import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.AMOUNT;
import static io.eventbank.transfer.TransferMother.BERLIN_CLEARING;
import static io.eventbank.transfer.TransferMother.BOB;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.eventbank.transfer.TransferMother.HAMBURG_CLEARING;
import static io.eventbank.transfer.TransferMother.INTERBANK;
import static io.eventbank.transfer.TransferMother.SAME_BANK;
import static io.eventbank.transfer.TransferMother.TIMEOUT;
import static io.eventbank.transfer.TransferMother.interbankRequested;
import static io.eventbank.transfer.TransferMother.leg;
import static io.eventbank.transfer.TransferMother.pacs002;
import static io.eventbank.transfer.TransferMother.pacs008;
import static io.eventbank.transfer.TransferMother.sameBankRequest;
import static io.eventbank.transfer.TransferMother.sameBankRequested;

import java.time.Instant;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.LateClearingAnswerRecordedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.contracts.transfer.ReceiveCreditTransferCommand;
import io.eventbank.contracts.transfer.RecordClearingAnswerCommand;
import io.eventbank.contracts.transfer.RecordCreditCommand;
import io.eventbank.contracts.transfer.RecordCreditRejectionCommand;
import io.eventbank.contracts.transfer.RecordDebitCommand;
import io.eventbank.contracts.transfer.RecordDebitRejectionCommand;
import io.eventbank.contracts.transfer.RecordRefundCommand;
import io.eventbank.contracts.transfer.RequestTransferCommand;
import io.eventbank.contracts.transfer.StatusReportIssuedEvent;
import io.eventbank.contracts.transfer.TimeOutTransferCommand;
import io.eventbank.contracts.transfer.TransferAcceptedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferDebitedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import io.eventbank.contracts.transfer.TransferRefundingEvent;
import io.eventbank.contracts.transfer.TransferSentToClearingEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
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
    void shouldRequestTheDebitOfThePayerFirst() {
        fixture.givenNoPriorActivity()
                .when(sameBankRequest())
                .expectEvents(sameBankRequested(), leg(SAME_BANK, Leg.DEBIT, ALICE, BOB, "rent", null));
    }

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
                .when(new RecordDebitCommand(SAME_BANK))
                .expectEvents(new TransferDebitedEvent(SAME_BANK), leg(SAME_BANK, Leg.CREDIT, BOB, ALICE, "rent", null));
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordCreditCommand(SAME_BANK))
                .expectEvents(new TransferCreditedEvent(SAME_BANK), new TransferCompletedEvent(SAME_BANK));
    }

    @Test
    void shouldFailWithTheAccountsReasonWhenTheDebitIsRefused() {
        fixture.given(sameBankRequested())
                .when(new RecordDebitRejectionCommand(SAME_BANK, "INSUFFICIENT_FUNDS"))
                .expectEvents(new TransferFailedEvent(SAME_BANK, "INSUFFICIENT_FUNDS"));
    }

    @Test
    void shouldRefundThePayerWhenTheCreditIsRefusedAndFailOnceRefunded() {
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordCreditRejectionCommand(SAME_BANK, "ACCOUNT_CLOSED"))
                .expectEvents(new TransferRefundingEvent(SAME_BANK, "ACCOUNT_CLOSED"),
                        leg(SAME_BANK, Leg.REFUND, ALICE, BOB, "rent", "ACCOUNT_CLOSED"));
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK),
                        new TransferRefundingEvent(SAME_BANK, "ACCOUNT_CLOSED"))
                .when(new RecordRefundCommand(SAME_BANK))
                .expectEvents(new TransferFailedEvent(SAME_BANK, "ACCOUNT_CLOSED"));
    }

    @Test
    void shouldChangeNothingOnARepeatedOrOutOfOrderAnswer() {
        fixture.given(sameBankRequested(), new TransferDebitedEvent(SAME_BANK))
                .when(new RecordDebitCommand(SAME_BANK))
                .expectNoEvents().expectResultMessagePayload(false);
        fixture.given(sameBankRequested())
                .when(new RecordCreditCommand(SAME_BANK))
                .expectNoEvents();
        fixture.given(sameBankRequested(), new TransferFailedEvent(SAME_BANK, "INSUFFICIENT_FUNDS"))
                .when(new RecordRefundCommand(SAME_BANK))
                .expectNoEvents();
    }

    @Test
    void shouldSendAnInterbankTransferToClearingOnceThePayerIsDebited() {
        fixture.givenCurrentTime(T0)
                .andGiven(interbankRequested())
                .when(new RecordDebitCommand(INTERBANK))
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
    void shouldRefundThePayerAndTakeBackTheClearingMoneyWhenRejected() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.RJCT, "AC04", T0)))
                .expectEvents(new TransferRefundingEvent(INTERBANK, "REJECTED_BY_CLEARING"),
                        leg(INTERBANK, Leg.REFUND, ALICE, CAROL, "invoice", "REJECTED_BY_CLEARING"),
                        leg(INTERBANK, Leg.DEBIT, BERLIN_CLEARING, CAROL, "invoice", "REJECTED_BY_CLEARING AC04"));
    }

    @Test
    void shouldRefundThePayerWhenTheDeadlinePasses() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)))
                .when(new TimeOutTransferCommand(INTERBANK))
                .expectEvents(new TransferRefundingEvent(INTERBANK, "TIMED_OUT"),
                        leg(INTERBANK, Leg.REFUND, ALICE, CAROL, "invoice", "TIMED_OUT"),
                        leg(INTERBANK, Leg.DEBIT, BERLIN_CLEARING, CAROL, "invoice", "TIMED_OUT"));
    }

    @Test
    void shouldRecordALateAnswerAndMoveNoMoney() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferRefundingEvent(INTERBANK, "TIMED_OUT"))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .expectEvents(new LateClearingAnswerRecordedEvent(INTERBANK, "in-t-inter-pacs008-pacs002", "ACSC",
                        null));
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferAcceptedEvent(INTERBANK, "r"), new TransferCompletedEvent(INTERBANK))
                .when(new RecordClearingAnswerCommand(INTERBANK, pacs002(ClearingStatus.ACSC, null, T0)))
                .expectNoEvents();
    }

    @Test
    void shouldIgnoreATimeoutAfterTheAnswer() {
        fixture.given(interbankRequested(), new TransferDebitedEvent(INTERBANK),
                        new TransferSentToClearingEvent(INTERBANK, pacs008(T0)),
                        new TransferAcceptedEvent(INTERBANK, "r"), new TransferCompletedEvent(INTERBANK))
                .when(new TimeOutTransferCommand(INTERBANK))
                .expectNoEvents();
    }

    @Test
    void shouldCreditThePayeeOfAnIncomingTransferAndAcceptIt() {
        String incoming = "in-" + INTERBANK + "-pacs008";
        IncomingTransferReceivedEvent received = new IncomingTransferReceivedEvent(incoming, INTERBANK + "-pacs008",
                INTERBANK, ALICE, "EVBKDEBBXXX", CAROL, AMOUNT, "invoice", "10020030", "20030040",
                T0.plus(TIMEOUT));
        fixture.givenCurrentTime(T0)
                .when(new ReceiveCreditTransferCommand(incoming, pacs008(T0), HAMBURG_CLEARING))
                .expectEvents(received, leg(incoming, Leg.CREDIT, CAROL, ALICE, "invoice", null));
        fixture.givenCurrentTime(T0)
                .andGiven(received)
                .when(new RecordCreditCommand(incoming))
                .expectEvents(new TransferCreditedEvent(incoming),
                        leg(incoming, Leg.DEBIT, HAMBURG_CLEARING, ALICE, "invoice", null),
                        new StatusReportIssuedEvent(incoming, new PaymentStatusReport(incoming + "-pacs002",
                                INTERBANK + "-pacs008", INTERBANK, ClearingStatus.ACSC, null, "20030040", "10020030",
                                T0)),
                        new TransferCompletedEvent(incoming));
    }

    @Test
    void shouldRejectAnIncomingTransferWithTheIsoReasonOfTheAccountsRefusal() {
        String incoming = "in-" + INTERBANK + "-pacs008";
        IncomingTransferReceivedEvent received = new IncomingTransferReceivedEvent(incoming, INTERBANK + "-pacs008",
                INTERBANK, ALICE, "EVBKDEBBXXX", CAROL, AMOUNT, "invoice", "10020030", "20030040",
                T0.plus(TIMEOUT));
        fixture.givenCurrentTime(T0)
                .andGiven(received)
                .when(new RecordCreditRejectionCommand(incoming, "ACCOUNT_CLOSED"))
                .expectEvents(new StatusReportIssuedEvent(incoming, new PaymentStatusReport(incoming + "-pacs002",
                                INTERBANK + "-pacs008", INTERBANK, ClearingStatus.RJCT, "AC04", "20030040", "10020030",
                                T0)),
                        new TransferFailedEvent(incoming, "ACCOUNT_CLOSED"));
    }

    @Test
    void shouldRejectAnIncomingTransferThatArrivesAfterItsCutOff() {
        String incoming = "in-" + INTERBANK + "-pacs008";
        Instant late = T0.plus(TIMEOUT).plusSeconds(1);
        fixture.givenCurrentTime(late)
                .when(new ReceiveCreditTransferCommand(incoming, pacs008(T0), HAMBURG_CLEARING))
                .expectEvents(new IncomingTransferReceivedEvent(incoming, INTERBANK + "-pacs008", INTERBANK, ALICE,
                                "EVBKDEBBXXX", CAROL, AMOUNT, "invoice", "10020030", "20030040", T0.plus(TIMEOUT)),
                        new StatusReportIssuedEvent(incoming, new PaymentStatusReport(incoming + "-pacs002",
                                INTERBANK + "-pacs008", INTERBANK, ClearingStatus.RJCT, "AB05", "20030040", "10020030",
                                late)),
                        new TransferFailedEvent(incoming, "TIMED_OUT"));
    }
}
