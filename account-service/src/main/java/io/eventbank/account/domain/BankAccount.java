package io.eventbank.account.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.contracts.Texts;
import io.eventbank.contracts.account.AccountClosedEvent;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountFrozenEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.AccountStatus;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.account.AccountUnfrozenEvent;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.account.MoneyWithdrawnEvent;
import io.eventbank.contracts.account.OverdraftLimitSetEvent;
import io.eventbank.contracts.account.RefundDebitCommand;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;

/**
 * A bank account, identified by its IBAN. It decides in its command handlers and changes state only in its
 * event-sourcing handlers. Commands from the API that it refuses throw {@link AccountRefusedException}; the legs of a
 * transfer (from the saga) never throw for a business reason: a refusal is an event the saga reacts to. That each leg
 * and operation counts once per id is not the aggregate's to remember (its state would grow without end): the
 * service records every one in {@code processed_command}, in the transaction of its effect, and never hands the
 * aggregate a command twice (see {@code io.eventbank.account.application.ProcessedCommands}).
 */
public class BankAccount {

    /** The reason of the freeze that reopens a closed account a refund reaches, followed by the transfer's id. */
    public static final String REOPENED_FOR_REFUND = "reopened: a refund came after the close, transfer ";

    @AggregateIdentifier
    private String iban;
    private String currency;
    private AccountType type;
    private AccountStatus status;
    private long balance;
    private long overdraftLimit;

    protected BankAccount() {
        // for Axon
    }

    @CommandHandler
    public BankAccount(OpenAccountCommand command) {
        refuseIf(command.owner() == null || command.owner().isBlank(), AccountRefusal.INVALID_TEXT,
                "an account needs an owner");
        refuseText(command.owner(), "owner");
        if (!Money.isCurrency(command.currency())) {
            throw new IllegalArgumentException("not an ISO 4217 currency: " + command.currency());
        }
        apply(new AccountOpenedEvent(command.iban(), command.customerId(), command.owner(), command.currency(),
                command.bankCode(), 0, command.type()));
    }

    /** Only an operator sets a limit, within the platform's cap; a clearing account has none (it has no floor). */
    @CommandHandler
    public void handle(SetOverdraftLimitCommand command) {
        refuseIf(type == AccountType.CLEARING, AccountRefusal.CLEARING_ACCOUNT, "clearing accounts have no limit");
        refuseIf(status == AccountStatus.CLOSED, AccountRefusal.ACCOUNT_CLOSED, "the account is closed");
        Money limit = command.limit();
        refuseIf(limit == null || !limit.currency().equals(currency), AccountRefusal.CURRENCY_MISMATCH,
                "the account is in " + currency);
        refuseIf(limit.minorUnits() < 0, AccountRefusal.INVALID_AMOUNT, "an overdraft limit is zero or more");
        refuseIf(command.maximum() != null && limit.minorUnits() > command.maximum().minorUnits(),
                AccountRefusal.OVERDRAFT_LIMIT_TOO_HIGH, "an overdraft limit is at most " + command.maximum());
        // the balance never stands below minus the limit: a lower limit waits until the account owes no more than it
        refuseIf(balance < -limit.minorUnits(), AccountRefusal.BALANCE_BELOW_LIMIT, "the balance is "
                + Money.format(balance, currency) + " " + currency + ": the limit cannot be lower than what it owes");
        if (limit.minorUnits() != overdraftLimit) {
            apply(new OverdraftLimitSetEvent(iban, limit, Money.of(overdraftLimit, currency)));
        }
    }

    @CommandHandler
    public Outcome handle(DepositMoneyCommand command, MoneyRange range) {
        refuseIf(type == AccountType.CLEARING, AccountRefusal.CLEARING_ACCOUNT, "clearing accounts take no deposits");
        refuseIf(status == AccountStatus.CLOSED, AccountRefusal.ACCOUNT_CLOSED, "the account is closed");
        AccountRefusal refusal = creditRefusal(command.amount(), range);
        refuseIf(refusal != null, refusal, describe(refusal, command.amount(), range));
        refuseText(command.reference(), "reference");
        apply(new MoneyDepositedEvent(iban, command.operationId(), command.amount(), command.reference(),
                balance + command.amount().minorUnits()));
        return Outcome.accepted(balance, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    public Outcome handle(WithdrawMoneyCommand command, MoneyRange range) {
        refuseIf(type == AccountType.CLEARING, AccountRefusal.CLEARING_ACCOUNT, "clearing accounts take no withdrawals");
        AccountRefusal refusal = debitRefusal(command.amount(), range);
        refuseIf(refusal != null, refusal, describe(refusal, command.amount(), range));
        refuseText(command.reference(), "reference");
        apply(new MoneyWithdrawnEvent(iban, command.operationId(), command.amount(), command.reference(),
                balance - command.amount().minorUnits()));
        return Outcome.accepted(balance, AggregateLifecycle.getVersion());
    }

    @CommandHandler
    public void handle(FreezeAccountCommand command) {
        refuseIf(type == AccountType.CLEARING, AccountRefusal.CLEARING_ACCOUNT, "clearing accounts stay open");
        refuseIf(status == AccountStatus.CLOSED, AccountRefusal.ACCOUNT_CLOSED, "the account is closed");
        refuseIf(status == AccountStatus.FROZEN, AccountRefusal.ALREADY_FROZEN, "the account is frozen already");
        apply(new AccountFrozenEvent(iban, command.reason()));
    }

    @CommandHandler
    public void handle(UnfreezeAccountCommand command) {
        refuseIf(status != AccountStatus.FROZEN, AccountRefusal.NOT_FROZEN, "the account is not frozen");
        apply(new AccountUnfrozenEvent(iban));
    }

    @CommandHandler
    public void handle(CloseAccountCommand command) {
        refuseIf(type == AccountType.CLEARING, AccountRefusal.CLEARING_ACCOUNT, "clearing accounts stay open");
        refuseIf(status == AccountStatus.CLOSED, AccountRefusal.ACCOUNT_CLOSED, "the account is closed already");
        refuseIf(balance != 0, AccountRefusal.BALANCE_NOT_ZERO,
                "only an account with a zero balance can be closed; the balance is " + Money.format(balance, currency));
        apply(new AccountClosedEvent(iban));
    }

    /**
     * A transfer's debit: a customer's account refuses it for a business reason (an event the saga reacts to); a
     * clearing account takes it, with exact arithmetic, or the leg is parked ({@link LegNotTakenException}).
     */
    @CommandHandler
    public Outcome handle(DebitAccountCommand command, MoneyRange range) {
        if (type == AccountType.CLEARING) {
            long after = exact(() -> Math.subtractExact(balance, clearingAmount(command.amount())), command);
            apply(new AccountDebitedEvent(iban, command.transferId(), command.amount(), command.counterpartyIban(),
                    command.reference(), after));
            return Outcome.accepted(balance, AggregateLifecycle.getVersion());
        }
        AccountRefusal refusal = debitRefusal(command.amount(), range);
        if (refusal != null) {
            apply(new AccountDebitRejectedEvent(iban, command.transferId(), command.amount(), refusal));
            return Outcome.refused(refusal, balance, AggregateLifecycle.getVersion());
        }
        apply(new AccountDebitedEvent(iban, command.transferId(), command.amount(), command.counterpartyIban(),
                command.reference(), balance - command.amount().minorUnits()));
        return Outcome.accepted(balance, AggregateLifecycle.getVersion());
    }

    /**
     * A transfer's credit: a customer's account refuses it when closed or out of the money range (an event the saga
     * reacts to); a clearing account takes it, with exact arithmetic, or the leg is parked.
     */
    @CommandHandler
    public Outcome handle(CreditAccountCommand command, MoneyRange range) {
        if (type == AccountType.CLEARING) {
            long after = exact(() -> Math.addExact(balance, clearingAmount(command.amount())), command);
            apply(new AccountCreditedEvent(iban, command.transferId(), command.amount(), command.counterpartyIban(),
                    command.reference(), after));
            return Outcome.accepted(balance, AggregateLifecycle.getVersion());
        }
        AccountRefusal refusal = status == AccountStatus.CLOSED ? AccountRefusal.ACCOUNT_CLOSED
                : creditRefusal(command.amount(), range);
        if (refusal != null) {
            apply(new AccountCreditRejectedEvent(iban, command.transferId(), command.amount(), refusal));
            return Outcome.refused(refusal, balance, AggregateLifecycle.getVersion());
        }
        apply(new AccountCreditedEvent(iban, command.transferId(), command.amount(), command.counterpartyIban(),
                command.reference(), balance + command.amount().minorUnits()));
        return Outcome.accepted(balance, AggregateLifecycle.getVersion());
    }

    /**
     * Why this account cannot be the payee of a transfer within its bank, or null when it takes the money: asked by
     * the booking before the payer is debited, with both accounts locked, so that a transfer that fails moves nothing.
     */
    public AccountRefusal refusalAsPayee(Money amount, MoneyRange range) {
        if (type == AccountType.CLEARING) {
            return AccountRefusal.CLEARING_ACCOUNT;
        }
        return status == AccountStatus.CLOSED ? AccountRefusal.ACCOUNT_CLOSED : creditRefusal(amount, range);
    }

    /**
     * The payer's half of a transfer within one bank (account-service books it by itself): debited, or refused for the
     * payer's reason or the payee's; a refusal is the transfer's end, and nothing moves.
     */
    @CommandHandler
    public Outcome handle(BookDebitCommand command, MoneyRange range) {
        AccountRefusal refusal = type == AccountType.CLEARING ? AccountRefusal.CLEARING_ACCOUNT
                : debitRefusal(command.amount(), range);
        if (refusal == null) {
            refusal = command.payeeRefusal();
        }
        if (refusal != null) {
            apply(new AccountDebitRejectedEvent(iban, command.transferId(), command.amount(), refusal,
                    command.creditorIban(), command.reference(), true));
            return Outcome.refused(refusal, balance, AggregateLifecycle.getVersion());
        }
        apply(new AccountDebitedEvent(iban, command.transferId(), command.amount(), command.creditorIban(),
                command.reference(), balance - command.amount().minorUnits(), true));
        return Outcome.accepted(balance, AggregateLifecycle.getVersion());
    }

    /** The payee's half, after the payer's debit in the same unit of work: it was asked first, and takes it. */
    @CommandHandler
    public Outcome handle(BookCreditCommand command, MoneyRange range) {
        AccountRefusal refusal = refusalAsPayee(command.amount(), range);
        if (refusal != null) {
            // asked under the same lock a moment ago: the booking is broken, and rolls back as a whole
            throw new IllegalStateException("payee " + iban + " refuses a credit it was asked to take: " + refusal);
        }
        apply(new AccountCreditedEvent(iban, command.transferId(), command.amount(), command.debtorIban(),
                command.reference(), balance + command.amount().minorUnits(), true));
        return Outcome.accepted(balance, AggregateLifecycle.getVersion());
    }

    /**
     * Gives back the debit of a failed transfer, also to a frozen or closed account and above the largest balance: the
     * money was the payer's and must not be lost on the way. The service hands over only the refund of a debit this
     * account accepted, so the sum fits unless the books are broken; then the refund is parked, never wrapped.
     * <p>
     * A closed account holds no money: a refund that reaches one (the close is refused while a transfer from the
     * account is in flight, so only a transfer that slipped in between that look and the close can) reopens it,
     * frozen, with the reason. The owner's money is then on the owner's account; an operator unfreezes it for the
     * owner to take the money out, and closes it again.
     */
    @CommandHandler
    public Outcome handle(RefundDebitCommand command) {
        long after = exact(() -> Math.addExact(balance, command.amount().minorUnits()), command);
        boolean closed = status == AccountStatus.CLOSED;
        apply(new DebitRefundedEvent(iban, command.transferId(), command.amount(), command.reason(), after));
        // the outcome is the refund's event (published again on request), whatever follows it
        Outcome refunded = Outcome.accepted(balance, AggregateLifecycle.getVersion());
        if (closed) {
            apply(new AccountFrozenEvent(iban, REOPENED_FOR_REFUND + command.transferId()));
        }
        return refunded;
    }

    @EventSourcingHandler
    void on(AccountOpenedEvent event) {
        iban = event.iban();
        currency = event.currency();
        type = event.type();
        overdraftLimit = event.overdraftLimit();
        status = AccountStatus.OPEN;
        balance = 0;
    }

    @EventSourcingHandler
    void on(MoneyDepositedEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(MoneyWithdrawnEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(OverdraftLimitSetEvent event) {
        overdraftLimit = event.limit().minorUnits();
    }

    @EventSourcingHandler
    void on(AccountFrozenEvent event) {
        status = AccountStatus.FROZEN;
    }

    @EventSourcingHandler
    void on(AccountUnfrozenEvent event) {
        status = AccountStatus.OPEN;
    }

    @EventSourcingHandler
    void on(AccountClosedEvent event) {
        status = AccountStatus.CLOSED;
    }

    @EventSourcingHandler
    void on(AccountDebitedEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(AccountDebitRejectedEvent event) {
    }

    @EventSourcingHandler
    void on(AccountCreditedEvent event) {
        balance = event.balanceAfter();
    }

    @EventSourcingHandler
    void on(AccountCreditRejectedEvent event) {
    }

    @EventSourcingHandler
    void on(DebitRefundedEvent event) {
        balance = event.balanceAfter();
    }

    /**
     * Why a customer's account must refuse a debit of this amount, or null when it may happen: closed, frozen, not an
     * amount of its currency, out of the money range, or below its overdraft limit. The balance is within the money
     * range and the amount too, so the difference is exact.
     */
    private AccountRefusal debitRefusal(Money amount, MoneyRange range) {
        if (status == AccountStatus.CLOSED) {
            return AccountRefusal.ACCOUNT_CLOSED;
        }
        if (status == AccountStatus.FROZEN) {
            return AccountRefusal.ACCOUNT_FROZEN;
        }
        AccountRefusal refusal = amountRefusal(amount, range);
        if (refusal != null) {
            return refusal;
        }
        if (balance - amount.minorUnits() < -overdraftLimit) {
            return AccountRefusal.INSUFFICIENT_FUNDS;
        }
        return null;
    }

    /**
     * Why a customer's account must refuse a credit or deposit of this amount (its state aside), or null: not an amount
     * of its currency, out of the money range, or a balance above the largest.
     */
    private AccountRefusal creditRefusal(Money amount, MoneyRange range) {
        AccountRefusal refusal = amountRefusal(amount, range);
        if (refusal != null) {
            return refusal;
        }
        // a refund may have left more than the largest balance: then no credit goes on top
        if (balance > range.maxBalance(currency) - amount.minorUnits()) {
            return AccountRefusal.BALANCE_LIMIT_EXCEEDED;
        }
        return null;
    }

    private AccountRefusal amountRefusal(Money amount, MoneyRange range) {
        if (amount == null || !amount.currency().equals(currency)) {
            return AccountRefusal.CURRENCY_MISMATCH;
        }
        if (!amount.isPositive()) {
            return AccountRefusal.INVALID_AMOUNT;
        }
        if (!range.allows(amount)) {
            return AccountRefusal.AMOUNT_TOO_LARGE;
        }
        return null;
    }

    private String describe(AccountRefusal refusal, Money amount, MoneyRange range) {
        if (refusal == null) {
            return "";
        }
        return switch (refusal) {
            case INSUFFICIENT_FUNDS -> "the balance of " + Money.format(balance, currency) + " " + currency
                    + " (overdraft limit " + Money.format(overdraftLimit, currency) + ") does not cover " + amount;
            case CURRENCY_MISMATCH -> "the account is in " + currency + ", not "
                    + (amount == null ? "null" : amount.currency());
            case AMOUNT_TOO_LARGE -> range.describeMaxAmount(currency) + ", not " + amount;
            case BALANCE_LIMIT_EXCEEDED -> range.describeMaxBalance(currency) + "; the balance is "
                    + Money.format(balance, currency) + " " + currency + " and " + amount + " would go above it";
            case INVALID_AMOUNT -> "an amount is positive, not " + amount;
            default -> "the account refuses: " + refusal;
        };
    }

    /** A clearing leg's amount: of the account's currency and positive, or the leg is parked. */
    private long clearingAmount(Money amount) {
        if (amount == null || !amount.currency().equals(currency) || !amount.isPositive()) {
            throw new LegNotTakenException("clearing account " + iban + " in " + currency + " cannot take " + amount);
        }
        return amount.minorUnits();
    }

    /** An exact sum for a leg that must not be refused: one that does not fit is parked, never wrapped. */
    private long exact(java.util.function.LongSupplier sum, Object leg) {
        try {
            return sum.getAsLong();
        } catch (ArithmeticException overflow) {
            throw new LegNotTakenException("the balance of " + iban + " (" + Money.format(balance, currency) + " "
                    + currency + ") cannot take " + leg + ": it would overflow");
        }
    }

    private static void refuseText(String text, String field) {
        Texts.refusal(text, Texts.MAX_LENGTH).ifPresent(reason -> {
            throw new AccountRefusedException(AccountRefusal.INVALID_TEXT, field + " " + reason);
        });
    }

    private static void refuseIf(boolean condition, AccountRefusal refusal, String message) {
        if (condition) {
            throw new AccountRefusedException(refusal, message);
        }
    }
}
