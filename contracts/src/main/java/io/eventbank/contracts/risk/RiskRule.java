package io.eventbank.contracts.risk;

/** The risk engine's rules (docs/risk-engine.md describes each, with its settings). */
public enum RiskRule {
    /** More transfers from one account within the window than the limit. */
    VELOCITY_COUNT,
    /** More money from one account within the window than the currency's limit. */
    VELOCITY_AMOUNT,
    /** A first payment to a payee the account has never paid, above the currency's limit. */
    NEW_PAYEE_AMOUNT,
    /** An amount far above what the account usually sends. */
    UNUSUAL_AMOUNT,
    /** A payment above the currency's limit soon after the account was opened and funded. */
    NEW_ACCOUNT,
    /** Many payees paid for the first time within the window. */
    MANY_NEW_PAYEES
}
