package io.eventbank.account.rest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import io.eventbank.account.view.AccountView;
import io.eventbank.contracts.Money;
import io.eventbank.infrastructure.banks.HostedBanks;

/**
 * An account in the API, in the shape the read model answers it in too: amounts as decimal strings, {@code version}
 * the sequence of its last event, {@code customerId} the customer who owns it (null for a clearing account),
 * {@code asOf} null (this answer is the account's own, not a read model's), and times to the millisecond, as the
 * event store and every record on Kafka keep them.
 */
public record AccountResponse(
        String iban,
        String customerId,
        String owner,
        String bankCode,
        String bic,
        String currency,
        String balance,
        String overdraftLimit,
        String status,
        String type,
        long version,
        Instant openedAt,
        Instant lastEventAt,
        Object asOf) {

    static AccountResponse of(AccountView view, HostedBanks banks) {
        String bic = banks.byCode(view.bankCode()).map(b -> b.bic()).orElse(null);
        return new AccountResponse(view.iban(), view.customerId(), view.owner(), view.bankCode(), bic, view.currency(),
                Money.format(view.balance(), view.currency()), Money.format(view.overdraftLimit(), view.currency()),
                view.status().name(), view.type().name(), view.version(), millis(view.openedAt()),
                millis(view.updatedAt()), null);
    }

    private static Instant millis(Instant time) {
        return time == null ? null : time.truncatedTo(ChronoUnit.MILLIS);
    }
}
