package io.eventbank.account.domain;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.account.MoneyDepositedEvent;

/** Accounts and amounts for the aggregate's tests. */
final class AccountMother {

    static final String BANK = "10020030";
    static final String ALICE = Iban.german(BANK, 1_000_001);
    static final String BOB = Iban.german(BANK, 1_000_002);
    static final String CLEARING = Clearing.accountOf(BANK, "EUR", 0);
    /** The platform's money range as it is by default: 999,999,999.99 at most an amount, 99,999,999,999.99 a balance. */
    static final MoneyRange RANGE = MoneyRange.defaults();

    private AccountMother() {
    }

    static Money eur(String decimal) {
        return Money.parse(decimal, "EUR");
    }

    static AccountOpenedEvent opened(String iban) {
        return new AccountOpenedEvent(iban, "alice", "Alice", "EUR", BANK, 0, AccountType.CUSTOMER);
    }

    static AccountOpenedEvent openedWithOverdraft(String iban, String limit) {
        return new AccountOpenedEvent(iban, "alice", "Alice", "EUR", BANK, eur(limit).minorUnits(), AccountType.CUSTOMER);
    }

    static AccountOpenedEvent clearingOpened() {
        return new AccountOpenedEvent(CLEARING, null, "Eventbank Berlin clearing EUR", "EUR", BANK, 0, AccountType.CLEARING);
    }

    static MoneyDepositedEvent deposited(String iban, String amount, String balanceAfter) {
        return new MoneyDepositedEvent(iban, "op-" + amount + "-" + balanceAfter, eur(amount), null,
                eur(balanceAfter).minorUnits());
    }
}
