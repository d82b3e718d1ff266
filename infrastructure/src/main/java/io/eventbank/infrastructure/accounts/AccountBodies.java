package io.eventbank.infrastructure.accounts;

import jakarta.validation.constraints.NotNull;

import io.eventbank.infrastructure.validation.CurrencyCode;
import io.eventbank.infrastructure.validation.Decimal;
import io.eventbank.infrastructure.validation.OperationId;
import io.eventbank.infrastructure.validation.Text;

/**
 * What account-service's internal API takes, and the gateway sends it: checked by the platform's constraints where
 * account-service takes them; amounts are decimal strings in the account's currency (whose decimals the account
 * checks).
 */
public final class AccountBodies {

    private AccountBodies() {
    }

    /**
     * {@code customerId} is the customer who will own the account (the gateway gives the subject of the caller's
     * token); {@code bankCode} is the first bank when absent. {@code overdraftLimit} is named only to refuse it
     * clearly: an account opens without one, and only an operator sets one ({@link OverdraftLimit}).
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

    /** Why an account is frozen, if said. */
    public record Freeze(@Text String reason) {
    }
}
