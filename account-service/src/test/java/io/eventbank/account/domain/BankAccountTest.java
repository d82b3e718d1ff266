package io.eventbank.account.domain;

import static io.eventbank.account.domain.AccountMother.ALICE;
import static io.eventbank.account.domain.AccountMother.BOB;
import static io.eventbank.account.domain.AccountMother.CLEARING;
import static io.eventbank.account.domain.AccountMother.clearingOpened;
import static io.eventbank.account.domain.AccountMother.deposited;
import static io.eventbank.account.domain.AccountMother.eur;
import static io.eventbank.account.domain.AccountMother.opened;
import static io.eventbank.account.domain.AccountMother.openedWithOverdraft;
import static org.assertj.core.api.Assertions.assertThat;


import io.eventbank.contracts.Money;
import io.eventbank.contracts.account.AccountClosedEvent;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountFrozenEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.account.AccountUnfrozenEvent;
import io.eventbank.account.domain.CloseAccountCommand;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.account.domain.DepositMoneyCommand;
import io.eventbank.account.domain.FreezeAccountCommand;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.account.MoneyWithdrawnEvent;
import io.eventbank.account.domain.OpenAccountCommand;
import io.eventbank.contracts.account.OverdraftLimitSetEvent;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.account.domain.SetOverdraftLimitCommand;
import io.eventbank.account.domain.UnfreezeAccountCommand;
import io.eventbank.account.domain.WithdrawMoneyCommand;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class BankAccountTest {

    private FixtureConfiguration<BankAccount> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(BankAccount.class);
        fixture.registerInjectableResource(AccountMother.RANGE);
    }

    @Nested
    class Opening {

        @Test
        void shouldOpenAnAccountWithAZeroBalanceAndNoOverdraft() {
            fixture.givenNoPriorActivity()
                    .when(new OpenAccountCommand(ALICE, "alice", "Alice", "EUR", "10020030", AccountType.CUSTOMER))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AccountOpenedEvent(ALICE, "alice", "Alice", "EUR", "10020030", 0,
                            AccountType.CUSTOMER));
        }

        @Test
        void shouldOpenAClearingAccount() {
            fixture.givenNoPriorActivity()
                    .when(new OpenAccountCommand(CLEARING, null, "clearing", "EUR", "10020030", AccountType.CLEARING))
                    .expectEvents(new AccountOpenedEvent(CLEARING, null, "clearing", "EUR", "10020030", 0,
                            AccountType.CLEARING));
        }

        @Test
        void shouldRefuseAnAccountWithoutOwnerOrWithAnUnknownCurrency() {
            fixture.givenNoPriorActivity()
                    .when(new OpenAccountCommand(ALICE, "alice", " ", "EUR", "10020030", AccountType.CUSTOMER))
                    .expectException(AccountRefusedException.class).expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(new OpenAccountCommand(ALICE, "alice", "Alice", "EURO", "10020030", AccountType.CUSTOMER))
                    .expectException(IllegalArgumentException.class).expectNoEvents();
        }

        @Test
        void shouldRefuseAnOwnerWithControlOrBidirectionalCharacters() {
            for (String owner : new String[] {"Al\u0000ice", "Alice\nBob", "\u202Eecila", "Al\u2066ice", "x".repeat(141)}) {
                fixture.givenNoPriorActivity()
                        .when(new OpenAccountCommand(ALICE, "alice", owner, "EUR", "10020030", AccountType.CUSTOMER))
                        .expectException(AccountRefusedException.class)
                        .expectExceptionMessage(org.hamcrest.Matchers.startsWith("owner "))
                        .expectNoEvents();
            }
        }
    }

    @Nested
    class OverdraftLimits {

        @Test
        void shouldSetALimitWithinTheCapAsAnEvent() {
            fixture.given(opened(ALICE))
                    .when(new SetOverdraftLimitCommand(ALICE, eur("500.00"), eur("10000.00")))
                    .expectEvents(new OverdraftLimitSetEvent(ALICE, eur("500.00"), eur("0.00")));
        }

        @Test
        void shouldChangeNothingWhenTheLimitIsTheSame() {
            fixture.given(opened(ALICE), new OverdraftLimitSetEvent(ALICE, eur("500.00"), eur("0.00")))
                    .when(new SetOverdraftLimitCommand(ALICE, eur("500.00"), eur("10000.00")))
                    .expectSuccessfulHandlerExecution()
                    .expectNoEvents();
        }

        @Test
        void shouldRefuseALimitAboveTheCapNegativeOrInAnotherCurrency() {
            fixture.given(opened(ALICE))
                    .when(new SetOverdraftLimitCommand(ALICE, eur("10000.01"), eur("10000.00")))
                    .expectException(refusal(AccountRefusal.OVERDRAFT_LIMIT_TOO_HIGH)).expectNoEvents();
            fixture.given(opened(ALICE))
                    .when(new SetOverdraftLimitCommand(ALICE, eur("-1.00"), eur("10000.00")))
                    .expectException(refusal(AccountRefusal.INVALID_AMOUNT)).expectNoEvents();
            fixture.given(opened(ALICE))
                    .when(new SetOverdraftLimitCommand(ALICE, Money.of(100, "USD"), eur("10000.00")))
                    .expectException(refusal(AccountRefusal.CURRENCY_MISMATCH)).expectNoEvents();
        }

        @Test
        void shouldRefuseALimitBelowWhatTheAccountOwes() {
            fixture.given(openedWithOverdraft(ALICE, "100.00"),
                            new MoneyWithdrawnEvent(ALICE, "op-1", eur("80.00"), null, -8000))
                    .when(new SetOverdraftLimitCommand(ALICE, eur("79.99"), eur("10000.00")))
                    .expectException(refusal(AccountRefusal.BALANCE_BELOW_LIMIT)).expectNoEvents();
            fixture.given(openedWithOverdraft(ALICE, "100.00"),
                            new MoneyWithdrawnEvent(ALICE, "op-1", eur("80.00"), null, -8000))
                    .when(new SetOverdraftLimitCommand(ALICE, eur("80.00"), eur("10000.00")))
                    .expectEvents(new OverdraftLimitSetEvent(ALICE, eur("80.00"), eur("100.00")));
        }

        @Test
        void shouldRefuseALimitOnAClearingAccount() {
            fixture.given(clearingOpened())
                    .when(new SetOverdraftLimitCommand(CLEARING, eur("1.00"), eur("10000.00")))
                    .expectException(refusal(AccountRefusal.CLEARING_ACCOUNT)).expectNoEvents();
        }

        @Test
        void shouldLetTheAccountGoBelowZeroOnlyDownToItsLimit() {
            fixture.given(opened(ALICE), new OverdraftLimitSetEvent(ALICE, eur("50.00"), eur("0.00")))
                    .when(new WithdrawMoneyCommand(ALICE, "op-1", eur("50.01"), null))
                    .expectException(refusal(AccountRefusal.INSUFFICIENT_FUNDS));
            fixture.given(opened(ALICE), new OverdraftLimitSetEvent(ALICE, eur("50.00"), eur("0.00")))
                    .when(new WithdrawMoneyCommand(ALICE, "op-1", eur("50.00"), null))
                    .expectEvents(new MoneyWithdrawnEvent(ALICE, "op-1", eur("50.00"), null, -5000));
        }
    }

    @Nested
    class DepositsAndWithdrawals {

        @Test
        void shouldDepositAndReportTheNewBalance() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("2.50"), "cash"))
                    .expectEvents(new MoneyDepositedEvent(ALICE, "op-1", eur("2.50"), "cash", 1250))
                    .expectResultMessagePayload(Outcome.accepted(1250, 2L));
        }

        @Test
        void shouldRefuseDepositsInAnotherCurrencyOrOfNothing() {
            fixture.given(opened(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", Money.of(100, "USD"), null))
                    .expectException(AccountRefusedException.class).expectNoEvents();
            fixture.given(opened(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("0"), null))
                    .expectException(AccountRefusedException.class).expectNoEvents();
            fixture.given(opened(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("-1"), null))
                    .expectException(AccountRefusedException.class).expectNoEvents();
        }

        @Test
        void shouldRefuseAnAmountAboveTheLargestOfTheMoneyRange() {
            fixture.given(opened(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("1000000000.00"), null))
                    .expectException(refusal(AccountRefusal.AMOUNT_TOO_LARGE)).expectNoEvents();
            fixture.given(opened(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", Money.of(Long.MAX_VALUE, "EUR"), null))
                    .expectException(refusal(AccountRefusal.AMOUNT_TOO_LARGE)).expectNoEvents();
            fixture.given(opened(ALICE), deposited(ALICE, "999999999.99", "999999999.99"))
                    .when(new WithdrawMoneyCommand(ALICE, "op-2", eur("1000000000.00"), null))
                    .expectException(refusal(AccountRefusal.AMOUNT_TOO_LARGE)).expectNoEvents();
            fixture.given(opened(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("999999999.99"), null))
                    .expectEvents(new MoneyDepositedEvent(ALICE, "op-1", eur("999999999.99"), null,
                            99_999_999_999L));
        }

        @Test
        void shouldRefuseADepositThatWouldTakeTheBalanceAboveTheLargest() {
            fixture.given(opened(ALICE), deposited(ALICE, "999999999.99", "99999999999.98"))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("0.02"), null))
                    .expectException(refusal(AccountRefusal.BALANCE_LIMIT_EXCEEDED)).expectNoEvents();
            fixture.given(opened(ALICE), deposited(ALICE, "999999999.99", "99999999999.98"))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("0.01"), null))
                    .expectEvents(new MoneyDepositedEvent(ALICE, "op-1", eur("0.01"), null, 9_999_999_999_999L));
        }

        @Test
        void shouldRefuseADepositOnABalanceThatCouldOverflow() {
            fixture.given(opened(ALICE), new MoneyDepositedEvent(ALICE, "op-0", Money.of(Long.MAX_VALUE, "EUR"),
                            null, Long.MAX_VALUE))
                    .when(new DepositMoneyCommand(ALICE, "op-1", eur("0.01"), null))
                    .expectException(refusal(AccountRefusal.BALANCE_LIMIT_EXCEEDED)).expectNoEvents();
        }

        @Test
        void shouldWithdrawWithinTheBalance() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new WithdrawMoneyCommand(ALICE, "op-2", eur("10.00"), null))
                    .expectEvents(new MoneyWithdrawnEvent(ALICE, "op-2", eur("10.00"), null, 0));
        }

        @Test
        void shouldRefuseAWithdrawalWhenFundsAreShort() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new WithdrawMoneyCommand(ALICE, "op-2", eur("10.01"), null))
                    .expectException(AccountRefusedException.class)
                    .expectException(refusal(AccountRefusal.INSUFFICIENT_FUNDS))
                    .expectNoEvents();
        }

        @Test
        void shouldWithdrawIntoTheOverdraftUpToItsLimit() {
            fixture.given(openedWithOverdraft(ALICE, "50.00"))
                    .when(new WithdrawMoneyCommand(ALICE, "op-2", eur("50.00"), null))
                    .expectEvents(new MoneyWithdrawnEvent(ALICE, "op-2", eur("50.00"), null, -5000));
            fixture.given(openedWithOverdraft(ALICE, "50.00"))
                    .when(new WithdrawMoneyCommand(ALICE, "op-2", eur("50.01"), null))
                    .expectException(refusal(AccountRefusal.INSUFFICIENT_FUNDS));
        }

        @Test
        void shouldRefuseDepositsAndWithdrawalsOnClearingAccounts() {
            fixture.given(clearingOpened())
                    .when(new DepositMoneyCommand(CLEARING, "op-1", eur("1"), null))
                    .expectException(refusal(AccountRefusal.CLEARING_ACCOUNT));
            fixture.given(clearingOpened())
                    .when(new WithdrawMoneyCommand(CLEARING, "op-1", eur("1"), null))
                    .expectException(refusal(AccountRefusal.CLEARING_ACCOUNT));
        }
    }

    @Nested
    class Lifecycle {

        @Test
        void shouldFreezeAndUnfreeze() {
            fixture.given(opened(ALICE))
                    .when(new FreezeAccountCommand(ALICE, "court order"))
                    .expectEvents(new AccountFrozenEvent(ALICE, "court order"));
            fixture.given(opened(ALICE), new AccountFrozenEvent(ALICE, null))
                    .when(new UnfreezeAccountCommand(ALICE))
                    .expectEvents(new AccountUnfrozenEvent(ALICE));
        }

        @Test
        void shouldRefuseToFreezeTwiceOrToUnfreezeAnOpenAccount() {
            fixture.given(opened(ALICE), new AccountFrozenEvent(ALICE, null))
                    .when(new FreezeAccountCommand(ALICE, null))
                    .expectException(refusal(AccountRefusal.ALREADY_FROZEN));
            fixture.given(opened(ALICE))
                    .when(new UnfreezeAccountCommand(ALICE))
                    .expectException(refusal(AccountRefusal.NOT_FROZEN));
        }

        @Test
        void shouldRefuseWithdrawalsFromAFrozenAccountButTakeDeposits() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"), new AccountFrozenEvent(ALICE, null))
                    .when(new WithdrawMoneyCommand(ALICE, "op", eur("1"), null))
                    .expectException(refusal(AccountRefusal.ACCOUNT_FROZEN));
            fixture.given(opened(ALICE), new AccountFrozenEvent(ALICE, null))
                    .when(new DepositMoneyCommand(ALICE, "op", eur("1"), null))
                    .expectEvents(new MoneyDepositedEvent(ALICE, "op", eur("1"), null, 100));
        }

        @Test
        void shouldCloseOnlyAtZeroBalance() {
            fixture.given(opened(ALICE))
                    .when(new CloseAccountCommand(ALICE))
                    .expectEvents(new AccountClosedEvent(ALICE));
            fixture.given(opened(ALICE), deposited(ALICE, "0.01", "0.01"))
                    .when(new CloseAccountCommand(ALICE))
                    .expectException(refusal(AccountRefusal.BALANCE_NOT_ZERO));
        }

        @Test
        void shouldRefuseEverythingButARefundOnAClosedAccount() {
            fixture.given(opened(ALICE), new AccountClosedEvent(ALICE))
                    .when(new DepositMoneyCommand(ALICE, "op", eur("1"), null))
                    .expectException(refusal(AccountRefusal.ACCOUNT_CLOSED));
            fixture.given(opened(ALICE), new AccountClosedEvent(ALICE))
                    .when(new CloseAccountCommand(ALICE))
                    .expectException(refusal(AccountRefusal.ACCOUNT_CLOSED));
            fixture.given(opened(ALICE), new AccountClosedEvent(ALICE))
                    .when(new FreezeAccountCommand(ALICE, null))
                    .expectException(refusal(AccountRefusal.ACCOUNT_CLOSED));
        }

        @Test
        void shouldKeepClearingAccountsOpen() {
            fixture.given(clearingOpened())
                    .when(new CloseAccountCommand(CLEARING))
                    .expectException(refusal(AccountRefusal.CLEARING_ACCOUNT));
            fixture.given(clearingOpened())
                    .when(new FreezeAccountCommand(CLEARING, null))
                    .expectException(refusal(AccountRefusal.CLEARING_ACCOUNT));
        }
    }

    /** A transfer within one bank that account-service books by itself: the payer's half, then the payee's. */
    @Nested
    class TransfersBookedHere {

        @Test
        void shouldDebitThePayerAsADirectTransfer() {
            fixture.given(opened(ALICE), deposited(ALICE, "70.00", "70.00"))
                    .when(new BookDebitCommand(ALICE, "t-1", eur("20.00"), BOB, "rent", null))
                    .expectEvents(new AccountDebitedEvent(ALICE, "t-1", eur("20.00"), BOB, "rent", 5000, true))
                    .expectResultMessagePayload(Outcome.accepted(5000, 2L));
        }

        @Test
        void shouldRefuseForThePayeeWithTheTransfersPayeeAndReference() {
            fixture.given(opened(ALICE), deposited(ALICE, "70.00", "70.00"))
                    .when(new BookDebitCommand(ALICE, "t-1", eur("20.00"), BOB, "rent", AccountRefusal.ACCOUNT_CLOSED))
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", eur("20.00"),
                            AccountRefusal.ACCOUNT_CLOSED, BOB, "rent", true))
                    .expectResultMessagePayload(Outcome.refused(AccountRefusal.ACCOUNT_CLOSED, 7000, 2L));
        }

        @Test
        void shouldRefuseForThePayerFirst() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new BookDebitCommand(ALICE, "t-1", eur("20.00"), BOB, null, AccountRefusal.UNKNOWN_ACCOUNT))
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", eur("20.00"),
                            AccountRefusal.INSUFFICIENT_FUNDS, BOB, null, true));
        }

        @Test
        void shouldCreditThePayeeAsADirectTransfer() {
            fixture.given(opened(BOB))
                    .when(new BookCreditCommand(BOB, "t-1", eur("20.00"), ALICE, "rent"))
                    .expectEvents(new AccountCreditedEvent(BOB, "t-1", eur("20.00"), ALICE, "rent", 2000, true));
        }

        @Test
        void shouldFailTheBookingWhenThePayeeCannotTakeWhatItWasAskedFor() {
            // asked under the same lock a moment before: a refusal now is a broken booking, rolled back whole
            fixture.given(opened(BOB), new AccountClosedEvent(BOB))
                    .when(new BookCreditCommand(BOB, "t-1", eur("20.00"), ALICE, null))
                    .expectException(IllegalStateException.class)
                    .expectNoEvents();
        }
    }

    @Nested
    class TransferLegs {

        @Test
        void shouldDebitThePayer() {
            fixture.given(opened(ALICE), deposited(ALICE, "70.00", "70.00"))
                    .when(new DebitAccountCommand(ALICE, "t-1", eur("20.00"), BOB, "rent"))
                    .expectEvents(new AccountDebitedEvent(ALICE, "t-1", eur("20.00"), BOB, "rent", 5000))
                    .expectResultMessagePayload(Outcome.accepted(5000, 2L));
        }

        @Test
        void shouldRejectADebitAsAnEventWhenFundsAreShort() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new DebitAccountCommand(ALICE, "t-1", eur("20.00"), BOB, null))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", eur("20.00"),
                            AccountRefusal.INSUFFICIENT_FUNDS));
        }

        @Test
        void shouldRejectDebitsOfFrozenAndClosedAccountsAndInAnotherCurrency() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"), new AccountFrozenEvent(ALICE, null))
                    .when(new DebitAccountCommand(ALICE, "t-1", eur("1.00"), BOB, null))
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", eur("1.00"),
                            AccountRefusal.ACCOUNT_FROZEN));
            fixture.given(opened(ALICE), new AccountClosedEvent(ALICE))
                    .when(new DebitAccountCommand(ALICE, "t-1", eur("1.00"), BOB, null))
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", eur("1.00"),
                            AccountRefusal.ACCOUNT_CLOSED));
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new DebitAccountCommand(ALICE, "t-1", Money.of(100, "USD"), BOB, null))
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", Money.of(100, "USD"),
                            AccountRefusal.CURRENCY_MISMATCH));
        }

        @Test
        void shouldDebitAClearingAccountBelowZero() {
            fixture.given(clearingOpened())
                    .when(new DebitAccountCommand(CLEARING, "t-1", eur("20.00"), BOB, null))
                    .expectEvents(new AccountDebitedEvent(CLEARING, "t-1", eur("20.00"), BOB, null, -2000));
        }

        @Test
        void shouldCreditThePayeeAlsoWhenFrozen() {
            fixture.given(opened(BOB))
                    .when(new CreditAccountCommand(BOB, "t-1", eur("20.00"), ALICE, "rent"))
                    .expectEvents(new AccountCreditedEvent(BOB, "t-1", eur("20.00"), ALICE, "rent", 2000));
            fixture.given(opened(BOB), new AccountFrozenEvent(BOB, null))
                    .when(new CreditAccountCommand(BOB, "t-1", eur("20.00"), ALICE, "rent"))
                    .expectEvents(new AccountCreditedEvent(BOB, "t-1", eur("20.00"), ALICE, "rent", 2000));
        }

        @Test
        void shouldRejectCreditsToClosedAccountsAndInAnotherCurrency() {
            fixture.given(opened(BOB), new AccountClosedEvent(BOB))
                    .when(new CreditAccountCommand(BOB, "t-1", eur("20.00"), ALICE, null))
                    .expectEvents(new AccountCreditRejectedEvent(BOB, "t-1", eur("20.00"),
                            AccountRefusal.ACCOUNT_CLOSED));
            fixture.given(opened(BOB))
                    .when(new CreditAccountCommand(BOB, "t-1", Money.of(5, "GBP"), ALICE, null))
                    .expectEvents(new AccountCreditRejectedEvent(BOB, "t-1", Money.of(5, "GBP"),
                            AccountRefusal.CURRENCY_MISMATCH));
        }

        @Test
        void shouldRejectCreditsAboveTheMoneyRangeOrTheLargestBalance() {
            fixture.given(opened(BOB))
                    .when(new CreditAccountCommand(BOB, "t-1", eur("1000000000.00"), ALICE, null))
                    .expectEvents(new AccountCreditRejectedEvent(BOB, "t-1", eur("1000000000.00"),
                            AccountRefusal.AMOUNT_TOO_LARGE));
            fixture.given(opened(BOB), deposited(BOB, "999999999.99", "99999999999.99"))
                    .when(new CreditAccountCommand(BOB, "t-1", eur("0.01"), ALICE, null))
                    .expectEvents(new AccountCreditRejectedEvent(BOB, "t-1", eur("0.01"),
                            AccountRefusal.BALANCE_LIMIT_EXCEEDED));
        }

        @Test
        void shouldRejectADebitAboveTheMoneyRange() {
            fixture.given(opened(ALICE), deposited(ALICE, "10.00", "10.00"))
                    .when(new DebitAccountCommand(ALICE, "t-1", Money.of(Long.MAX_VALUE, "EUR"), BOB, null))
                    .expectEvents(new AccountDebitRejectedEvent(ALICE, "t-1", Money.of(Long.MAX_VALUE, "EUR"),
                            AccountRefusal.AMOUNT_TOO_LARGE));
        }

        @Test
        void shouldTakeAnyClearingLegButParkOneThatWouldOverflow() {
            fixture.given(clearingOpened(), new AccountCreditedEvent(CLEARING, "t-0", Money.of(Long.MAX_VALUE, "EUR"),
                            ALICE, null, Long.MAX_VALUE - 1))
                    .when(new CreditAccountCommand(CLEARING, "t-1", eur("0.01"), ALICE, null))
                    .expectEvents(new AccountCreditedEvent(CLEARING, "t-1", eur("0.01"), ALICE, null,
                            Long.MAX_VALUE));
            fixture.given(clearingOpened(), new AccountCreditedEvent(CLEARING, "t-0", Money.of(Long.MAX_VALUE, "EUR"),
                            ALICE, null, Long.MAX_VALUE))
                    .when(new CreditAccountCommand(CLEARING, "t-1", eur("0.01"), ALICE, null))
                    .expectException(LegNotTakenException.class).expectNoEvents();
            fixture.given(clearingOpened(), new AccountDebitedEvent(CLEARING, "t-0", Money.of(Long.MAX_VALUE, "EUR"),
                            ALICE, null, Long.MIN_VALUE + 1))
                    .when(new DebitAccountCommand(CLEARING, "t-1", eur("0.02"), ALICE, null))
                    .expectException(LegNotTakenException.class).expectNoEvents();
            fixture.given(clearingOpened())
                    .when(new CreditAccountCommand(CLEARING, "t-1", Money.of(100, "USD"), ALICE, null))
                    .expectException(LegNotTakenException.class).expectNoEvents();
        }

        @Test
        void shouldRefundAboveTheLargestBalanceButParkARefundThatWouldOverflow() {
            fixture.given(opened(ALICE), deposited(ALICE, "20.00", "20.00"),
                            new AccountDebitedEvent(ALICE, "t-1", eur("20.00"), BOB, null, 0),
                            new AccountCreditedEvent(ALICE, "t-2", eur("999999999.99"), BOB, null,
                                    99_999_999_999L))
                    .when(new RefundDebitCommand(ALICE, "t-1", eur("20.00"), "REJECTED_BY_CLEARING"))
                    .expectEvents(new DebitRefundedEvent(ALICE, "t-1", eur("20.00"), "REJECTED_BY_CLEARING",
                            100_000_001_999L));
            fixture.given(opened(ALICE), new AccountCreditedEvent(ALICE, "t-2", Money.of(Long.MAX_VALUE, "EUR"), BOB,
                            null, Long.MAX_VALUE))
                    .when(new RefundDebitCommand(ALICE, "t-1", eur("0.01"), "REJECTED_BY_CLEARING"))
                    .expectException(LegNotTakenException.class).expectNoEvents();
        }

        @Test
        void shouldRefundADebitToAClosedAccountAndReopenItFrozenSinceAClosedAccountHoldsNothing() {
            fixture.given(opened(ALICE), deposited(ALICE, "20.00", "20.00"),
                            new AccountDebitedEvent(ALICE, "t-1", eur("20.00"), BOB, null, 0),
                            new AccountClosedEvent(ALICE))
                    .when(new RefundDebitCommand(ALICE, "t-1", eur("20.00"), "REJECTED_BY_CLEARING"))
                    .expectEvents(new DebitRefundedEvent(ALICE, "t-1", eur("20.00"), "REJECTED_BY_CLEARING", 2000),
                            new AccountFrozenEvent(ALICE, BankAccount.REOPENED_FOR_REFUND + "t-1"))
                    .expectResultMessagePayload(Outcome.accepted(2000, 4L));
        }

        @Test
        void shouldRefundADebitToAFrozenAccountWhereTheMoneyStaysFrozen() {
            fixture.given(opened(ALICE), deposited(ALICE, "20.00", "20.00"),
                            new AccountDebitedEvent(ALICE, "t-1", eur("20.00"), BOB, null, 0),
                            new AccountFrozenEvent(ALICE, "court order"))
                    .when(new RefundDebitCommand(ALICE, "t-1", eur("20.00"), "REJECTED_BY_CLEARING"))
                    .expectEvents(new DebitRefundedEvent(ALICE, "t-1", eur("20.00"), "REJECTED_BY_CLEARING", 2000));
        }
    }

    private static org.hamcrest.Matcher<?> refusal(AccountRefusal expected) {
        return new org.hamcrest.CustomTypeSafeMatcher<AccountRefusedException>("a refusal " + expected) {
            @Override
            protected boolean matchesSafely(AccountRefusedException item) {
                return item.refusal() == expected;
            }
        };
    }

    @Test
    void shouldSurviveASnapshotThroughJackson() {
        var serializer = io.eventbank.infrastructure.axon.AxonJson.serializer();
        var captured = new java.util.concurrent.atomic.AtomicReference<BankAccount>();
        fixture.given(opened(ALICE), deposited(ALICE, "70.00", "70.00"),
                        new AccountDebitedEvent(ALICE, "t-1", eur("20.00"), BOB, null, 5000))
                .when(new CreditAccountCommand(ALICE, "t-2", eur("1.00"), BOB, null))
                .expectState(captured::set);

        String json = serializer.serialize(captured.get(), String.class).getData();
        BankAccount restored = serializer.deserialize(new org.axonframework.serialization.SimpleSerializedObject<>(
                json, String.class, BankAccount.class.getName(), null));

        assertThat(json).contains("\"balance\":5100").doesNotContain("t-1").doesNotContain("t-2");
        assertThat(restored).usingRecursiveComparison().isEqualTo(captured.get());
    }
}
