package io.eventbank.infrastructure.rest;

import java.util.regex.Pattern;

/**
 * Correlation and causation ids as they enter a service (a header of a request or of a Kafka record): at most 100
 * characters of letters, digits and {@code . _ : -}. Anything else is not kept: logs, events and the audit stream
 * show it, so a hostile one must not get in.
 */
public final class CorrelationIds {

    private static final Pattern SENSIBLE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    private CorrelationIds() {
    }

    public static boolean isSensible(String id) {
        return id != null && SENSIBLE.matcher(id).matches();
    }

    /** The id when it is sensible, otherwise the fallback (which may be null). */
    public static String orElse(String id, String fallback) {
        return isSensible(id) ? id : fallback;
    }
}
