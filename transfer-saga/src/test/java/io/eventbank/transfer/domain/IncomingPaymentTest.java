package io.eventbank.transfer.domain;

import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.transfer.TransferFailure;
import static io.eventbank.transfer.TransferMother.ALICE;
import static io.eventbank.transfer.TransferMother.AMOUNT;
import static io.eventbank.transfer.TransferMother.BERLIN;
import static io.eventbank.transfer.TransferMother.CAROL;
import static io.eventbank.transfer.TransferMother.HAMBURG;
import static io.eventbank.transfer.TransferMother.HAMBURG_CLEARING;
import static io.eventbank.transfer.TransferMother.INTERBANK;
import static io.eventbank.transfer.TransferMother.TIMEOUT;
import static io.eventbank.transfer.TransferMother.leg;
import static io.eventbank.transfer.TransferMother.pacs008;

import java.time.Instant;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.clearing.ClearingStatus;
import io.eventbank.contracts.clearing.CreditTransferMessage;
import io.eventbank.contracts.clearing.PaymentStatusReport;
import io.eventbank.contracts.clearing.PaymentStatusRequest;
import io.eventbank.contracts.transfer.CreditTransferNotReceivedEvent;
import io.eventbank.contracts.transfer.IncomingTransferReceivedEvent;
import io.eventbank.contracts.transfer.Leg;
import io.eventbank.contracts.transfer.StatusReportIssuedEvent;
import io.eventbank.contracts.transfer.TransferCompletedEvent;
import io.eventbank.contracts.transfer.TransferCreditedEvent;
import io.eventbank.contracts.transfer.TransferFailedEvent;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The receiving bank's record of a payment: whatever reaches it first fixes the outcome, once. */
class IncomingPaymentTest {

    private static final Instant T0 = Instant.parse("2026-11-24T10:00:00Z");
    private static final String PAYMENT = "in-" + INTERBANK + "-pacs008";

    private FixtureConfiguration<IncomingPayment> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(IncomingPayment.class);
    }

    private static IncomingTransferReceivedEvent received(CreditTransferMessage message) {
        return new IncomingTransferReceivedEvent(PAYMENT, message.messageId(), message.endToEndId(),
                message.debtorIban(), "EVBKDEBBXXX", message.creditorIban(), AMOUNT, message.remittanceInformation(),
                BERLIN, HAMBURG, message.acceptBefore());
    }

    private static StatusReportIssuedEvent report(int n, ClearingStatus status, String code, Instant at) {
        return new StatusReportIssuedEvent(PAYMENT, new PaymentStatusReport(PAYMENT + "-pacs002-" + n,
                INTERBANK + "-pacs008", INTERBANK, status, code, HAMBURG, BERLIN, at));
    }

    private static AnswerStatusRequestCommand statusRequest(Instant at) {
        return new AnswerStatusRequestCommand(PAYMENT, new PaymentStatusRequest(INTERBANK + "-pacs028-1",
                INTERBANK + "-pacs008", INTERBANK, BERLIN, HAMBURG, at));
    }

    @Test
    void shouldCreditThePayeeOfACreditTransferReceivedBeforeItsCutOff() {
        fixture.givenCurrentTime(T0)
                .when(new ReceiveCreditTransferCommand(PAYMENT, pacs008(T0)))
                .expectEvents(received(pacs008(T0)), leg(PAYMENT, Leg.CREDIT, CAROL, ALICE, "invoice", null));
    }

    @Test
    void shouldAcceptOnceThePayeeIsCreditedEvenAfterTheCutOff() {
        Instant late = T0.plus(TIMEOUT).plusSeconds(60);
        fixture.givenCurrentTime(late)
                .andGiven(received(pacs008(T0)))
                .when(new RecordPayeeCreditedCommand(PAYMENT, CAROL))
                .expectEvents(new TransferCreditedEvent(PAYMENT),
                        leg(PAYMENT, Leg.DEBIT, HAMBURG_CLEARING, ALICE, "invoice", null),
                        report(1, ClearingStatus.ACSC, null, late),
                        new TransferCompletedEvent(PAYMENT));
    }

    @Test
    void shouldPickAClearingAccountForACreditTransferWithoutAnEndToEndId() {
        CreditTransferMessage m = pacs008(T0);
        CreditTransferMessage noEndToEnd = new CreditTransferMessage(m.messageId(), null, m.amount(), m.debtorIban(),
                m.debtorBic(), m.creditorIban(), m.creditorBic(), m.remittanceInformation(), m.instructingBank(),
                m.instructedBank(), m.createdAt(), m.acceptBefore());
        fixture.givenCurrentTime(T0)
                .andGiven(received(noEndToEnd))
                .when(new RecordPayeeCreditedCommand(PAYMENT, CAROL))
                .expectEvents(new TransferCreditedEvent(PAYMENT),
                        leg(PAYMENT, Leg.DEBIT, Clearing.accountFor(HAMBURG, "EUR", PAYMENT), ALICE, "invoice", null),
                        new StatusReportIssuedEvent(PAYMENT, new PaymentStatusReport(PAYMENT + "-pacs002-1",
                                INTERBANK + "-pacs008", null, ClearingStatus.ACSC, null, HAMBURG, BERLIN, T0)),
                        new TransferCompletedEvent(PAYMENT));
    }

    @Test
    void shouldHeedOnlyThePayeesAnswer() {
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)))
                .when(new RecordPayeeCreditedCommand(PAYMENT, HAMBURG_CLEARING))
                .expectNoEvents();
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)))
                .when(new RecordPayeeRefusalCommand(PAYMENT, ALICE, AccountRefusal.ACCOUNT_CLOSED))
                .expectNoEvents();
    }

    @Test
    void shouldRejectWithTheIsoReasonOfTheAccountsRefusal() {
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)))
                .when(new RecordPayeeRefusalCommand(PAYMENT, CAROL, AccountRefusal.ACCOUNT_CLOSED))
                .expectEvents(report(1, ClearingStatus.RJCT, "AC04", T0),
                        new TransferFailedEvent(PAYMENT, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)));
    }

    @Test
    void shouldRejectACreditTransferThatArrivesAfterItsCutOff() {
        Instant late = T0.plus(TIMEOUT).plusSeconds(1);
        fixture.givenCurrentTime(late)
                .when(new ReceiveCreditTransferCommand(PAYMENT, pacs008(T0)))
                .expectEvents(received(pacs008(T0)), report(1, ClearingStatus.RJCT, "AB05", late),
                        new TransferFailedEvent(PAYMENT, TransferFailure.TIMED_OUT));
    }

    @Test
    void shouldRejectACreditTransferToAClearingAccountOrWithTextNoAccountTakes() {
        CreditTransferMessage toClearing = withCreditor(pacs008(T0), HAMBURG_CLEARING, "invoice");
        fixture.givenCurrentTime(T0)
                .when(new ReceiveCreditTransferCommand(PAYMENT, toClearing))
                .expectEvents(received(toClearing), report(1, ClearingStatus.RJCT, "AG01", T0),
                        new TransferFailedEvent(PAYMENT, TransferFailure.of(AccountRefusal.CLEARING_ACCOUNT)));
        CreditTransferMessage hostile = withCreditor(pacs008(T0), CAROL, "invoice\u202E");
        fixture.givenCurrentTime(T0)
                .when(new ReceiveCreditTransferCommand(PAYMENT, hostile))
                .expectEvents(received(hostile), report(1, ClearingStatus.RJCT, "FF01", T0),
                        new TransferFailedEvent(PAYMENT, TransferFailure.of(AccountRefusal.INVALID_TEXT)));
    }

    @Test
    void shouldRejectForGoodAPaymentTheSenderAsksAboutBeforeItArrives() {
        Instant asked = T0.plus(TIMEOUT).plusSeconds(5);
        fixture.givenCurrentTime(asked)
                .when(statusRequest(asked))
                .expectEvents(new CreditTransferNotReceivedEvent(PAYMENT, INTERBANK + "-pacs008", INTERBANK, BERLIN,
                        HAMBURG), report(1, ClearingStatus.RJCT, "AB05", asked));
        // the credit transfer arrives afterwards, even within its cut-off by a wrong clock: refused, nobody credited
        fixture.givenCurrentTime(T0)
                .andGiven(new CreditTransferNotReceivedEvent(PAYMENT, INTERBANK + "-pacs008", INTERBANK, BERLIN,
                        HAMBURG), report(1, ClearingStatus.RJCT, "AB05", asked))
                .when(new ReceiveCreditTransferCommand(PAYMENT, pacs008(T0)))
                .expectEvents(report(2, ClearingStatus.RJCT, "AB05", T0));
    }

    @Test
    void shouldAnswerAStatusRequestOnlyOnceTheOutcomeIsFixed() {
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)))
                .when(statusRequest(T0))
                .expectNoEvents();
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)), new TransferCreditedEvent(PAYMENT),
                        report(1, ClearingStatus.ACSC, null, T0), new TransferCompletedEvent(PAYMENT))
                .when(statusRequest(T0))
                .expectEvents(report(2, ClearingStatus.ACSC, null, T0));
    }

    @Test
    void shouldRefuseAnotherBanksMessagesAboutAPaymentItDidNotSend() {
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)), new TransferCreditedEvent(PAYMENT),
                        report(1, ClearingStatus.ACSC, null, T0), new TransferCompletedEvent(PAYMENT))
                .when(new AnswerStatusRequestCommand(PAYMENT, new PaymentStatusRequest("other-pacs028-1",
                        INTERBANK + "-pacs008", INTERBANK, "70050060", HAMBURG, T0)))
                .expectException(ForeignClearingMessageException.class)
                .expectNoEvents();
        CreditTransferMessage original = pacs008(T0);
        fixture.givenCurrentTime(T0)
                .andGiven(received(original))
                .when(new ReceiveCreditTransferCommand(PAYMENT, new CreditTransferMessage(original.messageId(),
                        original.endToEndId(), original.amount(), original.debtorIban(), original.debtorBic(),
                        original.creditorIban(), original.creditorBic(), "mine now", "70050060", HAMBURG, T0,
                        original.acceptBefore())))
                .expectException(ForeignClearingMessageException.class)
                .expectNoEvents();
    }

    @Test
    void shouldAnswerARedeliveredCreditTransferWithTheOutcomeAndCreditNobodyTwice() {
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)))
                .when(new ReceiveCreditTransferCommand(PAYMENT, pacs008(T0)))
                .expectNoEvents();
        fixture.givenCurrentTime(T0)
                .andGiven(received(pacs008(T0)), report(1, ClearingStatus.RJCT, "AC04", T0),
                        new TransferFailedEvent(PAYMENT, TransferFailure.of(AccountRefusal.ACCOUNT_CLOSED)))
                .when(new ReceiveCreditTransferCommand(PAYMENT, pacs008(T0)))
                .expectEvents(report(2, ClearingStatus.RJCT, "AC04", T0));
    }

    @Test
    void shouldAskThePayeesAccountAgainOnlyWhileItsCreditIsPending() {
        fixture.given(received(pacs008(T0)))
                .when(new ResumeIncomingPaymentCommand(PAYMENT))
                .expectEvents(leg(PAYMENT, Leg.CREDIT, CAROL, ALICE, "invoice", null));
        fixture.given(received(pacs008(T0)), report(1, ClearingStatus.ACSC, null, T0))
                .when(new ResumeIncomingPaymentCommand(PAYMENT))
                .expectNoEvents();
    }

    private static CreditTransferMessage withCreditor(CreditTransferMessage m, String creditor, String remittance) {
        return new CreditTransferMessage(m.messageId(), m.endToEndId(), m.amount(), m.debtorIban(), m.debtorBic(),
                creditor, m.creditorBic(), remittance, m.instructingBank(), m.instructedBank(), m.createdAt(),
                m.acceptBefore());
    }
}
