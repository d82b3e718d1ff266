package io.eventbank.risk.stream;

/**
 * One minute of one bank's transfers in one currency (store {@value RiskTopology#ACTIVITY}, by
 * {@code <bank code> <currency>}): transfers asked of the payers' accounts (booked or refused), their volume in minor
 * units, those that failed (refused, or refunded by clearing), and the screenings and holds of the risk engine.
 */
public record Activity(long transfers, long volume, long failed, long screened, long held) {

    static final Activity NONE = new Activity(0, 0, 0, 0, 0);

    Activity plus(Activity other) {
        return new Activity(transfers + other.transfers, volume + other.volume, failed + other.failed,
                screened + other.screened, held + other.held);
    }
}
