package io.eventbank.account.domain;

import io.eventbank.contracts.account.AccountRefusal;

/**
 * What a command did to an account: accepted with the balance after it, or refused with a reason. {@code sequence} is
 * the account's sequence number of the event that says so (null when no event was needed); {@code repeated} says that
 * the command had been handled before (same transfer or operation id) and changed nothing this time.
 */
public record Outcome(boolean accepted, AccountRefusal refusal, long balanceAfter, Long sequence, boolean repeated) {

    public static Outcome accepted(long balanceAfter, Long sequence) {
        return new Outcome(true, null, balanceAfter, sequence, false);
    }

    public static Outcome refused(AccountRefusal refusal, long balance, Long sequence) {
        return new Outcome(false, refusal, balance, sequence, false);
    }

    public Outcome asRepeat() {
        return new Outcome(accepted, refusal, balanceAfter, sequence, true);
    }
}
