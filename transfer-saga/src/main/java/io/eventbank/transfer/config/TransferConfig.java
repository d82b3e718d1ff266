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
     * The cut-off of an interbank transfer: the receiving bank credits only a credit transfer that reaches it before
     * then. The sender waits a few seconds more for the answer, then asks for it (pacs.028) until it comes.
     */
    @WithDefault("60s")
    Duration clearingTimeout();

    /**
     * The banks whose incoming credit transfers this node answers; empty means every hosted bank. Each bank's node
     * can answer for its own bank only, as separate banks would. Status reports on the transfers a node sent are
     * always its own to handle.
     */
    Optional<java.util.List<String>> receivesFor();

    /**
     * The folder of the banks' clearing keys ({@code <bank>.key.pem}, {@code <bank>.pub.pem}): this node signs what
     * it sends for a hosted bank with that bank's private key (made there when missing) and checks every message it
     * receives with its sender's public key. {@code ./eventbank} and the tests set it.
     */
    String clearingKeys();

    Processor publisher();

    Inbox inbox();

    Sweep sweep();

    /** A pooled streaming processor's batch size and segments. */
    interface Processor {

        @WithDefault("100")
        int batchSize();

        @WithDefault("2")
        int segments();

        @WithDefault("30s")
        Duration ackTimeout();
    }

    /** Records consumed from Kafka: each is tried until it is handled. */
    interface Inbox {

        /** The first pause before a record that failed is tried again; it doubles each time. */
        @WithDefault("250ms")
        Duration backoff();

        /** The longest pause between tries. */
        @WithDefault("5s")
        Duration maxBackoff();
    }

    /** The sweeper: transfers that are not final and have not moved for a while ask again for what they wait for. */
    interface Sweep {

        /** How often it looks. */
        @WithDefault("15s")
        Duration interval();

        /**
         * How long a transfer may go without an event before it asks again. It backs up what does not get lost (no
         * message is given up for a technical failure): long enough that a busy platform's queue is not mistaken for a
         * lost answer, whose repetition would only add to the queue.
         */
        @WithDefault("2m")
        Duration staleAfter();
    }
}
