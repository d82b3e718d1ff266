package io.eventbank.ledger.model;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An event of the audit log, with its metadata and where it was on Kafka. */
@Entity
@Table(name = "audit_event")
@IdClass(GenerationKey.class)
public class AuditEventEntity extends PanacheEntityBase {

    @Id
    public int generation;
    @Id
    @Column(name = "event_id")
    public String id;
    @Column(insertable = false, updatable = false)
    public long position;
    public String type;
    @Column(name = "aggregate_id")
    public String aggregateId;
    public Long sequence;
    @Column(name = "occurred_at")
    public Instant occurredAt;
    @Column(name = "correlation_id")
    public String correlationId;
    @Column(name = "causation_id")
    public String causationId;
    public String source;
    public String topic;
    public int partition;
    @Column(name = "kafka_offset")
    public long kafkaOffset;
    public String iban;
    @Column(name = "transfer_id")
    public String transferId;
    public String payload;
}
