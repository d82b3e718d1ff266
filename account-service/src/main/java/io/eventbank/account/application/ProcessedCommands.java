package io.eventbank.account.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.account.domain.LegNotTakenException;
import io.eventbank.account.domain.Outcome;
import io.eventbank.contracts.Clearing;
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
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

/**
 * Each transfer leg and each deposit or withdrawal counts once, for good: a command handler interceptor that, inside
 * the command's transaction, looks up the row of its (account, kind, id) in {@code processed_command} before the
 * aggregate sees it, and stores the outcome in it. A command whose row exists answers the stored outcome (as a
 * repeat) and never reaches the aggregate. The table, not the aggregate's state, remembers, so memory and snapshots
 * stay bounded. A refund reaches the aggregate only for a debit the account accepted, of the same amount.
 * <p>
 * A command of the API (a unit of work of its own) claims its row first, so that two deliveries at once wait for each
 * other on it. The legs of a Kafka poll (units of work nested in the poll's) are only looked up, all in one statement
 * before the first is handled ({@link #expect}), and their rows are written together in one statement as the poll
 * commits: a leg delivered twice at once then fails one of the polls on
 * the table's key, which rolls it back and handles its records again, one by one ({@code Batches}), to find the row.
 */
@ApplicationScoped
public class ProcessedCommands implements MessageHandlerInterceptor<CommandMessage<?>> {

    /** A command that counts once: the account, what it is, and its id. */
    public record Key(String iban, String kind, String id) {
    }

    /**
     * An outcome as stored: where its event is and when it was recorded, and of a deposit or withdrawal what it asked
     * (operation and reference; null for a leg).
     */
    public record Recorded(Outcome outcome, String outcomeAggregate, Long outcomeSequence, Instant at, Long amount,
            String operation, String reference) {
    }

    private static final String POLL = ProcessedCommands.class.getName() + ".poll";
    private static final int INSERT_CHUNK = 500;

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
        Rows rows = unitOfWork.parent().isPresent() ? pollRows(unitOfWork.root()) : new Claimed();
        try (Lazy c = new Lazy()) {
            Optional<Recorded> before = rows.before(c, key.get());
            if (before.isPresent()) {
                Recorded recorded = before.get();
                OperationRequest.of(command).ifPresent(request -> request.requireSameAs(recorded.operation(),
                        recorded.amount(), recorded.reference(), recorded.at()));
                return recorded.outcome().asRepeat();
            }
            if (command instanceof RefundDebitCommand refund && !rows.debited(c, refund)) {
                Outcome refused = Outcome.refused(AccountRefusal.NOT_DEBITED, 0, null);
                rows.record(c, new Row(key.get(), refused, refund.amount().minorUnits(), null, null));
                return refused;
            }
            Outcome outcome;
            try {
                outcome = (Outcome) chain.proceed();
            } catch (AggregateNotFoundException unknown) {
                if (!isLeg(command)) {
                    throw unknown; // an operation of the API: its caller answers 404, and nothing is kept
                }
                return rejectForUnknownAccount(c, rows, key.get(), unitOfWork.getMessage());
            }
            rows.record(c, new Row(key.get(), outcome, amountOf(command),
                    outcome.sequence() == null ? null : key.get().iban(), OperationRequest.of(command).orElse(null)));
            return outcome;
        }
    }

    /**
     * An outcome to store: the command's key, what it did, its amount and where its event is, and what a deposit or
     * withdrawal asked (null for a leg).
     */
    private record Row(Key key, Outcome outcome, Long amount, String outcomeAggregate, OperationRequest request) {

        String operation() {
            return request == null ? null : request.operation();
        }

        String reference() {
            return request == null ? null : request.reference();
        }
    }

    /** How a unit of work finds and writes its commands' rows. */
    private interface Rows {

        /** The row of a command handled before, if any; a claim on it for a command of its own. */
        Optional<Recorded> before(Lazy c, Key key) throws SQLException;

        boolean debited(Lazy c, RefundDebitCommand refund) throws SQLException;

        void record(Lazy c, Row row) throws SQLException;
    }

    /** A command in a unit of work of its own: claims its row first, and fills it in once handled. */
    private static final class Claimed implements Rows {

        @Override
        public Optional<Recorded> before(Lazy c, Key key) throws SQLException {
            if (claim(c.get(), key)) {
                return Optional.empty();
            }
            return Optional.of(find(c.get(), key).orElseThrow(
                    () -> new IllegalStateException("claimed but not recorded: " + key)));
        }

        @Override
        public boolean debited(Lazy c, RefundDebitCommand refund) throws SQLException {
            return ProcessedCommands.debited(c.get(), refund);
        }

        @Override
        public void record(Lazy c, Row row) throws SQLException {
            complete(c.get(), row);
        }
    }

    /** The legs of a poll: looked up one by one, written together as the poll commits. */
    private final class Poll implements Rows {

        private final Map<Key, Row> handled = new LinkedHashMap<>();
        /** The keys read before the legs were handled ({@link #expect}), and the rows among them that exist. */
        private final Set<Key> read = new HashSet<>();
        private final Map<Key, Recorded> found = new HashMap<>();

        @Override
        public Optional<Recorded> before(Lazy c, Key key) throws SQLException {
            Row here = handled.get(key);
            if (here != null) {
                return Optional.of(new Recorded(here.outcome(), here.outcomeAggregate(), here.outcome().sequence(),
                        Instant.now(), here.amount(), here.operation(), here.reference()));
            }
            if (read.contains(key)) {
                return Optional.ofNullable(found.get(key));
            }
            return find(c.get(), key);
        }

        void expect(Collection<Key> keys) throws SQLException {
            List<Key> unread = keys.stream().filter(key -> !read.contains(key)).distinct().toList();
            if (unread.isEmpty()) {
                return;
            }
            try (Connection c = dataSource.getConnection()) {
                found.putAll(findAll(c, unread));
            }
            read.addAll(unread);
        }

        @Override
        public boolean debited(Lazy c, RefundDebitCommand refund) throws SQLException {
            Row debit = handled.get(new Key(refund.iban(), "DEBIT", refund.transferId()));
            if (debit != null) {
                return debit.outcome().accepted() && debit.amount() == refund.amount().minorUnits();
            }
            return ProcessedCommands.debited(c.get(), refund);
        }

        @Override
        public void record(Lazy c, Row row) {
            handled.put(row.key(), row);
        }

        void write() throws SQLException {
            if (handled.isEmpty()) {
                return;
            }
            try (Connection c = dataSource.getConnection()) {
                insert(c, List.copyOf(handled.values()));
            }
        }
    }

    /**
     * The legs a poll brings, before they are handled (in the poll's unit of work): whether each was handled before is
     * read for all of them in one statement, instead of one statement a leg.
     */
    public void expect(Collection<Key> keys) {
        try {
            pollRows(CurrentUnitOfWork.get().root()).expect(keys);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the legs of a poll", e);
        }
    }

    /** The unit of work's connection, taken when a statement needs it (a leg whose row was read needs none). */
    private final class Lazy implements AutoCloseable {

        private Connection connection;

        Connection get() throws SQLException {
            if (connection == null) {
                connection = dataSource.getConnection();
            }
            return connection;
        }

        @Override
        public void close() throws SQLException {
            if (connection != null) {
                connection.close();
            }
        }
    }

    private Poll pollRows(UnitOfWork<?> poll) {
        return poll.getOrComputeResource(POLL, name -> {
            Poll rows = new Poll();
            poll.onPrepareCommit(u -> {
                try {
                    rows.write();
                } catch (SQLException e) {
                    throw new IllegalStateException("could not record the legs of a poll", e);
                }
            });
            return rows;
        });
    }

    /**
     * A leg for an account that does not exist: no aggregate holds the refusal, so the rejection is published on the
     * event store (it reaches Kafka too, and the saga can react), stored like any event that is no aggregate's (under
     * its own id, at sequence 0), and recorded as the leg's outcome, so that a later account with that IBAN never
     * sees the leg. It all happens in the leg's unit of work: nothing fails, nothing rolls back.
     */
    private Outcome rejectForUnknownAccount(Lazy c, Rows rows, Key key, CommandMessage<?> message)
            throws SQLException {
        if (Clearing.isClearingAccount(key.iban())) {
            // a bank's clearing account takes every leg: one missing is a broken platform, not a refusal
            throw new LegNotTakenException("clearing account " + key.iban() + " does not exist");
        }
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
        rows.record(c, new Row(key, refused, amount, event.getIdentifier(), null));
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

    private static void complete(Connection c, Row row) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update processed_command set accepted = ?, refusal = ?,"
                + " amount = ?, balance_after = ?, outcome_aggregate = ?, outcome_sequence = ?, processed_at = now(),"
                + " operation = ?, reference = ? where iban = ? and kind = ? and command_id = ?")) {
            Outcome outcome = row.outcome();
            update.setBoolean(1, outcome.accepted());
            update.setString(2, outcome.refusal() == null ? null : outcome.refusal().name());
            update.setObject(3, row.amount());
            update.setLong(4, outcome.balanceAfter());
            update.setString(5, row.outcomeAggregate());
            update.setObject(6, outcome.sequence());
            update.setString(7, row.operation());
            update.setString(8, row.reference());
            update.setString(9, row.key().iban());
            update.setString(10, row.key().kind());
            update.setString(11, row.key().id());
            update.executeUpdate();
        }
    }

    /** The rows of a poll's legs, a few hundred to a statement; a row that exists fails the poll's transaction. */
    private static void insert(Connection c, List<Row> rows) throws SQLException {
        for (int from = 0; from < rows.size(); from += INSERT_CHUNK) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + INSERT_CHUNK));
            StringBuilder sql = new StringBuilder("insert into processed_command (iban, kind, command_id, accepted,"
                    + " refusal, amount, balance_after, outcome_aggregate, outcome_sequence) values ");
            for (int i = 0; i < chunk.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?, ?)");
            }
            try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
                int p = 1;
                for (Row row : chunk) {
                    Outcome outcome = row.outcome();
                    insert.setString(p++, row.key().iban());
                    insert.setString(p++, row.key().kind());
                    insert.setString(p++, row.key().id());
                    insert.setBoolean(p++, outcome.accepted());
                    insert.setString(p++, outcome.refusal() == null ? null : outcome.refusal().name());
                    insert.setObject(p++, row.amount());
                    insert.setLong(p++, outcome.balanceAfter());
                    insert.setString(p++, row.outcomeAggregate());
                    insert.setObject(p++, outcome.sequence());
                }
                insert.executeUpdate();
            }
        }
    }

    private static Optional<Recorded> find(Connection c, Key key) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select " + RECORDED + " from processed_command"
                + " where iban = ? and kind = ? and command_id = ?")) {
            query.setString(1, key.iban());
            query.setString(2, key.kind());
            query.setString(3, key.id());
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(recorded(row)) : Optional.empty();
            }
        }
    }

    /** The rows that exist among {@code keys}, in one statement. */
    private static Map<Key, Recorded> findAll(Connection c, List<Key> keys) throws SQLException {
        try (PreparedStatement query = c.prepareStatement("select " + RECORDED + ", iban, kind, command_id"
                + " from processed_command where (iban, kind, command_id) in"
                + " (select * from unnest(?::varchar[], ?::varchar[], ?::varchar[]))")) {
            query.setArray(1, c.createArrayOf("varchar", keys.stream().map(Key::iban).toArray()));
            query.setArray(2, c.createArrayOf("varchar", keys.stream().map(Key::kind).toArray()));
            query.setArray(3, c.createArrayOf("varchar", keys.stream().map(Key::id).toArray()));
            Map<Key, Recorded> found = new HashMap<>();
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    found.put(new Key(row.getString(10), row.getString(11), row.getString(12)), recorded(row));
                }
            }
            return found;
        }
    }

    private static final String RECORDED = "accepted, refusal, balance_after, outcome_aggregate, outcome_sequence,"
            + " processed_at, amount, operation, reference";

    /** A row's outcome, from the columns of {@link #RECORDED}. */
    private static Recorded recorded(ResultSet row) throws SQLException {
        Long sequence = (Long) row.getObject(5);
        AccountRefusal refusal = row.getString(2) == null ? null : AccountRefusal.valueOf(row.getString(2));
        Outcome outcome = new Outcome(row.getBoolean(1), refusal, row.getLong(3), sequence, false);
        Timestamp at = row.getTimestamp(6);
        return new Recorded(outcome, row.getString(4), sequence, at.toInstant(), (Long) row.getObject(7),
                row.getString(8), row.getString(9));
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
