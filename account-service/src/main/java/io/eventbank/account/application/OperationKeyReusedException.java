package io.eventbank.account.application;

/** A deposit's or withdrawal's operation id (its caller's Idempotency-Key) was used before for another request. */
public class OperationKeyReusedException extends RuntimeException {

    public OperationKeyReusedException(String message) {
        super(message);
    }
}
