package io.eventbank.risk.rules;

import java.time.Instant;
import java.util.List;

/**
 * What the engine knows of the paying account as a transfer is screened: when it was opened and first funded (null
 * when it has not seen that), the account's screenings within the window before this one, whether it has paid this
 * payee before, and what it usually sends.
 */
public record History(Instant openedAt, Instant fundedAt, List<Recent> recent, boolean knownPayee, Usual usual) {

    public History {
        recent = List.copyOf(recent);
    }

    /** An earlier screening within the window: its amount in minor units, and whether its payee was new then. */
    public record Recent(String transferId, long minorUnits, boolean newPayee) {
    }

    /** The account's transfers found clean so far: how many, and their mean amount in minor units. */
    public record Usual(long count, double mean) {

        public static final Usual NONE = new Usual(0, 0);

        /** With one more amount (a running mean: no list of amounts is kept). */
        public Usual with(long minorUnits) {
            long n = count + 1;
            return new Usual(n, mean + (minorUnits - mean) / n);
        }
    }
}
