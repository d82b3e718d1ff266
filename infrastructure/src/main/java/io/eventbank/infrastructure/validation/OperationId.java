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

import io.eventbank.infrastructure.rest.CorrelationIds;

/** An id that names one operation (a correlation id, an operation id): 1 to 100 letters, digits and {@code . _ : -}. */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = OperationId.Validator.class)
public @interface OperationId {

    String message() default "has 1 to 100 letters, digits and the characters . _ : -";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<OperationId, String> {

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || CorrelationIds.isSensible(value);
        }
    }
}
