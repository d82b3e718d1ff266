package io.eventbank.infrastructure.rest;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code wait} of a read, one syntax everywhere: whole milliseconds ({@code 500ms}), whole seconds ({@code 5s}) or
 * an ISO-8601 duration ({@code PT5S}), from zero to {@link #MAX}. Anything else is a 400 {@code validation-failed}
 * naming {@code wait}.
 */
public final class Wait {

    public static final Duration MAX = Duration.ofSeconds(30);

    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})(ms|s)");

    private Wait() {
    }

    /** How long to wait; zero when {@code wait} is absent. */
    public static Duration of(String wait) {
        if (wait == null) {
            return Duration.ZERO;
        }
        Duration parsed;
        Matcher matcher = SHORT.matcher(wait);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            parsed = matcher.group(2).equals("ms") ? Duration.ofMillis(amount) : Duration.ofSeconds(amount);
        } else {
            try {
                parsed = Duration.parse(wait);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid("wait", "wait is a duration such as 5s, 500ms or PT5S");
            }
        }
        if (parsed.isNegative() || parsed.compareTo(MAX) > 0) {
            throw ProblemException.invalid("wait", "wait is between 0s and " + MAX.toSeconds() + "s");
        }
        return parsed;
    }
}
