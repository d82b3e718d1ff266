package io.eventbank.ledger.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One event of a transfer's timeline. */
@Entity
@Table(name = "transfer_event")
@IdClass(TransferEventEntity.Key.class)
public class TransferEventEntity extends PanacheEntityBase {

    @Id
    public int generation;
    @Id
    @Column(name = "transfer_id")
    public String transferId;
    @Id
    public long sequence;
    public String type;
    public Instant at;
    @Column(name = "event_id")
    public String eventId;

    /** generation, transfer, sequence. */
    public static class Key implements Serializable {
        public int generation;
        public String transferId;
        public long sequence;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.generation == generation && key.sequence == sequence
                    && Objects.equals(key.transferId, transferId);
        }

        @Override
        public int hashCode() {
            return Objects.hash(generation, transferId, sequence);
        }
    }
}
