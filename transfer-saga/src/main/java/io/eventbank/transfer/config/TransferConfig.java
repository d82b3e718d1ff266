package io.eventbank.transfer.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** transfer-saga's settings, {@code eventbank.transfer.*} in application.properties. */
@ConfigMapping(prefix = "eventbank.transfer")
public interface TransferConfig {

    /** The hosted banks, {@code code:BIC:name,...}; empty means the platform's default two banks. */
    Optional<String> banks();

    /**
     * How long the receiving bank may take to accept an interbank transfer; the sender waits a few seconds more
     * for the answer, then refunds the payer (TIMED_OUT).
     */
    @WithDefault("30s")
    Duration clearingTimeout();

    /**
     * The banks whose incoming credit transfers this node answers; empty means every hosted bank. Each bank's node
     * can answer for its own bank only, as separate banks would. Status reports on the transfers a node sent are
     * always its own to handle.
     */
    Optional<java.util.List<String>> receivesFor();

    /** This node's name as the owner of processor tokens. */
    @WithDefault("transfer-saga")
    String nodeId();

    Processor publisher();

    Processor saga();

    Inbox inbox();

    /** A pooled streaming processor's batch size and segments. */
    interface Processor {

        @WithDefault("100")
        int batchSize();

        @WithDefault("2")
        int segments();

        @WithDefault("30s")
        Duration ackTimeout();
    }

    /** Records consumed from Kafka. */
    interface Inbox {

        /** Attempts at a record that fails for a technical reason before it goes to the dead-letter topic. */
        @WithDefault("8")
        int attempts();

        @WithDefault("250ms")
        Duration backoff();
    }
}
