package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.infrastructure.events.Messages;
import io.eventbank.infrastructure.jdbc.BatchStatement;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.eventbank.infrastructure.kafka.EventEnvelope;
import io.eventbank.infrastructure.kafka.MalformedMessageException;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Applies records to read models with exactly-once effect: inside one transaction it applies each record that a
 * model has not applied yet (its offset is at or past the model's next offset for that partition), then moves the
 * offsets, so a redelivered or replayed record never counts twice. Records of one partition come in order.
 *
 * <p>A batch is first applied straight through and set-wise: each model writes its share of the batch in a few
 * multi-row statements, and the offsets move in one. If anything fails, the caller rolls the transaction back and
 * applies the batch again carefully: each (record, model) behind a savepoint. A failure that may pass (the database went away,
 * a deadlock) fails the careful pass too, and the caller retries the batch later. Any other failure parks the record
 * for that model ({@link ParkedRecords}): the model's offset moves past it, and the record stays visible as parked
 * until it is re-driven or the model is rebuilt. A model never skips a record silently.
 */
public final class ProjectionEngine {

    /** A read model and the generation of it to write. */
    public record Target(ReadModel model, int generation) {
    }

    /** A record that a model could not apply, and why. */
    public record Parked(ConsumerRecord<String, String> record, String model, int generation, String reason,
            boolean malformed) {
    }

    private record Position(String projection, int generation, String topic, int partition) {
    }

    /** What a batch did: how many (record, model) applications, and what was parked. */
    public record Outcome(int applied, List<Parked> parked) {
    }

    /** How far a projection has applied a partition: the next offset to apply, and its last event's time. */
    private record Applied(String projection, int generation, String topic, int partition, long nextOffset,
            Instant lastEventAt) {
    }

    private static final BatchStatement<Applied> STORE = BatchStatement.of(Applied.class, "insert into applied_offset"
            + " (projection, generation, topic, partition, next_offset, last_event_at) select * from {rows}"
            + " on conflict (projection, generation, topic, partition) do update"
            + " set next_offset = excluded.next_offset,"
            + " last_event_at = coalesce(excluded.last_event_at, applied_offset.last_event_at)");

    /** Applies the batch straight through; any failure is thrown and the caller applies it again carefully. */
    public Outcome apply(Iterable<ConsumerRecord<String, String>> records, List<Target> targets, Connection c)
            throws SQLException {
        return apply(records, targets, c, false);
    }

    /** Applies the batch with a savepoint per record and model, parking what cannot be applied. */
    public Outcome applyCarefully(Iterable<ConsumerRecord<String, String>> records, List<Target> targets,
            Connection c) throws SQLException {
        return apply(records, targets, c, true);
    }

    private Outcome apply(Iterable<ConsumerRecord<String, String>> records, List<Target> targets, Connection c,
            boolean careful) throws SQLException {
        Map<Position, Long> next = load(targets, c);
        Map<Position, Instant> lastEventAt = new HashMap<>();
        Map<Position, Long> moved = new HashMap<>();
        Map<Target, List<ProjectedRecord>> batches = new LinkedHashMap<>();
        List<Parked> parked = new ArrayList<>();
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
            for (Position position : due) {
                next.put(position, record.offset() + 1);
                moved.put(position, record.offset() + 1);
            }
            ProjectedRecord projected;
            try {
                projected = read(record);
            } catch (MalformedMessageException e) {
                if (!careful) {
                    throw e;
                }
                for (Target target : dueTargets) {
                    parked.add(park(c, record, target, e.getMessage(), true));
                }
                continue;
            }
            for (int i = 0; i < dueTargets.size(); i++) {
                Target target = dueTargets.get(i);
                if (!careful) {
                    batches.computeIfAbsent(target, t -> new ArrayList<>()).add(projected);
                    lastEventAt.put(due.get(i), projected.envelope().timestamp());
                    continue;
                }
                Savepoint savepoint = c.setSavepoint();
                try {
                    target.model().apply(List.of(projected), target.generation(), c);
                    c.releaseSavepoint(savepoint);
                    applied++;
                    lastEventAt.put(due.get(i), projected.envelope().timestamp());
                } catch (SQLException e) {
                    if (mayPass(e)) {
                        throw e;
                    }
                    c.rollback(savepoint);
                    parked.add(park(c, record, target, describe(e), false));
                } catch (RuntimeException e) {
                    c.rollback(savepoint);
                    parked.add(park(c, record, target, describe(e), false));
                }
            }
        }
        // set-wise: each model writes its part of the batch in a few statements
        for (Map.Entry<Target, List<ProjectedRecord>> batch : batches.entrySet()) {
            batch.getKey().model().apply(batch.getValue(), batch.getKey().generation(), c);
            applied += batch.getValue().size();
        }
        store(moved, lastEventAt, c);
        return new Outcome(applied, parked);
    }

    /**
     * Whether a database failure may pass by itself: the connection broke (class 08), the transaction was rolled back
     * for a conflict (40), resources ran out (53), the server is shutting down (57) or failed (58, XX).
     */
    public static boolean mayPass(SQLException e) {
        String state = e.getSQLState();
        if (state == null || state.length() < 2) {
            return true;
        }
        return switch (state.substring(0, 2)) {
            case "08", "40", "53", "57", "58", "XX" -> true;
            default -> false;
        };
    }

    /** A record as its event (the contracts' record, older revisions upcast); an unreadable one is malformed. */
    public static ProjectedRecord read(ConsumerRecord<String, String> record) {
        EventEnvelope envelope = CloudEventHeaders.read(record.headers(), record.value());
        if (envelope.timestamp() == null) {
            throw new MalformedMessageException("an event needs the header " + CloudEventHeaders.TIME);
        }
        return new ProjectedRecord(record.topic(), record.partition(), record.offset(), envelope,
                Messages.platform().read(envelope));
    }

    private static Parked park(Connection c, ConsumerRecord<String, String> record, Target target, String reason,
            boolean malformed) throws SQLException {
        String id = CloudEventHeaders.text(record.headers(), CloudEventHeaders.ID);
        String type = CloudEventHeaders.text(record.headers(), CloudEventHeaders.TYPE);
        Sql.update(c, "insert into parked_record (projection, generation, topic, partition, kafka_offset, event_id,"
                        + " type, aggregate_id, reason) values (?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict do nothing",
                target.model().name(), target.generation(), record.topic(), record.partition(), record.offset(),
                printable(id, 100), printable(type, 200), printable(record.key(), 100), printable(reason, 2000));
        return new Parked(record, target.model().name(), target.generation(), printable(reason, 2000), malformed);
    }

    private static String describe(Exception e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    /** What is stored and logged of a hostile text: no control characters, bounded. */
    static String printable(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(text.length(), max));
        text.codePoints().limit(max).forEach(cp -> {
            if (Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
                    || Character.getType(cp) == Character.SURROGATE) {
                out.append(String.format("\\u%04X", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.toString();
    }

    /**
     * The next offset of every (model, generation, partition) of the targets, in one query that reads only the
     * targets' generations (a model keeps the offsets of every generation it was rebuilt in).
     */
    private static Map<Position, Long> load(List<Target> targets, Connection c) throws SQLException {
        Map<Position, Long> next = new HashMap<>();
        try (PreparedStatement query = c.prepareStatement("select o.projection, o.generation, o.topic, o.partition,"
                + " o.next_offset from applied_offset o join unnest(?::varchar[], ?::int[]) t(projection, generation)"
                + " on o.projection = t.projection and o.generation = t.generation")) {
            query.setArray(1, c.createArrayOf("varchar", targets.stream().map(t -> t.model().name()).toArray()));
            query.setArray(2, c.createArrayOf("int4", targets.stream().map(Target::generation).toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    next.put(new Position(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getInt(4)),
                            rows.getLong(5));
                }
            }
        }
        return next;
    }

    /** The offsets the batch reached, in one statement. */
    private static void store(Map<Position, Long> moved, Map<Position, Instant> lastEventAt, Connection c)
            throws SQLException {
        List<Applied> rows = new ArrayList<>();
        moved.forEach((p, offset) -> rows.add(new Applied(p.projection(), p.generation(), p.topic(), p.partition(),
                offset, lastEventAt.get(p))));
        STORE.run(c, rows);
    }
}
