package io.eventbank.account.application;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import io.eventbank.account.domain.DepositMoneyCommand;
import io.eventbank.account.domain.WithdrawMoneyCommand;
import io.eventbank.contracts.Money;

/**
 * What a deposit or withdrawal asked, kept with its operation id for good: the id used again for the same request is
 * a repeat (it changes nothing and says so), for another request a refusal ({@link OperationKeyReusedException}),
 * never the first request's outcome passed off as this one's.
 */
record OperationRequest(String operation, Money amount, String reference) {

    static Optional<OperationRequest> of(Object command) {
        if (command instanceof DepositMoneyCommand deposit) {
            return Optional.of(new OperationRequest("DEPOSIT", deposit.amount(), deposit.reference()));
        } else if (command instanceof WithdrawMoneyCommand withdrawal) {
            return Optional.of(new OperationRequest("WITHDRAWAL", withdrawal.amount(), withdrawal.reference()));
        }
        return Optional.empty();
    }

    /**
     * Refuses this request when its operation id was recorded for another one. A row written before requests were kept
     * with their ids (no operation) is compared by its amount, which it has always kept.
     */
    void requireSameAs(String operation, Long amount, String reference, Instant at) {
        boolean same = operation == null
                ? amount != null && amount == this.amount.minorUnits()
                : operation.equals(this.operation) && amount != null && amount == this.amount.minorUnits()
                        && Objects.equals(reference, this.reference);
        if (!same) {
            String first = operation == null ? "an operation of " + Money.format(amount == null ? 0 : amount,
                    this.amount.currency()) + " " + this.amount.currency()
                    : describe(operation, Money.of(amount == null ? 0 : amount, this.amount.currency()), reference);
            throw new OperationKeyReusedException("the Idempotency-Key was used on " + at + " for " + first
                    + "; this request is " + describe(this.operation, this.amount, this.reference)
                    + ". A key names one request for good: use a new key for a new request");
        }
    }

    private static String describe(String operation, Money amount, String reference) {
        return (operation.equals("DEPOSIT") ? "a deposit of " : "a withdrawal of ") + amount
                + (reference == null ? " without a reference" : " with the reference \"" + reference + "\"");
    }
}
