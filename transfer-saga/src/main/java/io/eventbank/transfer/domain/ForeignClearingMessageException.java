package io.eventbank.transfer.domain;

/**
 * A clearing message that does not answer what it claims to: a status report for a credit transfer that was not sent,
 * or not to the bank it comes from; a status request about a payment another bank sent. It changes nothing, and is
 * parked (the clearing topic's dead-letter topic) for an operator.
 */
public class ForeignClearingMessageException extends RuntimeException {

    public ForeignClearingMessageException(String message) {
        super(message);
    }
}
