package io.eventbank.gateway.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** api-gateway's settings, {@code eventbank.gateway.*} in application.properties. */
@ConfigMapping(prefix = "eventbank.gateway")
public interface GatewayConfig {

    Idempotency idempotency();

    RateLimit rateLimit();

    Streams streams();

    Waits waits();

    /** Idempotency keys. */
    interface Idempotency {

        /** How long a key is remembered; used again after that, it makes a new request. */
        @WithDefault("24h")
        Duration expireAfter();
    }

    /**
     * Writes (creating POSTs) per subject: a token bucket. The defaults let one customer send a burst of 100 and 50 a
     * second after that; a client that spreads its load over many customers is not throttled.
     */
    interface RateLimit {

        @WithDefault("50")
        double writesPerSecond();

        @WithDefault("100")
        int burst();

        /** Reads per subject: a bucket of their own, so that reading never takes a caller's writes. */
        @WithDefault("100")
        double readsPerSecond();

        @WithDefault("200")
        int readBurst();
    }

    /**
     * Reads that wait (a transfer until it is final, an account or transfer until the read model has a version) at once.
     * A read that waits holds no thread while it waits, but a connection to the ledger (whose pool has room for them
     * all, {@code quarkus.rest-client.ledger-projection.connection-pool-size}) and a registration there.
     */
    interface Waits {

        @WithDefault("5")
        int perSubject();

        @WithDefault("200")
        int total();
    }

    /**
     * Live audit streams (Server-Sent Events) open at once: per subject, and in all for customers and, apart, for
     * auditors, so that customers' streams never take the auditors' places.
     */
    interface Streams {

        @WithDefault("5")
        int perSubject();

        /** Customers' streams in all. */
        @WithDefault("200")
        int total();

        /** Auditors' streams in all. */
        @WithDefault("50")
        int auditorTotal();
    }
}
