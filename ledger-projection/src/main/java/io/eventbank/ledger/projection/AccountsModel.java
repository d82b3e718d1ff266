package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.eventbank.contracts.account.AccountClosedEvent;
import io.eventbank.contracts.account.AccountEvent;
import io.eventbank.contracts.account.AccountFrozenEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountStatus;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.account.AccountUnfrozenEvent;
import io.eventbank.contracts.account.BalanceChange;
import io.eventbank.contracts.account.OverdraftLimitSetEvent;
import io.eventbank.infrastructure.jdbc.BatchStatement;

/**
 * Accounts: customer, owner, bank, currency, balance, status and the sequence and time of their last event. A batch opens the
 * accounts it opens in one statement and changes the others in one more, each account once, with what its latest
 * events of the batch say. Every field comes with the sequence of the event that set it and changes only when that
 * sequence is past the row's: an event published twice (the outbox is at least once) changes nothing the second time.
 */
@Singleton
public final class AccountsModel implements ReadModel {

    /** What a batch's events say of one account: each field with the sequence of the event that set it. */
    private static final class Change {
        long balanceSequence = -1;
        long balance;
        long limitSequence = -1;
        long limit;
        long statusSequence = -1;
        String status;
        long version = -1;
        Instant at;
    }

    /** An account opened: its row, with no money yet. */
    private record Opened(int generation, String iban, String customerId, String owner, String bankCode,
            String currency, long overdraftLimit, AccountType type, long version, Instant openedAt,
            Instant lastEventAt) {
    }

    /** An account's change in a batch: each part with the sequence it was set at (-1: not set). */
    private record Changed(int generation, String iban, long balanceSeq, long balance, long limitSeq,
            long overdraftLimit, long statusSeq, String status, long version, Instant at) {
    }

    private static final BatchStatement<Opened> OPEN = BatchStatement.of(Opened.class, "insert into account"
            + " (generation, iban, customer_id, owner, bank_code, currency, balance, overdraft_limit, status, type,"
            + " version, opened_at, last_event_at) select generation, iban, customer_id, owner, bank_code, currency,"
            + " 0, overdraft_limit, 'OPEN', type, version, opened_at, last_event_at from {rows}"
            + " on conflict do nothing");

    private static final BatchStatement<Changed> CHANGE = BatchStatement.of(Changed.class, "update account a set"
            + " balance = case when v.balance_seq > a.version then v.balance else a.balance end,"
            + " overdraft_limit = case when v.limit_seq > a.version then v.overdraft_limit"
            + " else a.overdraft_limit end,"
            + " status = case when v.status_seq > a.version then v.status else a.status end,"
            + " version = v.version, last_event_at = v.at from {rows}"
            + " where a.generation = v.generation and a.iban = v.iban and a.version < v.version");

    private static final About ABOUT = new About("accounts", List.of(Topics.ACCOUNT_EVENTS), List.of("account"));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        List<Opened> opened = new ArrayList<>();
        Map<String, Change> changes = new LinkedHashMap<>();
        for (ProjectedRecord r : records) {
            Long sequence = r.envelope().sequence();
            if (sequence == null || !(r.event() instanceof AccountEvent event)) {
                continue; // a rejection for an account that does not exist
            }
            Instant at = r.envelope().timestamp();
            if (event instanceof AccountOpenedEvent o) {
                opened.add(new Opened(generation, o.iban(), o.customerId(), o.owner(), o.bankCode(), o.currency(),
                        o.overdraftLimit(), o.type(), sequence, at, at));
                continue;
            }
            Change change = changes.computeIfAbsent(event.iban(), i -> new Change());
            if (event instanceof BalanceChange moved && sequence > change.balanceSequence) {
                change.balanceSequence = sequence;
                change.balance = moved.balanceAfter();
            } else if (event instanceof OverdraftLimitSetEvent set && sequence > change.limitSequence) {
                change.limitSequence = sequence;
                change.limit = set.limit().minorUnits();
            } else if (statusAfter(event) != null && sequence > change.statusSequence) {
                change.statusSequence = sequence;
                change.status = statusAfter(event).name();
            }
            if (sequence > change.version) {
                change.version = sequence;
                change.at = at;
            }
        }
        OPEN.run(c, opened);
        List<Changed> rows = new ArrayList<>();
        changes.forEach((iban, ch) -> rows.add(new Changed(generation, iban, ch.balanceSequence, ch.balance,
                ch.limitSequence, ch.limit, ch.statusSequence, ch.status, ch.version, ch.at)));
        CHANGE.run(c, rows);
    }

    /** The status an account is in after a lifecycle event; null for any other event. */
    private static AccountStatus statusAfter(AccountEvent event) {
        if (event instanceof AccountFrozenEvent) {
            return AccountStatus.FROZEN;
        }
        if (event instanceof AccountUnfrozenEvent) {
            return AccountStatus.OPEN;
        }
        return event instanceof AccountClosedEvent ? AccountStatus.CLOSED : null;
    }
}
