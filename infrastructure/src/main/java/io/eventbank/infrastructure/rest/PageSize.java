package io.eventbank.infrastructure.rest;

/**
 * The {@code limit} of a list request: a whole number from 1 to the list's most, or the list's default when absent.
 * Anything else ({@code limit=abc}, {@code limit=0}) is a 400 {@code validation-failed} naming {@code limit}.
 */
public final class PageSize {

    private PageSize() {
    }

    public static int of(String limit, int otherwise, int most) {
        if (limit == null) {
            return otherwise;
        }
        String rule = "limit is a whole number from 1 to " + most;
        if (!limit.matches("\\d{1,9}")) {
            throw ProblemException.invalid("limit", rule);
        }
        int size = Integer.parseInt(limit);
        if (size < 1 || size > most) {
            throw ProblemException.invalid("limit", rule);
        }
        return size;
    }
}
