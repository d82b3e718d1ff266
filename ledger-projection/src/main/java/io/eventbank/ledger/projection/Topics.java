package io.eventbank.ledger.projection;

/** The topics the read models are built from. */
public final class Topics {

    public static final String ACCOUNT_EVENTS = "bank.account.events";
    public static final String TRANSFER_EVENTS = "bank.transfer.events";

    private Topics() {
    }
}
