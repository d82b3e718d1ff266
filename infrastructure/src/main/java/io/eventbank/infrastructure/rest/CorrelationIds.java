package io.eventbank.infrastructure.rest;

/**
 * Correlation and causation ids as they enter a service (a header of a request or of a Kafka record): at most 100
 * characters of letters, digits and {@code . _ : -}. Anything else is not kept: logs, events and the audit stream
 * show it, so a hostile one must not get in.
 */
public final class CorrelationIds {

    private static final int MAX_LENGTH = 100;

    private CorrelationIds() {
    }

    /** Checked by hand, not by a regular expression: every record every consumer reads passes here three times. */
    public static boolean isSensible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean sensible = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!sensible) {
                return false;
            }
        }
        return true;
    }

    /** The id when it is sensible, otherwise the fallback (which may be null). */
    public static String orElse(String id, String fallback) {
        return isSensible(id) ? id : fallback;
    }
}
