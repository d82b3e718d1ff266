package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountRefusal;

/**
 * What a command did to an account: accepted with the balance after it, or refused with a reason. {@code repeated}
 * says that the command had been handled before (same transfer or operation id) and changed nothing this time.
 */
public record Outcome(boolean accepted, AccountRefusal refusal, long balanceAfter, boolean repeated) {

    public static Outcome accepted(long balanceAfter) {
        return new Outcome(true, null, balanceAfter, false);
    }

    public static Outcome refused(AccountRefusal refusal, long balance) {
        return new Outcome(false, refusal, balance, false);
    }

    Outcome asRepeat() {
        return new Outcome(accepted, refusal, balanceAfter, true);
    }
}
