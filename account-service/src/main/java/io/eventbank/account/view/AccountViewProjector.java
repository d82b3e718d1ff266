package io.eventbank.account.view;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.eventbank.contracts.account.AccountClosedEvent;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.AccountEvent;
import io.eventbank.contracts.account.AccountFrozenEvent;
import io.eventbank.contracts.account.AccountOpenedEvent;
import io.eventbank.contracts.account.AccountStatus;
import io.eventbank.contracts.account.AccountType;
import io.eventbank.contracts.account.AccountUnfrozenEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.account.MoneyWithdrawnEvent;
import io.eventbank.contracts.account.OverdraftLimitSetEvent;
import io.eventbank.infrastructure.jdbc.BatchStatement;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Keeps {@code account_view} in step with the events, in the transaction that appends them. The events of one unit
 * of work (one command, or a poll of legs) are written together when it commits: the accounts it opens in one
 * statement, and each other account it changes once, with the state its last event left, in one more.
 */
@Singleton
public class AccountViewProjector {

    private static final String PENDING = AccountViewProjector.class.getName() + ".pending";

    @Inject
    DataSource dataSource;

    /** What the events of one unit of work do to one account's view; null: unchanged. */
    private static final class Change {
        Long balance;
        Long overdraftLimit;
        String status;
        long version;
        Instant at;
    }

    /** The accounts opened and the accounts changed by one unit of work. */
    private static final class Pending {
        final List<Opened> opened = new ArrayList<>();
        final Map<String, Change> changed = new LinkedHashMap<>();
    }

    /** An account opened: its view's row, with no money yet. */
    private record Opened(String iban, String customerId, String owner, String bankCode, String currency,
            long overdraftLimit, AccountType type, long version, Instant openedAt, Instant updatedAt) {
    }

    /** An account changed: what its last event in the unit of work left (null: unchanged). */
    private record Changed(String iban, Long balance, Long overdraftLimit, String status, long version, Instant at) {
    }

    private static final BatchStatement<Opened> OPEN = BatchStatement.of(Opened.class, "insert into account_view"
            + " (iban, customer_id, owner, bank_code, currency, balance, overdraft_limit, status, type, version,"
            + " opened_at, updated_at) select iban, customer_id, owner, bank_code, currency, 0, overdraft_limit,"
            + " 'OPEN', type, version, opened_at, updated_at from {rows}");

    private static final BatchStatement<Changed> CHANGE = BatchStatement.of(Changed.class, "update account_view a"
            + " set balance = coalesce(v.balance, a.balance),"
            + " overdraft_limit = coalesce(v.overdraft_limit, a.overdraft_limit),"
            + " status = coalesce(v.status, a.status), version = v.version, updated_at = v.at"
            + " from {rows} where a.iban = v.iban");

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        pending().opened.add(new Opened(event.iban(), event.customerId(), event.owner(), event.bankCode(),
                event.currency(), event.overdraftLimit(), event.type(), sequence, at, at));
    }

    @EventHandler
    void on(MoneyDepositedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).balance = event.balanceAfter();
    }

    @EventHandler
    void on(MoneyWithdrawnEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).balance = event.balanceAfter();
    }

    @EventHandler
    void on(AccountDebitedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).balance = event.balanceAfter();
    }

    @EventHandler
    void on(AccountCreditedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).balance = event.balanceAfter();
    }

    @EventHandler
    void on(DebitRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).balance = event.balanceAfter();
    }

    @EventHandler
    void on(OverdraftLimitSetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).overdraftLimit = event.limit().minorUnits();
    }

    @EventHandler
    void on(AccountFrozenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).status = AccountStatus.FROZEN.name();
    }

    @EventHandler
    void on(AccountUnfrozenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).status = AccountStatus.OPEN.name();
    }

    @EventHandler
    void on(AccountClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at).status = AccountStatus.CLOSED.name();
    }

    @EventHandler
    void on(AccountDebitRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at);
    }

    @EventHandler
    void on(AccountCreditRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        change(event, sequence, at);
    }

    /** The account's change in this unit of work, moved to this event's sequence (events come in order). */
    private Change change(AccountEvent event, long sequence, Instant at) {
        Change change = pending().changed.computeIfAbsent(event.iban(), iban -> new Change());
        change.version = sequence;
        change.at = at;
        return change;
    }

    private Pending pending() {
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(PENDING, key -> {
            Pending pending = new Pending();
            unitOfWork.onPrepareCommit(u -> write(pending));
            return pending;
        });
    }

    private void write(Pending pending) {
        List<Changed> changed = new ArrayList<>();
        pending.changed.forEach((iban, c) -> changed.add(new Changed(iban, c.balance, c.overdraftLimit, c.status,
                c.version, c.at)));
        try (Connection connection = dataSource.getConnection()) {
            OPEN.run(connection, pending.opened);
            CHANGE.run(connection, changed);
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the account view", e);
        }
    }
}
