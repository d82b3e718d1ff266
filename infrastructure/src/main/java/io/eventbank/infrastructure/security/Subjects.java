package io.eventbank.infrastructure.security;

import java.util.regex.Pattern;

import io.eventbank.infrastructure.rest.ProblemException;

/**
 * A token's subject as the platform keeps it (the customer who owns an account): 1 to 200 visible characters, no
 * control, space or format characters, since it is stored with the account and shown with it.
 */
public final class Subjects {

    private static final Pattern ACCEPTABLE = Pattern.compile("[\\p{L}\\p{N}\\p{P}\\p{S}]{1,200}");

    private Subjects() {
    }

    public static boolean isAcceptable(String subject) {
        return subject != null && ACCEPTABLE.matcher(subject).matches();
    }

    /** The subject, or a 400 naming the field. */
    public static String required(String subject, String field) {
        if (!isAcceptable(subject)) {
            throw ProblemException.invalid(field, field + " is 1 to 200 letters, digits, punctuation or symbols");
        }
        return subject;
    }
}
