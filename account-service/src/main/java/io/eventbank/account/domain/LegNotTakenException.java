package io.eventbank.account.domain;

/**
 * A leg the account can neither take nor refuse: a clearing account's leg (a clearing account takes every leg the
 * protocol sends it) or a refund (the money was the payer's) whose exact sum does not fit. Refusing it would leave
 * the money of a transfer nowhere, so nothing is applied and the leg is parked for an operator (its dead-letter
 * topic), loudly; the verification shows it until it is re-driven.
 */
public class LegNotTakenException extends RuntimeException {

    public LegNotTakenException(String message) {
        super(message);
    }
}
