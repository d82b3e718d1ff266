package io.eventbank.account.rest;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;

import io.eventbank.infrastructure.accounts.AccountBodies;
import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.rest.StrictJson;

/** The optional body of a freeze, read by hand (the records the account API takes are {@link AccountBodies}). */
public final class AccountRequests {

    private AccountRequests() {
    }

    /** The optional body of a freeze: none, or {@code {"reason": "..."}}. */
    static AccountBodies.Freeze freeze(String body, Validator validator) {
        if (body == null || body.isBlank()) {
            return null;
        }
        AccountBodies.Freeze freeze;
        try {
            freeze = StrictJson.mapper().readValue(body, AccountBodies.Freeze.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("reason", "the body of a freeze is empty or {\"reason\": \"...\"}");
        }
        Set<ConstraintViolation<AccountBodies.Freeze>> violations = validator.validate(freeze);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return freeze;
    }
}
