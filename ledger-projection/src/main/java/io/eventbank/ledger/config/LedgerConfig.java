package io.eventbank.ledger.config;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** ledger-projection's settings, {@code eventbank.ledger.*} in application.properties. */
@ConfigMapping(prefix = "eventbank.ledger")
public interface LedgerConfig {

    /** The hosted banks, {@code code:BIC:name,...}; empty means the platform's default two banks. */
    Optional<String> banks();

    Replay replay();

    /** Replays. */
    interface Replay {

        /** Records per batch (and transaction) of a replay. */
        @io.smallrye.config.WithDefault("2000")
        int batchSize();
    }
}
