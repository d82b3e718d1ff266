package io.eventbank.infrastructure.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An amount as a plain decimal string ({@code "12.50"}, {@code "10"}): digits, at most one point, no sign, exponent or
 * grouping. Whether it has no more decimals than its currency has, and whether zero is allowed, is the account's
 * rule ({@link io.eventbank.contracts.Money#parse}). Null passes.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = Decimal.Validator.class)
public @interface Decimal {

    String message() default "is a decimal string such as \"12.50\"";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<Decimal, String> {

        private static final Pattern PLAIN = Pattern.compile("\\d{1,19}(\\.\\d{1,19})?");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            return value == null || PLAIN.matcher(value).matches();
        }
    }
}
