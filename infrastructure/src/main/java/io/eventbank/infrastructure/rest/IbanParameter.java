package io.eventbank.infrastructure.rest;

import io.eventbank.contracts.Iban;

/** An IBAN of a path or query ({@code /accounts/{iban}}, {@code ?account=}): its electronic form, or a 400 naming it. */
public final class IbanParameter {

    private IbanParameter() {
    }

    public static String required(String text, String field) {
        String iban = Iban.normalize(text);
        String why = Iban.whyInvalid(iban);
        if (why != null) {
            throw ProblemException.invalid(field, field + " is not a valid IBAN: " + why);
        }
        return iban;
    }
}
