package io.eventbank.devstack.chaos;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the client sent and what the API answered, and nothing else: the independent checker works from this alone.
 * Amounts in cents (every account is in EUR).
 */
final class ClientRecord {

    enum Kind { DEPOSIT, WITHDRAWAL, TRANSFER }

    /** An account the client opened; a probe account only takes the fault injector's probe transfers. */
    record Account(String iban, String bank, boolean hot, boolean probe) {
    }

    /** One operation: what was asked and, once known, the definitive answer. */
    static final class Operation {
        final long n;
        final Kind kind;
        final String key;
        final String iban;
        final String creditor;
        final long cents;
        final boolean interbank;
        final Instant sentAt;
        volatile int status = -1;
        volatile int attempts;
        volatile String transferId;
        volatile Instant answeredAt;
        /** For a transfer: its final status and failure reason, and when it became final (server time). */
        volatile String finalStatus;
        volatile String failureReason;
        volatile Instant finalAt;

        Operation(long n, Kind kind, String key, String iban, String creditor, long cents, boolean interbank) {
            this.n = n;
            this.kind = kind;
            this.key = key;
            this.iban = iban;
            this.creditor = creditor;
            this.cents = cents;
            this.interbank = interbank;
            this.sentAt = Instant.now();
        }

        boolean answered() {
            return status >= 200 && status < 500;
        }

        boolean accepted() {
            return status >= 200 && status < 300;
        }
    }

    final List<Account> accounts = new CopyOnWriteArrayList<>();
    final List<Operation> operations = new CopyOnWriteArrayList<>();
}
