package io.eventbank.infrastructure.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An IBAN, in its electronic or its printed form (spaces, any case): of a country that issues IBANs, in that country's
 * layout, with correct check digits ({@link io.eventbank.contracts.Iban#whyInvalid}). Null passes: {@code @NotNull}
 * says whether the field is required.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = Iban.Validator.class)
public @interface Iban {

    String message() default "is not a valid IBAN";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Iban, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String why = io.eventbank.contracts.Iban.whyInvalid(io.eventbank.contracts.Iban.normalize(value));
            return why == null || Violations.refuse(context, "is not a valid IBAN: " + why);
        }
    }
}
