package io.eventbank.account.rest;

/** The bodies the account API takes; amounts are decimal strings in the account's currency. */
public final class AccountRequests {

    private AccountRequests() {
    }

    /** {@code overdraftLimit} is a decimal string, "0" when absent; {@code bankCode} the first bank when absent. */
    public record OpenAccount(String owner, String currency, String bankCode, String overdraftLimit) {
    }

    /** A deposit or withdrawal; a retry with the same {@code operationId} counts once. */
    public record MoneyMovement(String amount, String reference, String operationId) {
    }

    public record Freeze(String reason) {
    }
}
