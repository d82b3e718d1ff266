package io.eventbank.infrastructure.rest;

import io.eventbank.contracts.Texts;

/**
 * Free text of a request (an owner, a reference, a reason) checked by {@link Texts}' rules and kept in its canonical
 * form; a refusal is a 400 {@code validation-failed} naming the field, and changes nothing.
 */
public final class FreeText {

    private FreeText() {
    }

    public static String required(String value, String field) {
        String text = optional(value, field);
        if (text == null) {
            throw ProblemException.invalid(field, field + " is required");
        }
        return text;
    }

    public static String optional(String value, String field) {
        Texts.refusal(value, Texts.MAX_LENGTH).ifPresent(reason -> {
            throw ProblemException.invalid(field, field + " " + reason);
        });
        return Texts.canonical(value);
    }
}
