package io.eventbank.account.rest;

import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

import io.eventbank.infrastructure.rest.ProblemException;
import io.eventbank.infrastructure.rest.StrictJson;
import io.eventbank.infrastructure.validation.CurrencyCode;
import io.eventbank.infrastructure.validation.Decimal;
import io.eventbank.infrastructure.validation.OperationId;
import io.eventbank.infrastructure.validation.Text;

/**
 * The bodies the account API takes, checked by the platform's constraints; amounts are decimal strings in the
 * account's currency (whose decimals the account checks).
 */
public final class AccountRequests {

    private AccountRequests() {
    }

    /**
     * {@code customerId} is the customer who will own the account (the gateway gives the subject of the caller's
     * token); {@code bankCode} is the first bank when absent. {@code overdraftLimit} is named only to refuse it clearly: an
     * account opens without one, and only an operator sets one ({@link OverdraftLimit}).
     */
    public record OpenAccount(@NotNull String customerId, @NotNull @Text String owner,
            @NotNull @CurrencyCode String currency, String bankCode, String overdraftLimit) {
    }

    /** An operator's overdraft limit for an account: a decimal string in the account's currency, zero or more. */
    public record OverdraftLimit(@NotNull @Decimal String limit) {
    }

    /** A deposit or withdrawal; a retry with the same {@code operationId} counts once. */
    public record MoneyMovement(@NotNull @Decimal String amount, @Text String reference,
            @OperationId String operationId) {
    }

    public record Freeze(@Text String reason) {
    }

    /** The optional body of a freeze: none, or {@code {"reason": "..."}}. */
    static Freeze freeze(String body, Validator validator) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Freeze freeze;
        try {
            freeze = StrictJson.mapper().readValue(body, Freeze.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("reason", "the body of a freeze is empty or {\"reason\": \"...\"}");
        }
        Set<ConstraintViolation<Freeze>> violations = validator.validate(freeze);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return freeze;
    }
}
