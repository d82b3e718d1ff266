package io.eventbank.infrastructure.rest;

import java.util.regex.Pattern;

/**
 * The {@code Idempotency-Key} header of a creating request: 1 to 200 visible ASCII characters (no spaces, no control
 * characters), since it is stored and shown with what it made.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "Idempotency-Key";
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
