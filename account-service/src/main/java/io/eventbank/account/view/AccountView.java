package io.eventbank.account.view;

import java.time.Instant;

import io.eventbank.contracts.account.AccountStatus;
import io.eventbank.contracts.account.AccountType;

/** An account as the service sees it right after its last event; amounts in minor units. */
public record AccountView(
        String iban,
        String customerId,
        String owner,
        String bankCode,
        String currency,
        long balance,
        long overdraftLimit,
        AccountStatus status,
        AccountType type,
        long version,
        Instant openedAt,
        Instant updatedAt) {
}
