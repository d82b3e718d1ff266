package io.eventbank.contracts.transfer;

import java.util.List;
import java.util.stream.Stream;

import io.eventbank.contracts.account.AccountRefusal;

/**
 * Why a transfer failed (or is being refunded): an account's refusal of one of its legs ({@link Refused}), or what
 * clearing says ({@link Clearing}). It travels in {@link TransferFailedEvent} and {@link TransferRefundingEvent} as
 * its code, a string ({@link #name()}: the refusal's own name, such as {@code INSUFFICIENT_FUNDS}, or clearing's;
 * {@link #named} reads it back), and is the API's {@code failureReason}.
 */
public sealed interface TransferFailure permits TransferFailure.Refused, TransferFailure.Clearing {

    /** The receiving bank answered RJCT. */
    TransferFailure REJECTED_BY_CLEARING = Clearing.REJECTED_BY_CLEARING;
    /** The receiving bank did not credit before its cut-off (or never received the payment). */
    TransferFailure TIMED_OUT = Clearing.TIMED_OUT;

    /** The failure's code, as it travels and as the API shows it. */
    String name();

    /** An account refused a leg of the transfer. */
    record Refused(AccountRefusal refusal) implements TransferFailure {

        @Override
        public String name() {
            return refusal.name();
        }

        @Override
        public String toString() {
            return name();
        }
    }

    /** Clearing's reasons: the receiving bank's. */
    enum Clearing implements TransferFailure {
        REJECTED_BY_CLEARING,
        TIMED_OUT
    }

    /** The failure an account's refusal of a leg makes. */
    static TransferFailure of(AccountRefusal refusal) {
        return new Refused(refusal);
    }

    /** Every failure there is: each refusal of an account, then clearing's. */
    static List<TransferFailure> values() {
        return Stream.concat(Stream.of(AccountRefusal.values()).map(TransferFailure::of),
                Stream.of(Clearing.values())).toList();
    }

    /**
     * The failure of a code ({@link #name()}).
     *
     * @throws IllegalArgumentException for a code that names no failure
     */
    static TransferFailure named(String code) {
        for (Clearing clearing : Clearing.values()) {
            if (clearing.name().equals(code)) {
                return clearing;
            }
        }
        return of(AccountRefusal.valueOf(code));
    }

    /** The failure an event gives its transfer (a failing or failed one); null for any other event. */
    static TransferFailure of(TransferEvent event) {
        if (event instanceof TransferFailedEvent failed) {
            return failed.reason();
        }
        return event instanceof TransferRefundingEvent refunding ? refunding.reason() : null;
    }
}
