package io.eventbank.contracts.risk;

/** What the risk engine says of a transfer. */
public enum RiskVerdict {
    /** No rule found anything: the transfer goes on at once. */
    CLEAN,
    /** At least one rule found something: the transfer waits, its amount reserved, for an operator's decision. */
    HOLD
}
