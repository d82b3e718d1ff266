package io.eventbank.infrastructure.rest;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of a creating request: 1 to 200 visible ASCII characters (no spaces, no control
 * characters), since it is stored and shown with what it made.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
    /** The public answer's header: this request found what an earlier one with its key did, and did nothing new. */
    public static final String REPLAYED = "Idempotency-Replayed";
    /**
     * A service's answer to the gateway: the request's key (or the operation id made of it) had been used before for
     * this very request, which changed nothing this time.
     */
    public static final String SERVICE_REPLAYED = "X-Replayed";
    private static final Pattern VISIBLE_ASCII = Pattern.compile("[\\x21-\\x7E]{1,200}");

    private IdempotencyKeys() {
    }

    /** Refuses a key that is present but not acceptable, with a 400 naming the header. */
    public static void check(String key) {
        if (key != null && !VISIBLE_ASCII.matcher(key).matches()) {
            throw ProblemException.invalid(HEADER, "an idempotency key has 1 to 200 visible ASCII characters");
        }
    }
}
