package io.eventbank.gateway.rest;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.eventbank.infrastructure.validation.CurrencyCode;
import io.eventbank.infrastructure.validation.Decimal;
import io.eventbank.infrastructure.validation.Iban;
import io.eventbank.infrastructure.validation.Text;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The bodies the public API takes: JSON objects of known fields, each a string, checked by the platform's constraints
 * ({@link io.eventbank.infrastructure.validation}). An unknown field, or a number where a string belongs, is refused
 * before these are made; what a value means for an account (the currency's decimals, a hosted bank) the services say.
 */
final class Requests {

    private Requests() {
    }

    @Schema(name = "OpenAccountRequest", description = "An account to open for the caller")
    record OpenAccount(
            @Schema(examples = "Alice Example") @NotNull @Text String owner,
            @Schema(examples = "EUR") @NotNull @CurrencyCode String currency,
            @Schema(description = "a hosted bank's code (GET /banks); the first bank when absent",
                    examples = "10020030")
            @Size(max = 40) String bankCode,
            @Schema(description = "refused: an account opens without an overdraft, and only an operator sets one",
                    hidden = true)
            @Size(max = 40) String overdraftLimit) {
    }

    @Schema(name = "MoneyMovementRequest", description = "A deposit or a withdrawal")
    record MoneyMovement(
            @Schema(description = "a decimal string with at most the currency's decimals", examples = "100.00")
            @NotNull @Decimal String amount,
            @Schema(examples = "salary") @Text String reference) {
    }

    @Schema(name = "TransferRequest", description = "A transfer from one of the caller's accounts to any IBAN")
    record Transfer(
            @Schema(examples = "DE89370400440532013000") @NotNull @Iban String debtorIban,
            @Schema(examples = "DE02100200300000000017") @NotNull @Iban String creditorIban,
            @Schema(examples = "30.00") @NotNull @Decimal String amount,
            @Schema(examples = "EUR") @NotNull @CurrencyCode String currency,
            @Schema(examples = "rent") @Text String reference) {
    }

    @Schema(name = "FreezeRequest", description = "Why an account is frozen (optional)")
    record Freeze(@Schema(examples = "reported stolen card") @Text String reason) {
    }

    @Schema(name = "OverdraftLimitRequest", description = "An account's overdraft limit, zero or more")
    record OverdraftLimit(@Schema(examples = "500.00") @NotNull @Decimal String limit) {
    }
}
