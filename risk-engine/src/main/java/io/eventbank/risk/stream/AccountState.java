package io.eventbank.risk.stream;

import java.time.Instant;

import io.eventbank.risk.rules.History;

/**
 * What the engine keeps of an account (store {@value RiskTopology#ACCOUNTS}, by IBAN): when it was opened and first
 * funded, from its events, and what it usually sends, from its clean screenings.
 */
record AccountState(Instant openedAt, Instant fundedAt, History.Usual usual) {

    static final AccountState UNKNOWN = new AccountState(null, null, History.Usual.NONE);

    AccountState opened(Instant at) {
        return new AccountState(earliest(openedAt, at), fundedAt, usual);
    }

    AccountState funded(Instant at) {
        return new AccountState(openedAt, earliest(fundedAt, at), usual);
    }

    AccountState sent(long minorUnits) {
        return new AccountState(openedAt, fundedAt, usual.with(minorUnits));
    }

    /** The earlier of the two: an event the outbox sent twice, or read again, changes nothing. */
    private static Instant earliest(Instant known, Instant at) {
        return known == null || at.isBefore(known) ? at : known;
    }
}
