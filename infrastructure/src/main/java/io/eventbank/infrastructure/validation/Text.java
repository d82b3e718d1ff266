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

import io.eventbank.contracts.Texts;

/**
 * Free text (an owner, a reference, a reason) by {@link Texts}' rules: at most 140 characters, none of the control,
 * bidirectional, private-use or unassigned ones. Null passes; {@link Texts#canonical} gives the form that is kept.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = Text.Validator.class)
public @interface Text {

    String message() default "is not acceptable text";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Text, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return Texts.refusal(value, Texts.MAX_LENGTH).map(reason -> Violations.refuse(context, reason))
                    .orElse(true);
        }
    }
}
