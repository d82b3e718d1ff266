package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit log: every event of both topics with its metadata and where it was on Kafka, in one statement per
 * batch. Each event has a position; an event keeps the position an earlier generation gave it, so that live streams
 * that resume after an event id (which the audit position orders) see neither gaps nor repeats across a replay. New
 * events take new positions in the order of the batch.
 */
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
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        Map<String, ProjectedRecord> events = new LinkedHashMap<>();
        records.forEach(r -> events.putIfAbsent(r.envelope().id(), r)); // an event published twice is one event
        Map<String, Long> positions = earlierPositions(c, events.keySet(), generation);
        List<Long> fresh = newPositions(c, (int) events.keySet().stream().filter(id -> !positions.containsKey(id))
                .count());
        int next = 0;
        List<Object[]> rows = new ArrayList<>();
        for (ProjectedRecord r : events.values()) {
            var e = r.envelope();
            Long position = positions.get(e.id());
            if (position == null) {
                position = fresh.get(next++);
            }
            rows.add(new Object[] {position, generation, e.id(), e.type(), e.aggregateId(), e.sequence(),
                    e.timestamp(), e.correlationId(), e.causationId(), e.source(), r.topic(), r.partition(),
                    r.offset(), r.text("iban"), r.text("transferId"), e.json()});
        }
        Sql.rows(c, "insert into audit_event (position, generation, event_id, type, aggregate_id, sequence,"
                + " occurred_at, correlation_id, causation_id, source, topic, partition, kafka_offset, iban,"
                + " transfer_id, payload) values ", "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?",
                " on conflict do nothing", rows);
    }

    private static Map<String, Long> earlierPositions(Connection c, java.util.Set<String> ids, int generation)
            throws SQLException {
        Map<String, Long> positions = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("select event_id, max(position) from audit_event"
                + " where event_id = any(?) and generation <> ? group by event_id")) {
            query.setArray(1, c.createArrayOf("varchar", ids.toArray()));
            query.setInt(2, generation);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return positions;
    }

    /** {@code count} new positions, in ascending order. */
    private static List<Long> newPositions(Connection c, int count) throws SQLException {
        List<Long> positions = new ArrayList<>(count);
        if (count == 0) {
            return positions;
        }
        try (PreparedStatement query = c.prepareStatement(
                "select nextval('audit_event_position_seq') from generate_series(1, ?)")) {
            query.setInt(1, count);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    positions.add(rows.getLong(1));
                }
            }
        }
        positions.sort(null);
        return positions;
    }
}
