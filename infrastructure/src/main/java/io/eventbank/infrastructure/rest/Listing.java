package io.eventbank.infrastructure.rest;

import java.util.List;

/**
 * The envelope of every list the API answers: {@code {"items": [...], "next": "<cursor>"}}, where {@code next} is
 * null on the last page. A list that always fits on one page answers its items with no next.
 */
public record Listing<T>(List<T> items, String next) {

    public static <T> Listing<T> of(List<T> items) {
        return new Listing<>(items, null);
    }
}
