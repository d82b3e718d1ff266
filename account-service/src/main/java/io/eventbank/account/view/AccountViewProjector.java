package io.eventbank.account.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;

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
import io.eventbank.contracts.account.AccountUnfrozenEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.contracts.account.MoneyDepositedEvent;
import io.eventbank.contracts.account.MoneyWithdrawnEvent;
import io.eventbank.contracts.account.OverdraftLimitSetEvent;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;

/** Keeps {@code account_view} in step with the events, in the transaction that appends them. */
@Singleton
public class AccountViewProjector {

    @Inject
    DataSource dataSource;

    @EventHandler
    void on(AccountOpenedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update("insert into account_view (iban, customer_id, owner, bank_code, currency, balance, overdraft_limit,"
                        + " status, type, version, opened_at, updated_at) values (?, ?, ?, ?, ?, 0, ?, 'OPEN', ?, ?, ?, ?)",
                event.iban(), event.customerId(), event.owner(), event.bankCode(), event.currency(), event.overdraftLimit(),
                event.type().name(), sequence, java.sql.Timestamp.from(at), java.sql.Timestamp.from(at));
    }

    @EventHandler
    void on(MoneyDepositedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance(event, event.balanceAfter(), sequence, at);
    }

    @EventHandler
    void on(MoneyWithdrawnEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance(event, event.balanceAfter(), sequence, at);
    }

    @EventHandler
    void on(AccountDebitedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance(event, event.balanceAfter(), sequence, at);
    }

    @EventHandler
    void on(AccountCreditedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance(event, event.balanceAfter(), sequence, at);
    }

    @EventHandler
    void on(DebitRefundedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        balance(event, event.balanceAfter(), sequence, at);
    }

    @EventHandler
    void on(OverdraftLimitSetEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        update("update account_view set overdraft_limit = ?, version = ?, updated_at = ? where iban = ?",
                event.limit().minorUnits(), sequence, java.sql.Timestamp.from(at), event.iban());
    }

    @EventHandler
    void on(AccountFrozenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event, AccountStatus.FROZEN, sequence, at);
    }

    @EventHandler
    void on(AccountUnfrozenEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event, AccountStatus.OPEN, sequence, at);
    }

    @EventHandler
    void on(AccountClosedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        status(event, AccountStatus.CLOSED, sequence, at);
    }

    @EventHandler
    void on(AccountDebitRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        version(event, sequence, at);
    }

    @EventHandler
    void on(AccountCreditRejectedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        version(event, sequence, at);
    }

    private void version(AccountEvent event, long sequence, Instant at) {
        update("update account_view set version = ?, updated_at = ? where iban = ?",
                sequence, java.sql.Timestamp.from(at), event.iban());
    }

    private void balance(AccountEvent event, long balance, long sequence, Instant at) {
        update("update account_view set balance = ?, version = ?, updated_at = ? where iban = ?",
                balance, sequence, java.sql.Timestamp.from(at), event.iban());
    }

    private void status(AccountEvent event, AccountStatus status, long sequence, Instant at) {
        update("update account_view set status = ?, version = ?, updated_at = ? where iban = ?",
                status.name(), sequence, java.sql.Timestamp.from(at), event.iban());
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not update the account view", e);
        }
    }
}
