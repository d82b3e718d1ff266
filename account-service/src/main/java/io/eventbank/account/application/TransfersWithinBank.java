package io.eventbank.account.application;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.account.domain.BankAccount;
import io.eventbank.account.domain.BookCreditCommand;
import io.eventbank.account.domain.BookDebitCommand;
import io.eventbank.account.domain.Outcome;
import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.Money;
import io.eventbank.contracts.MoneyRange;
import io.eventbank.contracts.account.AccountRefusal;
import io.eventbank.infrastructure.axon.AxonRuntime;
import io.eventbank.infrastructure.axon.RequestCorrelation;
import io.eventbank.infrastructure.rest.ProblemType;
import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.modelling.command.Aggregate;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.Repository;

/**
 * Transfers within one bank, booked by account-service alone: one unit of work and one transaction take both accounts'
 * locks in IBAN order (two opposite transfers cannot wait for each other), ask the payee whether it takes the money,
 * then debit the payer and credit the payee; both events are appended together as it commits. The transfer is final
 * then: COMPLETED (two events), or FAILED with the payer's or the payee's reason, having moved nothing (one event, the
 * payer's refusal). No saga, no Kafka hop, no refund.
 * <p>
 * Once per caller's key: the transfer's row in {@code transfer_booking} is claimed first, in the same transaction, so a
 * retry (even one at the same moment, which waits on the key) finds the transfer it made and moves nothing; the same
 * key with another request is refused (422). A crash before the commit leaves nothing, neither row nor event.
 */
@ApplicationScoped
public class TransfersWithinBank {

    /**
     * A transfer as booked, with its events ({@code timeline}: the payer's, then the payee's when it was credited);
     * {@code replayed}: an earlier request with the key made it.
     */
    public record Booking(String transferId, String debtorIban, String creditorIban, Money amount, String reference,
            String status, String failureReason, long version, Instant bookedAt, List<Event> timeline,
            boolean replayed) {

        public boolean completed() {
            return status.equals("COMPLETED");
        }
    }

    /** One event of a booking: its type (without package), when it was appended and its id. */
    public record Event(String type, Instant at, String id) {
    }

    /** What a request asks: a key used again must ask the same. */
    private record Asked(String debtorIban, String creditorIban, Money amount, String reference) {
    }

    private static final int DEADLOCK_TRIES = 5;

    @Inject
    AxonRuntime axon;
    @Inject
    DataSource dataSource;
    @Inject
    MoneyRange moneyRange;
    @Inject
    MeterRegistry meters;

    private volatile Repository<BankAccount> accounts;

    public Booking book(String debtorIban, String creditorIban, Money amount, String reference, String callerKey,
            String correlation) {
        if (!Clearing.isBetweenCustomersOfOneBank(debtorIban, creditorIban)) {
            throw ProblemType.NOT_WITHIN_ONE_BANK.exception(
                    "account-service books transfers between two customer accounts of one bank; "
                            + Iban.printable(debtorIban) + " to " + Iban.printable(creditorIban) + " is not one",
                    "creditorIban");
        }
        Asked asked = new Asked(debtorIban, creditorIban, amount, reference);
        for (int attempt = 1; ; attempt++) {
            try {
                Booking booking = withTimeline(axon.inOneTransaction(() -> bookOnce(asked, callerKey,
                        correlation)));
                if (!booking.replayed()) {
                    // committed: counted as transfer-saga counts the transfers it finishes
                    meters.counter("eventbank.transfers", "status", booking.status(), "reason",
                            booking.failureReason() == null ? "none" : booking.failureReason()).increment();
                }
                return booking;
            } catch (DeadlockException e) {
                // a poll of legs held one of the accounts and waited for the other: its unit of work or this one gives
                // way; nothing of this one was kept
                if (attempt == DEADLOCK_TRIES) {
                    throw e;
                }
            }
        }
    }

    /** The transfer's row, while the ledger may not show it yet. */
    public Optional<Booking> find(String transferId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select " + COLUMNS + " from transfer_booking where transfer_id = ?")) {
            query.setString(1, transferId);
            try (ResultSet row = query.executeQuery()) {
                return row.next() ? Optional.of(withTimeline(booking(row, false))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read transfer " + transferId, e);
        }
    }

    /** The booking with its events as the event store has them (committed by now), ids included. */
    private Booking withTimeline(Booking booking) {
        List<Event> timeline = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select e.payloadtype, e.\"timestamp\", e.eventidentifier from transfer_booking b"
                        + " join domainevententry e on (e.aggregateidentifier = b.debtor_iban"
                        + " and e.sequencenumber = b.payer_sequence) or (e.aggregateidentifier = b.creditor_iban"
                        + " and e.sequencenumber = b.payee_sequence)"
                        + " where b.transfer_id = ? order by e.aggregateidentifier = b.creditor_iban")) {
            query.setString(1, booking.transferId());
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String type = rows.getString(1);
                    timeline.add(new Event(type.substring(type.lastIndexOf('.') + 1), Instant.parse(rows.getString(2)),
                            rows.getString(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the events of transfer " + booking.transferId(), e);
        }
        return new Booking(booking.transferId(), booking.debtorIban(), booking.creditorIban(), booking.amount(),
                booking.reference(), booking.status(), booking.failureReason(), booking.version(), booking.bookedAt(),
                List.copyOf(timeline), booking.replayed());
    }

    private Booking bookOnce(Asked asked, String callerKey, String correlation) throws SQLException {
        String transferId = UUID.randomUUID().toString();
        try (Connection c = dataSource.getConnection()) {
            Optional<Booking> earlier = claim(c, transferId, asked, callerKey, correlation);
            if (earlier.isPresent()) {
                return earlier.get();
            }
            Aggregate<BankAccount> payer;
            AccountRefusal payeeRefusal;
            // both locks in IBAN order, held to the commit
            if (asked.debtorIban().compareTo(asked.creditorIban()) < 0) {
                payer = payer(asked.debtorIban());
                payeeRefusal = payeeRefusal(asked);
            } else {
                payeeRefusal = payeeRefusal(asked);
                payer = payer(asked.debtorIban());
            }
            Map<String, Object> metaData = Map.of(RequestCorrelation.CORRELATION_ID,
                    correlation != null ? correlation : transferId);
            Outcome debit = axon.batchCommands().sendAndWait(GenericCommandMessage.asCommandMessage(
                    new BookDebitCommand(payer.identifierAsString(), transferId, asked.amount(), asked.creditorIban(),
                            asked.reference(), payeeRefusal)).andMetaData(metaData));
            Booking booking;
            Long payeeSequence = null;
            if (debit.accepted()) {
                Outcome credit = axon.batchCommands().sendAndWait(GenericCommandMessage.asCommandMessage(
                        new BookCreditCommand(asked.creditorIban(), transferId, asked.amount(), asked.debtorIban(),
                                asked.reference())).andMetaData(metaData));
                payeeSequence = credit.sequence();
                booking = new Booking(transferId, asked.debtorIban(), asked.creditorIban(), asked.amount(),
                        asked.reference(), "COMPLETED", null, 1, Instant.now(), List.of(), false);
            } else {
                booking = new Booking(transferId, asked.debtorIban(), asked.creditorIban(), asked.amount(),
                        asked.reference(), "FAILED", debit.refusal().name(), 0, Instant.now(), List.of(), false);
            }
            complete(c, booking, debit.sequence(), payeeSequence);
            return booking;
        }
    }

    private Aggregate<BankAccount> payer(String iban) {
        try {
            return accounts().load(iban);
        } catch (AggregateNotFoundException e) {
            throw ProblemType.UNKNOWN_ACCOUNT.exception("no account " + Iban.printable(iban), "debtorIban");
        }
    }

    /** Whether the payee takes the money, asked with its lock held: an account that does not exist does not. */
    private AccountRefusal payeeRefusal(Asked asked) {
        Aggregate<BankAccount> payee;
        try {
            payee = accounts().load(asked.creditorIban());
        } catch (AggregateNotFoundException e) {
            return AccountRefusal.UNKNOWN_ACCOUNT;
        }
        return payee.invoke(account -> account.refusalAsPayee(asked.amount(), moneyRange));
    }

    private Repository<BankAccount> accounts() {
        if (accounts == null) {
            accounts = axon.configuration().repository(BankAccount.class);
        }
        return accounts;
    }

    /**
     * Claims the key for a new transfer: empty when this request makes it; the transfer an earlier request with the
     * key made (the same request); or a refusal (another request). Without a key every request is a transfer.
     */
    private static Optional<Booking> claim(Connection c, String transferId, Asked asked, String callerKey,
            String correlation) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("insert into transfer_booking (transfer_id, caller_key,"
                + " debtor_iban, creditor_iban, amount, currency, reference, status, version, correlation_id)"
                + " values (?, ?, ?, ?, ?, ?, ?, 'BOOKING', 0, ?) on conflict (caller_key) do nothing")) {
            insert.setString(1, transferId);
            insert.setString(2, callerKey);
            insert.setString(3, asked.debtorIban());
            insert.setString(4, asked.creditorIban());
            insert.setLong(5, asked.amount().minorUnits());
            insert.setString(6, asked.amount().currency());
            insert.setString(7, asked.reference());
            insert.setString(8, correlation);
            if (insert.executeUpdate() == 1) {
                return Optional.empty();
            }
        }
        try (PreparedStatement query = c.prepareStatement(
                "select " + COLUMNS + " from transfer_booking where caller_key = ?")) {
            query.setString(1, callerKey);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Booking earlier = booking(row, true);
                if (!new Asked(earlier.debtorIban(), earlier.creditorIban(), earlier.amount(), earlier.reference())
                        .equals(asked)) {
                    throw ProblemType.IDEMPOTENCY_KEY_REUSED.exception("the Idempotency-Key was used at "
                            + earlier.bookedAt() + " for a transfer of " + earlier.amount() + " from "
                            + Iban.printable(earlier.debtorIban()) + " to "
                            + Iban.printable(earlier.creditorIban()) + ", reference "
                            + (earlier.reference() == null ? "none" : "\"" + earlier.reference() + "\""),
                            "Idempotency-Key");
                }
                return Optional.of(earlier);
            }
        }
    }

    private static void complete(Connection c, Booking booking, Long payerSequence, Long payeeSequence)
            throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update transfer_booking set status = ?,"
                + " failure_reason = ?, version = ?, booked_at = ?, payer_sequence = ?, payee_sequence = ?"
                + " where transfer_id = ?")) {
            update.setString(1, booking.status());
            update.setString(2, booking.failureReason());
            update.setLong(3, booking.version());
            update.setTimestamp(4, Timestamp.from(booking.bookedAt()));
            update.setObject(5, payerSequence);
            update.setObject(6, payeeSequence);
            update.setString(7, booking.transferId());
            update.executeUpdate();
        }
    }

    private static final String COLUMNS = "transfer_id, debtor_iban, creditor_iban, amount, currency, reference,"
            + " status, failure_reason, version, booked_at";

    private static Booking booking(ResultSet row, boolean replayed) throws SQLException {
        return new Booking(row.getString(1), row.getString(2), row.getString(3), Money.of(row.getLong(4),
                row.getString(5)), row.getString(6), row.getString(7), row.getString(8), row.getLong(9),
                row.getTimestamp(10).toInstant(), List.of(), replayed);
    }
}
