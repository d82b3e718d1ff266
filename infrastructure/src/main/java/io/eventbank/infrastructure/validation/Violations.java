package io.eventbank.infrastructure.validation;

import jakarta.validation.ConstraintValidatorContext;

/** A violation whose message says why, in words that are never read as a message template. */
final class Violations {

    private Violations() {
    }

    static boolean refuse(ConstraintValidatorContext context, String why) {
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(why.replaceAll("([\\\\{}$])", "\\\\$1"))
                .addConstraintViolation();
        return false;
    }
}
