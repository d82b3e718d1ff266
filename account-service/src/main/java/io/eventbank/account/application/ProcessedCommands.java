package io.eventbank.account.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.account.domain.Outcome;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.contracts.account.CreditAccountCommand;
import io.eventbank.contracts.account.DebitAccountCommand;
import io.eventbank.account.domain.DepositMoneyCommand;
import io.eventbank.contracts.account.RefundDebitCommand;
import io.eventbank.account.domain.WithdrawMoneyCommand;
import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Each transfer leg and each deposit or withdrawal counts once, for good: a command handler interceptor that, inside
 * the command's transaction, claims the row of its (account, kind, id) in {@code processed_command} before the
 * aggregate sees it, and stores the outcome with it. A command whose row exists answers the stored outcome (as a
 * repeat) and never reaches the aggregate; two deliveries at once wait for each other on the row. The table, not the
 * aggregate's state, remembers, so memory and snapshots stay bounded. A refund reaches the aggregate only for a debit
 * the account accepted, of the same amount.
 */
@ApplicationScoped
public class ProcessedCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** A command that counts once: the account, what it is, and its id. */
    public record Key(String iban, String kind, String id) {
    }

    /** An outcome as stored: where its event is and when it was recorded. */
    public record Recorded(Outcome outcome, String outcomeAggregate, Long outcomeSequence, Instant at) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    EventStore eventStore;

    public static Optional<Key> keyOf(Object command) {
        if (command instanceof DebitAccountCommand debit) {
            return Optional.of(new Key(debit.iban(), "DEBIT", debit.transferId()));
        } else if (command instanceof CreditAccountCommand credit) {
            return Optional.of(new Key(credit.iban(), "CREDIT", credit.transferId()));
        } else if (command instanceof RefundDebitCommand refund) {
            return Optional.of(new Key(refund.iban(), "REFUND", refund.transferId()));
        } else if (command instanceof DepositMoneyCommand deposit) {
            return Optional.of(new Key(deposit.iban(), "OPERATION", deposit.operationId()));
        } else if (command instanceof WithdrawMoneyCommand withdrawal) {
            return Optional.of(new Key(withdrawal.iban(), "OPERATION", withdrawal.operationId()));
        }
        return Optional.empty();
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        Object command = unitOfWork.getMessage().getPayload();
        Optional<Key> key = keyOf(command);
        if (key.isEmpty()) {
            return chain.proceed();
        }
        try (Connection c = dataSource.getConnection()) {
            if (!claim(c, key.get())) {
                return find(c, key.get()).orElseThrow(() -> new IllegalStateException("claimed but not recorded: "
                        + key.get())).outcome().asRepeat();
            }
            if (command instanceof RefundDebitCommand refund && !debited(c, refund)) {
                Outcome refused = Outcome.refused(AccountRefusal.NOT_DEBITED, 0, null);
                complete(c, key.get(), refused, refund.amount().minorUnits(), null);
                return refused;
            }
            Outcome outcome;
            try {
                outcome = (Outcome) chain.proceed();
            } catch (AggregateNotFoundException unknown) {
                if (!isLeg(command)) {
                    throw unknown; // an operation of the API: its caller answers 404, and nothing is kept
                }
                return rejectForUnknownAccount(c, key.get(), unitOfWork.getMessage());
            }
            complete(c, key.get(), outcome, amountOf(command), outcome.sequence() == null ? null : key.get().iban());
            return outcome;
        }
    }

    /**
     * A leg for an account that does not exist: no aggregate holds the refusal, so the rejection is published on the
     * event store (it reaches Kafka too, and the saga can react), stored like any event that is no aggregate's (under
     * its own id, at sequence 0), and recorded as the leg's outcome, so that a later account with that IBAN never
     * sees the leg. It all happens in the leg's unit of work: nothing fails, nothing rolls back.
     */
    private Outcome rejectForUnknownAccount(Connection c, Key key, CommandMessage<?> message) throws SQLException {
        Object rejection;
        long amount;
        if (message.getPayload() instanceof DebitAccountCommand debit) {
            rejection = new AccountDebitRejectedEvent(debit.iban(), debit.transferId(), debit.amount(),
                    AccountRefusal.UNKNOWN_ACCOUNT);
            amount = debit.amount().minorUnits();
        } else if (message.getPayload() instanceof CreditAccountCommand credit) {
            rejection = new AccountCreditRejectedEvent(credit.iban(), credit.transferId(), credit.amount(),
                    AccountRefusal.UNKNOWN_ACCOUNT);
            amount = credit.amount().minorUnits();
        } else {
            throw new MalformedMessageException("a refund for an account that does not exist: " + key.iban());
        }
        Object correlation = message.getMetaData().get(RequestCorrelation.CORRELATION_ID);
        EventMessage<Object> event = GenericEventMessage.asEventMessage(rejection).andMetaData(Map.of(
                RequestCorrelation.CORRELATION_ID, correlation != null ? correlation : message.getIdentifier(),
                RequestCorrelation.CAUSATION_ID, message.getIdentifier()));
        eventStore.publish(event);
        Outcome refused = Outcome.refused(AccountRefusal.UNKNOWN_ACCOUNT, 0, 0L);
        complete(c, key, refused, amount, event.getIdentifier());
        return refused;
    }

    private static boolean isLeg(Object command) {
        return command instanceof DebitAccountCommand || command instanceof CreditAccountCommand
                || command instanceof RefundDebitCommand;
    }

    public Optional<Recorded> find(Key key) {
        try (Connection c = dataSource.getConnection()) {
            return find(c, key);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + key, e);
        }
    }

    private static boolean claim(Connection c, Key key) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into processed_command (iban, kind, command_id,"
                + " accepted, balance_after) values (?, ?, ?, false, 0) on conflict do nothing")) {
            insert.setString(1, key.iban());
            insert.setString(2, key.kind());
            insert.setString(3, key.id());
            return insert.executeUpdate() == 1;
        }
    }

    private static void complete(Connection c, Key key, Outcome outcome, Long amount, String outcomeAggregate)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update processed_command set accepted = ?, refusal = ?,"
                + " amount = ?, balance_after = ?, outcome_aggregate = ?, outcome_sequence = ?, processed_at = now()"
                + " where iban = ? and kind = ? and command_id = ?")) {
            update.setBoolean(1, outcome.accepted());
            update.setString(2, outcome.refusal() == null ? null : outcome.refusal().name());
            update.setObject(3, amount);
            update.setLong(4, outcome.balanceAfter());
            update.setString(5, outcomeAggregate);
            update.setObject(6, outcome.sequence());
            update.setString(7, key.iban());
            update.setString(8, key.kind());
            update.setString(9, key.id());
            update.executeUpdate();
        }
    }

    private static Optional<Recorded> find(Connection c, Key key) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select accepted, refusal, balance_after,"
                + " outcome_aggregate, outcome_sequence, processed_at from processed_command"
                + " where iban = ? and kind = ? and command_id = ?")) {
            query.setString(1, key.iban());
            query.setString(2, key.kind());
            query.setString(3, key.id());
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Long sequence = (Long) row.getObject(5);
                AccountRefusal refusal = row.getString(2) == null ? null : AccountRefusal.valueOf(row.getString(2));
                Outcome outcome = new Outcome(row.getBoolean(1), refusal, row.getLong(3), sequence, false);
                Timestamp at = row.getTimestamp(6);
                return Optional.of(new Recorded(outcome, row.getString(4), sequence, at.toInstant()));
            }
        }
    }

    private static boolean debited(Connection c, RefundDebitCommand refund) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select 1 from processed_command where iban = ?"
                + " and kind = 'DEBIT' and command_id = ? and accepted and amount = ?")) {
            query.setString(1, refund.iban());
            query.setString(2, refund.transferId());
            query.setLong(3, refund.amount().minorUnits());
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        }
    }

    private static Long amountOf(Object command) {
        if (command instanceof DebitAccountCommand debit) {
            return debit.amount().minorUnits();
        } else if (command instanceof CreditAccountCommand credit) {
            return credit.amount().minorUnits();
        } else if (command instanceof RefundDebitCommand refund) {
            return refund.amount().minorUnits();
        } else if (command instanceof DepositMoneyCommand deposit) {
            return deposit.amount().minorUnits();
        } else if (command instanceof WithdrawMoneyCommand withdrawal) {
            return withdrawal.amount().minorUnits();
        }
        return null;
    }
}
