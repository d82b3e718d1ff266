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
    }

    /** Live audit streams (Server-Sent Events) open at once. */
    interface Streams {

        @WithDefault("5")
        int perSubject();

        @WithDefault("200")
        int total();
    }
}
