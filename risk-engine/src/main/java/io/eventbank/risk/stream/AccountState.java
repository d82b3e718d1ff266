package io.eventbank.risk.stream;

import java.time.Instant;

import io.eventbank.risk.rules.History;

/**
 * What the engine keeps of an account (store {@value RiskTopology#ACCOUNTS}, by IBAN): when it was opened and first
 * funded, from its events; what it usually sends, from its clean screenings; and the sequence of the last of its
 * events the engine counted, so that an event sent again is not counted again.
 */
record AccountState(Instant openedAt, Instant fundedAt, History.Usual usual, long lastSequence) {

    static final AccountState UNKNOWN = new AccountState(null, null, History.Usual.NONE, -1);

    AccountState opened(Instant at) {
        return new AccountState(earliest(openedAt, at), fundedAt, usual, lastSequence);
    }

    AccountState funded(Instant at) {
        return new AccountState(openedAt, earliest(fundedAt, at), usual, lastSequence);
    }

    AccountState sent(long minorUnits) {
        return new AccountState(openedAt, fundedAt, usual.with(minorUnits), lastSequence);
    }

    AccountState counted(long sequence) {
        return new AccountState(openedAt, fundedAt, usual, Math.max(lastSequence, sequence));
    }

    /** The earlier of the two: an event the outbox sent twice, or read again, changes nothing. */
    private static Instant earliest(Instant known, Instant at) {
        return known == null || at.isBefore(known) ? at : known;
    }
}
