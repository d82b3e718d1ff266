package io.eventbank.contracts.account;

/**
 * Every event of an account names the account; it is the Kafka key of {@code bank.account.events}. The hierarchy is
 * closed: an account's events are these and no others, and each of them is a {@link BalanceChange}, a
 * {@link LegAnswer} (some are both) or one of the lifecycle events listed here.
 */
public sealed interface AccountEvent permits BalanceChange, LegAnswer, AccountOpenedEvent, AccountClosedEvent,
        AccountFrozenEvent, AccountUnfrozenEvent, OverdraftLimitSetEvent {

    String iban();
}
