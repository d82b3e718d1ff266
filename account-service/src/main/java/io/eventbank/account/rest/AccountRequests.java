package io.eventbank.account.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.eventbank.infrastructure.rest.ProblemException;

/** The bodies the account API takes; amounts are decimal strings in the account's currency. */
public final class AccountRequests {

    private AccountRequests() {
    }

    /**
     * {@code customerId} is the customer who will own the account (the gateway gives the subject of the caller's
     * token); {@code bankCode} is the first bank when absent. {@code overdraftLimit} is named only to refuse it clearly: an
     * account opens without one, and only an operator sets one ({@link OverdraftLimit}).
     */
    public record OpenAccount(String customerId, String owner, String currency, String bankCode, String overdraftLimit) {
    }

    /** An operator's overdraft limit for an account: a decimal string in the account's currency, zero or more. */
    public record OverdraftLimit(String limit) {
    }

    /** A deposit or withdrawal; a retry with the same {@code operationId} counts once. */
    public record MoneyMovement(String amount, String reference, String operationId) {
    }

    public record Freeze(String reason) {
    }

    /** The optional body of a freeze: none, or {@code {"reason": "..."}}. */
    static Freeze freeze(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return READER.readValue(body, Freeze.class);
        } catch (JsonProcessingException e) {
            throw ProblemException.invalid("reason", "the body of a freeze is empty or {\"reason\": \"...\"}");
        }
    }

    private static final ObjectMapper READER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
}
