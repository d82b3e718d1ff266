package io.eventbank.infrastructure.transfers;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import io.eventbank.contracts.Clearing;
import io.eventbank.infrastructure.rest.ProblemType;
import io.eventbank.infrastructure.validation.CurrencyCode;
import io.eventbank.infrastructure.validation.Decimal;
import io.eventbank.infrastructure.validation.Iban;
import io.eventbank.infrastructure.validation.Text;

/**
 * What the services that make transfers take and answer on their internal APIs (account-service within one bank,
 * transfer-saga between banks): one request and one answer, the same shape as the ledger's transfer.
 */
public final class TransferBodies {

    private TransferBodies() {
    }

    /**
     * The clearing rule, wherever a customer's transfer is taken: a bank's clearing account moves only through the
     * clearing protocol, so a transfer that names one is refused (403 {@code clearing-account}) before anything happens.
     */
    public static void refuseClearingAccount(String iban, String field) {
        if (Clearing.isClearingAccount(iban)) {
            throw ProblemType.CLEARING_ACCOUNT.exception(io.eventbank.contracts.Iban.printable(iban)
                    + " is a bank's clearing account: it takes no part in customers' transfers", field);
        }
    }

    /** A transfer request: amounts are decimal strings with the currency's decimals. */
    public record Request(@NotNull @Iban String debtorIban, @NotNull @Iban String creditorIban,
            @NotNull @Decimal String amount, @NotNull @CurrencyCode String currency, @Text String reference) {
    }

    /** One event of a transfer: its type, when it happened and its id (null when the answer does not know it). */
    public record Step(String type, Instant at, String eventId) {
    }

    /** A transfer: its status, failure reason and the timeline of its events ({@code asOf}: null, not a read model). */
    public record Answer(String transferId, String direction, String debtorIban, String creditorIban,
            String amount, String currency, String reference, boolean interbank, String status, String failureReason,
            long version, Instant createdAt, Instant updatedAt, List<Step> timeline, Object asOf) {
    }
}
