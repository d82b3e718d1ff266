package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Default;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.MeterRegistry;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import io.smallrye.health.api.Wellness;
import org.jboss.logging.Logger;

/**
 * The records read models could not apply (table {@code parked_record}), parked by {@link ProjectionEngine} in the
 * transaction that moved the model past them. Nothing parked is silent: each one is logged as an error with its
 * record, event and reason, counted by the metric {@code eventbank_ledger_records_parked_total} (per model), makes the
 * service's health (wellness, part of {@code /q/health}) DOWN, and fails the verification, for as long as a live
 * generation has it.
 */
@ApplicationScoped
@Default // also injected as itself: @Wellness alone would be its only qualifier
@Wellness
public class ParkedRecords implements HealthCheck {

    private static final Logger LOG = Logger.getLogger(ParkedRecords.class);

    /** A parked record of a live generation, as operators see it. */
    public record Entry(String projection, int generation, String topic, int partition, long offset, String eventId,
            String type, String aggregateId, String reason, Instant parkedAt) {

        /** {@code <model>:<topic>:<partition>:<offset>}. */
        public String id() {
            return projection + ":" + topic + ":" + partition + ":" + offset;
        }
    }

    @Inject
    DataSource dataSource;
    @Inject
    MeterRegistry registry;

    /** After the commit that parked them: the log line and the metric. */
    public void report(List<ProjectionEngine.Parked> parked) {
        for (ProjectionEngine.Parked p : parked) {
            var record = p.record();
            LOG.errorf("read model %s (generation %d) cannot apply %s-%d@%d (event %s, %s) and parked it: %s",
                    p.model(), p.generation(), record.topic(), record.partition(), record.offset(),
                    ProjectionEngine.printable(io.eventbank.infrastructure.kafka.CloudEventHeaders.text(
                            record.headers(), io.eventbank.infrastructure.kafka.CloudEventHeaders.ID), 100),
                    ProjectionEngine.printable(io.eventbank.infrastructure.kafka.CloudEventHeaders.text(
                            record.headers(), io.eventbank.infrastructure.kafka.CloudEventHeaders.TYPE), 200),
                    p.reason());
            registry.counter("eventbank.ledger.records.parked", "model", p.model(), "topic", record.topic())
                    .increment();
        }
    }

    /** The parked records of the live generations, oldest first (at most {@code limit}). */
    public List<Entry> live(int limit) {
        List<Entry> entries = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select p.projection, p.generation, p.topic, p.partition, p.kafka_offset, p.event_id, p.type,"
                        + " p.aggregate_id, p.reason, p.parked_at from parked_record p join projection_state s"
                        + " on s.name = p.projection and s.live_generation = p.generation"
                        + " order by p.parked_at, p.topic, p.partition, p.kafka_offset limit ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    entries.add(new Entry(rows.getString(1), rows.getInt(2), rows.getString(3), rows.getInt(4),
                            rows.getLong(5), rows.getString(6), rows.getString(7), rows.getString(8),
                            rows.getString(9), rows.getTimestamp(10).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the parked records", e);
        }
        return entries;
    }

    /** Forgets a parked record once it has been applied after all. */
    public void forget(Connection c, String projection, int generation, String topic, int partition, long offset)
            throws SQLException {
        Sql.update(c, "delete from parked_record where projection = ? and generation = ? and topic = ?"
                + " and partition = ? and kafka_offset = ?", projection, generation, topic, partition, offset);
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("read models complete");
        try {
            List<Entry> parked = live(5);
            response.status(parked.isEmpty());
            for (Entry entry : parked) {
                response.withData(entry.id(), entry.type() + " " + entry.eventId() + ": " + entry.reason());
            }
        } catch (RuntimeException e) {
            response.down().withData("error", "cannot read the parked records: " + e.getMessage());
        }
        return response.build();
    }
}
