package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.eventbank.infrastructure.json.Json;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies records to read models with exactly-once effect: inside one transaction it applies each record that a
 * model has not applied yet (its offset is at or past the model's next offset for that partition), then moves the
 * offsets, so a redelivered or replayed record never counts twice. Records of one partition come in order. A record
 * that cannot be read or applied is rolled back to a savepoint, reported as poison (for the dead-letter topic) and
 * passed over, so the partition goes on.
 */
public final class ProjectionEngine {

    /** A read model and the generation of it to write. */
    public record Target(ReadModel model, int generation) {
    }

    /** A record that could not be applied, and why. */
    public record Poison(ConsumerRecord<String, String> record, String reason) {
    }

    private record Position(String projection, int generation, String topic, int partition) {
    }

    /** What a batch did: how many (record, model) applications and which records were poison. */
    public record Outcome(int applied, List<Poison> poison) {
    }

    public Outcome apply(Iterable<ConsumerRecord<String, String>> records, List<Target> targets, Connection c)
            throws SQLException {
        Map<Position, Long> next = load(targets, c);
        Map<Position, Instant> lastEventAt = new HashMap<>();
        Map<Position, Long> moved = new HashMap<>();
        List<Poison> poison = new ArrayList<>();
        int applied = 0;
        for (ConsumerRecord<String, String> record : records) {
            List<Position> due = new ArrayList<>();
            List<Target> dueTargets = new ArrayList<>();
            for (Target target : targets) {
                Position position = new Position(target.model().name(), target.generation(), record.topic(),
                        record.partition());
                if (target.model().topics().contains(record.topic())
                        && record.offset() >= next.getOrDefault(position, 0L)) {
                    due.add(position);
                    dueTargets.add(target);
                }
            }
            if (due.isEmpty()) {
                continue; // applied before, by every model that reads this topic
            }
            // one savepoint per record: every model applies it, or none does and it is poison
            Savepoint savepoint = c.setSavepoint();
            try {
                ProjectedRecord projected = read(record);
                for (Target target : dueTargets) {
                    target.model().apply(projected, target.generation(), c);
                    applied++;
                }
                c.releaseSavepoint(savepoint);
                due.forEach(position -> lastEventAt.put(position, projected.envelope().timestamp()));
            } catch (SQLException | RuntimeException e) {
                c.rollback(savepoint);
                poison.add(new Poison(record, e.getMessage()));
            }
            for (Position position : due) {
                next.put(position, record.offset() + 1);
                moved.put(position, record.offset() + 1);
            }
        }
        store(moved, lastEventAt, c);
        return new Outcome(applied, poison);
    }

    public static ProjectedRecord read(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (envelope.timestamp() == null) {
            throw new MalformedMessageException("an event needs the header " + CloudEventHeaders.TIME);
        }
        try {
            JsonNode payload = Json.mapper().readTree(record.value());
            if (!payload.isObject()) {
                throw new MalformedMessageException("an event's value is a JSON object");
            }
            return new ProjectedRecord(record.topic(), record.partition(), record.offset(), envelope, payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new MalformedMessageException("the value is not JSON: " + e.getOriginalMessage());
        }
    }

    private static Map<Position, Long> load(List<Target> targets, Connection c) throws SQLException {
        Map<Position, Long> next = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("select topic, partition, next_offset from applied_offset"
                + " where projection = ? and generation = ?")) {
            for (Target target : targets) {
                query.setString(1, target.model().name());
                query.setInt(2, target.generation());
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        next.put(new Position(target.model().name(), target.generation(), rows.getString(1),
                                rows.getInt(2)), rows.getLong(3));
                    }
                }
            }
        }
        return next;
    }

    private static void store(Map<Position, Long> moved, Map<Position, Instant> lastEventAt, Connection c)
            throws SQLException {
        for (var entry : moved.entrySet()) {
            Position p = entry.getKey();
            Sql.update(c, "insert into applied_offset (projection, generation, topic, partition, next_offset,"
                            + " last_event_at) values (?, ?, ?, ?, ?, ?) on conflict (projection, generation, topic,"
                            + " partition) do update set next_offset = excluded.next_offset,"
                            + " last_event_at = coalesce(excluded.last_event_at, applied_offset.last_event_at)",
                    p.projection(), p.generation(), p.topic(), p.partition(), entry.getValue(), lastEventAt.get(p));
        }
    }
}
