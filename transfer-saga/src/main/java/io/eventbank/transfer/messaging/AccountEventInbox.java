package io.eventbank.transfer.messaging;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.eventbank.contracts.account.AccountCreditRejectedEvent;
import io.eventbank.contracts.account.AccountCreditedEvent;
import io.eventbank.contracts.account.AccountDebitRejectedEvent;
import io.eventbank.contracts.account.AccountDebitedEvent;
import io.eventbank.contracts.account.DebitRefundedEvent;
import io.eventbank.infrastructure.axon.Envelopes;
import io.eventbank.infrastructure.health.HeldRecords;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.Retrying;
import io.eventbank.transfer.config.AxonSetup;
import io.eventbank.transfer.config.TransferConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Blocking;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The inbox of account events: the results of the legs this service asked for, read from
 * {@code bank.account.events}. Each is appended to the transfer event store under its own event id, which is unique
 * there, so a redelivered event is refused by the database and the saga sees every event once. Other account events
 * (deposits, openings) are skipped. An event is tried until it is stored (the partition is held meanwhile); only one
 * that cannot be read goes to {@code bank.account.events.dlq}.
 */
@ApplicationScoped
public class AccountEventInbox {

    private static final Logger LOG = Logger.getLogger(AccountEventInbox.class);

    @Inject
    EventStore eventStore;
    @Inject
    TransactionManager transactions;
    @Inject
    Serializer serializer;
    @Inject
    TransferConfig config;
    @Inject
    AxonSetup axon;

    @Inject
    HeldRecords held;
    @Inject
    DataSource dataSource;

    private Envelopes envelopes;
    private Retrying retrying;

    @PostConstruct
    void init() {
        envelopes = new Envelopes(serializer, "/eventbank/transfer-saga");
        retrying = new Retrying("account-events", config.inbox().backoff(), config.inbox().maxBackoff(), held);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        retrying.stop();
    }

    @Incoming("account-events")
    @Blocking
    public void receive(ConsumerRecord<String, String> record) {
        axon.awaitStarted();
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (!isLegResult(envelope.type())) {
            return;
        }
        Object event = envelopes.payloadOf(envelope);
        retrying.run(envelope.simpleType() + " " + envelope.id(), () -> store(envelope, event));
    }

    private void store(EventEnvelope envelope, Object event) {
        if (inInbox(envelope.id())) {
            // looked up first: an append refused as a duplicate would leave a gap in the global index, and many
            // gaps slow down every processor that reads the store
            LOG.debugf("%s %s is in the inbox already", envelope.simpleType(), envelope.id());
            return;
        }
        var message = new GenericEventMessage<>(envelope.id(), event, Envelopes.metaDataOf(envelope),
                envelope.timestamp() != null ? envelope.timestamp() : java.time.Instant.now());
        try {
            transactions.executeInTransaction(() -> eventStore.publish(message));
        } catch (ConcurrencyException duplicate) {
            LOG.debugf("%s %s is in the inbox already", envelope.simpleType(), envelope.id());
        }
    }

    private boolean inInbox(String eventId) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select 1 from domainevententry where eventidentifier = ?")) {
            query.setString(1, eventId);
            try (ResultSet row = query.executeQuery()) {
                return row.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look into the inbox", e);
        }
    }

    static boolean isLegResult(String type) {
        return type.equals(AccountDebitedEvent.class.getName())
                || type.equals(AccountDebitRejectedEvent.class.getName())
                || type.equals(AccountCreditedEvent.class.getName())
                || type.equals(AccountCreditRejectedEvent.class.getName())
                || type.equals(DebitRefundedEvent.class.getName());
    }
}
