package io.eventbank.contracts.transfer;

/** A transfer a client asked for (OUTGOING), or one another hosted bank sent through clearing (INCOMING). */
public enum TransferDirection {
    OUTGOING,
    INCOMING
}
