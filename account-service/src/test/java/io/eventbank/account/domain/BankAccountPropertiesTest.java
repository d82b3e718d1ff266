package io.eventbank.account.domain;

import static io.eventbank.account.domain.AccountMother.ALICE;
import static io.eventbank.account.domain.AccountMother.BOB;
import static io.eventbank.account.domain.AccountMother.opened;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.contracts.account.AccountClosedEvent;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountFrozenEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.AccountUnfrozenEvent;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.account.MoneyWithdrawnEvent;
import io.eventbank.contracts.account.OverdraftLimitSetEvent;
import io.eventbank.contracts.account.RefundDebitCommand;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The account against a model of it kept here, independently and with exact arithmetic (BigInteger), under random
 * sequences of every command it takes: amounts around what the account can pay, around the money range's largest
 * amount and balance, hostile ones (zero, negative, another currency, a long's largest), and every state. After each
 * command the aggregate must have done exactly what the model says: the very event (with its amount and balance), or
 * the very refusal, and nothing else. So a deposit, withdrawal or credit that should succeed must, one that should be
 * refused must be, and no balance ever wraps. The model also holds the invariants on its own: never below minus the
 * limit, and a closed account holds nothing (a refund that comes after the close reopens it, frozen).
 * A seed per sequence; a failure names its seed, which replays it exactly.
 *
 * <p>Written with JUnit's parameterized tests over seeds rather than jqwik: jqwik 1.x is built on JUnit Platform 1,
 * the project is on JUnit 6, and jqwik from 1.10 asks not to be used by coding agents.
 */
class BankAccountPropertiesTest {

    private static final int STEPS = 40;
    private static final Money CAP = Money.parse("500.00", "EUR");
    /** A small range, so that random sequences reach it: 1,000.00 at most an amount, 2,500.00 a balance. */
    private static final MoneyRange RANGE = MoneyRange.parse("1000.00", "2500.00", "");

    static Stream<Long> seeds() {
        return LongStream.range(0, 400).boxed();
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void shouldDoExactlyWhatTheModelSaysUnderAnySequenceOfCommands(long seed) {
        Random random = new Random(seed);
        FixtureConfiguration<BankAccount> fixture = new AggregateTestFixture<>(BankAccount.class);
        fixture.registerInjectableResource(RANGE);
        List<Object> history = new ArrayList<>(List.of(opened(ALICE)));
        Model model = new Model();
        for (int step = 0; step < STEPS; step++) {
            Object command = command(random, step, model);
            Expected expected = model.expect(command, step);
            var result = fixture.given(history).when(command);
            List<Object> all = new ArrayList<>();
            fixture.getEventStore().readEvents(ALICE).asStream().map(DomainEventMessage::getPayload)
                    .forEach(all::add);
            List<Object> added = List.copyOf(all.subList(history.size(), all.size()));
            String where = "seed " + seed + ", step " + step + ", " + command;
            if (expected.refusal() != null) {
                result.expectException(AccountRefusedException.class);
                result.expectException(new org.hamcrest.CustomTypeSafeMatcher<AccountRefusedException>(
                        "refused " + expected.refusal()) {
                    @Override
                    protected boolean matchesSafely(AccountRefusedException refused) {
                        return refused.refusal() == expected.refusal();
                    }
                });
                assertThat(added).as(where + ": a refused command appends nothing").isEmpty();
            } else {
                result.expectSuccessfulHandlerExecution();
                assertThat(added).as(where + ": exactly the event the model expects").isEqualTo(expected.events());
            }
            history.addAll(added);
            model.apply(added);
            model.assertInvariants(where);
        }
    }

    /** What a command must do: these events, or this refusal (an exception, nothing appended). */
    private record Expected(List<Object> events, AccountRefusal refusal) {

        static Expected of(Object... events) {
            return new Expected(List.of(events), null);
        }

        static Expected refused(AccountRefusal refusal) {
            return new Expected(List.of(), refusal);
        }
    }

    /** The account as the rules say it must be, worked out here with exact arithmetic. */
    private static final class Model {

        BigInteger balance = BigInteger.ZERO;
        long limit;
        String status = "OPEN";
        /** The debits the account accepted and that were not refunded yet: what the service may refund. */
        final Map<String, Money> refundable = new LinkedHashMap<>();

        Expected expect(Object command, int step) {
            if (command instanceof DepositMoneyCommand deposit) {
                if (status.equals("CLOSED")) {
                    return Expected.refused(AccountRefusal.ACCOUNT_CLOSED);
                }
                AccountRefusal refusal = creditRefusal(deposit.amount());
                return refusal != null ? Expected.refused(refusal) : Expected.of(new MoneyDepositedEvent(ALICE,
                        deposit.operationId(), deposit.amount(), null, plus(deposit.amount())));
            } else if (command instanceof WithdrawMoneyCommand withdrawal) {
                AccountRefusal refusal = debitRefusal(withdrawal.amount());
                return refusal != null ? Expected.refused(refusal) : Expected.of(new MoneyWithdrawnEvent(ALICE,
                        withdrawal.operationId(), withdrawal.amount(), null, minus(withdrawal.amount())));
            } else if (command instanceof DebitAccountCommand debit) {
                AccountRefusal refusal = debitRefusal(debit.amount());
                return Expected.of(refusal != null
                        ? new AccountDebitRejectedEvent(ALICE, debit.transferId(), debit.amount(), refusal)
                        : new AccountDebitedEvent(ALICE, debit.transferId(), debit.amount(), BOB, null,
                                minus(debit.amount())));
            } else if (command instanceof CreditAccountCommand credit) {
                AccountRefusal refusal = status.equals("CLOSED") ? AccountRefusal.ACCOUNT_CLOSED
                        : creditRefusal(credit.amount());
                return Expected.of(refusal != null
                        ? new AccountCreditRejectedEvent(ALICE, credit.transferId(), credit.amount(), refusal)
                        : new AccountCreditedEvent(ALICE, credit.transferId(), credit.amount(), BOB, null,
                                plus(credit.amount())));
            } else if (command instanceof RefundDebitCommand refund) {
                DebitRefundedEvent refunded = new DebitRefundedEvent(ALICE, refund.transferId(), refund.amount(),
                        refund.reason(), plus(refund.amount()));
                return status.equals("CLOSED") ? Expected.of(refunded, new AccountFrozenEvent(ALICE,
                        BankAccount.REOPENED_FOR_REFUND + refund.transferId())) : Expected.of(refunded);
            } else if (command instanceof FreezeAccountCommand) {
                return status.equals("CLOSED") ? Expected.refused(AccountRefusal.ACCOUNT_CLOSED)
                        : status.equals("FROZEN") ? Expected.refused(AccountRefusal.ALREADY_FROZEN)
                        : Expected.of(new AccountFrozenEvent(ALICE, null));
            } else if (command instanceof UnfreezeAccountCommand) {
                return status.equals("FROZEN") ? Expected.of(new AccountUnfrozenEvent(ALICE))
                        : Expected.refused(AccountRefusal.NOT_FROZEN);
            } else if (command instanceof SetOverdraftLimitCommand set) {
                long wanted = set.limit().minorUnits();
                if (status.equals("CLOSED")) {
                    return Expected.refused(AccountRefusal.ACCOUNT_CLOSED);
                } else if (wanted < 0) {
                    return Expected.refused(AccountRefusal.INVALID_AMOUNT);
                } else if (wanted > CAP.minorUnits()) {
                    return Expected.refused(AccountRefusal.OVERDRAFT_LIMIT_TOO_HIGH);
                } else if (balance.compareTo(BigInteger.valueOf(-wanted)) < 0) {
                    return Expected.refused(AccountRefusal.BALANCE_BELOW_LIMIT);
                }
                return wanted == limit ? Expected.of()
                        : Expected.of(new OverdraftLimitSetEvent(ALICE, set.limit(), Money.of(limit, "EUR")));
            } else if (command instanceof CloseAccountCommand) {
                return status.equals("CLOSED") ? Expected.refused(AccountRefusal.ACCOUNT_CLOSED)
                        : balance.signum() != 0 ? Expected.refused(AccountRefusal.BALANCE_NOT_ZERO)
                        : Expected.of(new AccountClosedEvent(ALICE));
            }
            throw new IllegalArgumentException("no model of " + command + " at step " + step);
        }

        private AccountRefusal debitRefusal(Money amount) {
            if (status.equals("CLOSED")) {
                return AccountRefusal.ACCOUNT_CLOSED;
            } else if (status.equals("FROZEN")) {
                return AccountRefusal.ACCOUNT_FROZEN;
            }
            AccountRefusal refusal = amountRefusal(amount);
            if (refusal != null) {
                return refusal;
            }
            boolean covered = balance.subtract(BigInteger.valueOf(amount.minorUnits()))
                    .compareTo(BigInteger.valueOf(-limit)) >= 0;
            return covered ? null : AccountRefusal.INSUFFICIENT_FUNDS;
        }

        private AccountRefusal creditRefusal(Money amount) {
            AccountRefusal refusal = amountRefusal(amount);
            if (refusal != null) {
                return refusal;
            }
            boolean fits = balance.add(BigInteger.valueOf(amount.minorUnits()))
                    .compareTo(BigInteger.valueOf(RANGE.maxBalance("EUR"))) <= 0;
            return fits ? null : AccountRefusal.BALANCE_LIMIT_EXCEEDED;
        }

        private static AccountRefusal amountRefusal(Money amount) {
            if (!amount.currency().equals("EUR")) {
                return AccountRefusal.CURRENCY_MISMATCH;
            } else if (amount.minorUnits() <= 0) {
                return AccountRefusal.INVALID_AMOUNT;
            } else if (amount.minorUnits() > RANGE.maxAmount("EUR")) {
                return AccountRefusal.AMOUNT_TOO_LARGE;
            }
            return null;
        }

        private long plus(Money amount) {
            return balance.add(BigInteger.valueOf(amount.minorUnits())).longValueExact();
        }

        private long minus(Money amount) {
            return balance.subtract(BigInteger.valueOf(amount.minorUnits())).longValueExact();
        }

        /** Takes in what the account did (equal to what was expected, or the test has failed already). */
        void apply(List<Object> events) {
            for (Object event : events) {
                if (event instanceof MoneyDepositedEvent e) {
                    balance = balance.add(BigInteger.valueOf(e.amount().minorUnits()));
                } else if (event instanceof MoneyWithdrawnEvent e) {
                    balance = balance.subtract(BigInteger.valueOf(e.amount().minorUnits()));
                } else if (event instanceof AccountDebitedEvent e) {
                    balance = balance.subtract(BigInteger.valueOf(e.amount().minorUnits()));
                    refundable.put(e.transferId(), e.amount());
                } else if (event instanceof AccountCreditedEvent e) {
                    balance = balance.add(BigInteger.valueOf(e.amount().minorUnits()));
                } else if (event instanceof DebitRefundedEvent e) {
                    balance = balance.add(BigInteger.valueOf(e.amount().minorUnits()));
                    refundable.remove(e.transferId());
                } else if (event instanceof OverdraftLimitSetEvent e) {
                    limit = e.limit().minorUnits();
                } else if (event instanceof AccountFrozenEvent) {
                    status = "FROZEN";
                } else if (event instanceof AccountUnfrozenEvent) {
                    status = "OPEN";
                } else if (event instanceof AccountClosedEvent) {
                    status = "CLOSED";
                }
            }
        }

        void assertInvariants(String where) {
            assertThat(balance).as(where + ": never below minus the limit")
                    .isGreaterThanOrEqualTo(BigInteger.valueOf(-limit));
            assertThat(limit).as(where + ": the limit within the cap").isBetween(0L, CAP.minorUnits());
            if (status.equals("CLOSED")) {
                assertThat(balance).as(where + ": a closed account holds nothing").isZero();
            }
        }
    }

    /**
     * A command of any kind, with a sensible amount most of the time, one right at the edge of what the account can
     * pay or hold often, and a hostile one now and then. A refund is only of a debit the account accepted and not
     * refunded yet, of its amount: the service hands over no other.
     */
    private static Object command(Random random, int step, Model model) {
        String transfer = "t-" + step;
        Money amount = amount(random, model);
        return switch (random.nextInt(11)) {
            case 0, 1 -> new DepositMoneyCommand(ALICE, "op-" + step, amount, null);
            case 2 -> new WithdrawMoneyCommand(ALICE, "op-" + step, amount, null);
            case 3, 4 -> new DebitAccountCommand(ALICE, transfer, amount, BOB, null);
            case 5, 6 -> new CreditAccountCommand(ALICE, transfer, amount, BOB, null);
            case 7 -> model.refundable.isEmpty() ? new FreezeAccountCommand(ALICE, null) : refundOf(random, model);
            case 8 -> random.nextBoolean() ? new FreezeAccountCommand(ALICE, null) : new UnfreezeAccountCommand(ALICE);
            case 9 -> new SetOverdraftLimitCommand(ALICE, Money.of(random.nextInt(60_000) - 100, "EUR"), CAP);
            default -> new CloseAccountCommand(ALICE);
        };
    }

    private static Object refundOf(Random random, Model model) {
        List<String> ids = List.copyOf(model.refundable.keySet());
        String id = ids.get(random.nextInt(ids.size()));
        return new RefundDebitCommand(ALICE, id, model.refundable.get(id), "TIMED_OUT");
    }

    private static Money amount(Random random, Model model) {
        long balance = model.balance.longValueExact();
        long maxAmount = RANGE.maxAmount("EUR");
        long maxBalance = RANGE.maxBalance("EUR");
        return switch (random.nextInt(14)) {
            case 0 -> Money.of(0, "EUR");
            case 1 -> Money.of(-100, "EUR");
            case 2 -> Money.of(100, "USD");
            case 3 -> Money.of(Long.MAX_VALUE, "EUR");
            case 4 -> Money.of(maxAmount - 1 + random.nextInt(3), "EUR");
            case 5 -> Money.of(Math.max(1, maxBalance - balance - 1 + random.nextInt(3)), "EUR");
            case 6, 7 -> Money.of(Math.max(1, balance + model.limit - 2 + random.nextInt(5)), "EUR");
            default -> Money.of(1 + random.nextInt(100_000), "EUR");
        };
    }
}
