package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Singleton;

import io.eventbank.contracts.account.AccountEvent;
import io.eventbank.contracts.account.LegAnswer;
import io.eventbank.contracts.transfer.AccountLegRequestedEvent;
import io.eventbank.contracts.transfer.TransferEvent;
import io.eventbank.infrastructure.jdbc.BatchStatement;

/**
 * The audit log: every event of both topics with its metadata and where it was on Kafka, in one statement per batch
 * (one array per column, so that the statement is the same for every batch and prepared once). Each event has a
 * position; an event keeps the position an earlier generation gave it, so that live streams that resume after an
 * event id (which the audit position orders) see neither gaps nor repeats across a replay. New events take new
 * positions in the order of the batch.
 */
@Singleton
public final class AuditModel implements ReadModel {

    /** An event of the log, where it was on Kafka, and what the filters find it by. */
    private record Logged(int generation, String eventId, String type, String aggregateId, Long sequence,
            Instant occurredAt, String correlationId, String causationId, String source, String topic, int partition,
            long kafkaOffset, String iban, String transferId, String payload) {
    }

    private static final BatchStatement<Logged> WRITE = BatchStatement.of(Logged.class, "insert into audit_event"
            + " (position, generation, event_id, type, aggregate_id, sequence, occurred_at, correlation_id,"
            + " causation_id, source, topic, partition, kafka_offset, iban, transfer_id, payload)"
            + " select coalesce((select max(a.position) from audit_event a"
            + " where a.event_id = v.event_id and a.generation <> v.generation),"
            + " nextval('audit_event_position_seq')), v.generation, v.event_id, v.type, v.aggregate_id,"
            + " v.sequence, v.occurred_at, v.correlation_id, v.causation_id, v.source, v.topic, v.partition,"
            + " v.kafka_offset, v.iban, v.transfer_id, v.payload from {numbered rows} order by v.n"
            + " on conflict do nothing");

    private static final About ABOUT = new About("audit", List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS),
            List.of("audit_event"));

    @Override
    public About about() {
        return ABOUT;
    }

    /**
     * One statement: each event gets the position an earlier generation gave it, or a new one in the order of the
     * batch, and is inserted with it.
     */
    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        Map<String, ProjectedRecord> events = new LinkedHashMap<>();
        records.forEach(r -> events.putIfAbsent(r.envelope().id(), r)); // an event published twice is one event
        List<Logged> rows = new ArrayList<>();
        for (ProjectedRecord r : events.values()) {
            var e = r.envelope();
            rows.add(new Logged(generation, e.id(), e.type(), e.aggregateId(), e.sequence(), e.timestamp(),
                    e.correlationId(), e.causationId(), e.source(), r.topic(), r.partition(), r.offset(),
                    ibanOf(r.event()), transferIdOf(r.event()), e.json()));
        }
        WRITE.run(c, rows);
    }

    /** The account an event is about or asks to move, for the audit log's account filter. */
    private static String ibanOf(Object event) {
        if (event instanceof AccountEvent account) {
            return account.iban();
        }
        return event instanceof AccountLegRequestedEvent leg ? leg.iban() : null;
    }

    /** The transfer an event belongs to, for the audit log's transfer filter. */
    private static String transferIdOf(Object event) {
        if (event instanceof TransferEvent transfer) {
            return transfer.transferId();
        }
        return event instanceof LegAnswer answer ? answer.transferId() : null;
    }
}
