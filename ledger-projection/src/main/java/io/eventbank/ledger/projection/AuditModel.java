package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** The audit log: every event of both topics with its metadata and where it was on Kafka. */
public final class AuditModel implements ReadModel {

    @Override
    public String name() {
        return "audit";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ACCOUNT_EVENTS, Topics.TRANSFER_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("audit_event");
    }

    @Override
    public void apply(ProjectedRecord r, int generation, Connection c) throws SQLException {
        var e = r.envelope();
        // an event keeps the position an earlier generation gave it: live streams that resume after an event id
        // (which the audit position orders) see neither gaps nor repeats across a replay
        Sql.update(c, "insert into audit_event (position, generation, event_id, type, aggregate_id, sequence,"
                        + " occurred_at, correlation_id, causation_id, source, topic, partition, kafka_offset, iban,"
                        + " transfer_id, payload) values (coalesce((select max(position) from audit_event"
                        + " where event_id = ? and generation <> ?), nextval('audit_event_position_seq')),"
                        + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                e.id(), generation, generation, e.id(), e.type(), e.aggregateId(), e.sequence(), e.timestamp(),
                e.correlationId(),
                e.causationId(), e.source(), r.topic(), r.partition(), r.offset(), r.text("iban"),
                r.text("transferId"), e.json());
    }
}
