package io.eventbank.account.config;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** account-service's settings, {@code eventbank.account.*} in application.properties. */
@ConfigMapping(prefix = "eventbank.account")
public interface AccountConfig {

    /** The hosted banks, {@code code:BIC:name,...}; empty means the platform's default two banks. */
    Optional<String> banks();

    /** The currencies accounts may be opened in; every hosted bank has a clearing account in each. */
    @WithDefault("EUR,USD,GBP,CHF")
    List<String> currencies();

    /**
     * The highest overdraft limit an operator may give an account, in the account's currency (a decimal such as
     * {@code 10000.00}). Customers never choose their own.
     */
    @WithDefault("10000.00")
    String maxOverdraftLimit();

    /**
     * A snapshot of an account after this many events. Accounts stay in the cache between commands, so a snapshot
     * only shortens the load after a restart or an eviction; each costs a read of the events since the last one and a
     * transaction of its own on the consumer's thread, which is why it is not taken more often.
     */
    @WithDefault("500")
    int snapshotThreshold();

    /** Keep accounts in memory between commands (right for one node per account; see AxonSetup). */
    @WithDefault("true")
    boolean cache();

    /** How many accounts the cache keeps at most; the least recently used go first. */
    @WithDefault("100000")
    long cacheSize();

    Publisher publisher();

    Commands commands();

    /** The streaming processor that publishes the event store to {@code bank.account.events}. */
    interface Publisher {

        @WithDefault("200")
        int batchSize();

        @WithDefault("2")
        int segments();

        @WithDefault("30s")
        Duration ackTimeout();
    }

    /** Transfer legs consumed from {@code bank.account.commands}. */
    interface Commands {

        /** The first pause before a leg that failed for a technical reason is tried again; it doubles each time. */
        @WithDefault("250ms")
        Duration backoff();

        /** The longest pause between tries of a leg: it is tried until it succeeds. */
        @WithDefault("5s")
        Duration maxBackoff();

        /**
         * A leg that comes again this long after it was handled gets its outcome published again: the saga re-issues
         * a leg only after two minutes without an answer, while a redelivery comes soon after the first delivery.
         */
        @WithDefault("60s")
        Duration republishAfter();
    }
}
