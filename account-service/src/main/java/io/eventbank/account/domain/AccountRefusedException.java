package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountRefusal;

/** A command from the API that the account refuses; it changes nothing and becomes a problem answer. */
public class AccountRefusedException extends RuntimeException {

    private final AccountRefusal refusal;

    public AccountRefusedException(AccountRefusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public AccountRefusal refusal() {
        return refusal;
    }
}
