package io.eventbank.ledger.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of the transfers read model. */
@Entity
@Table(name = "transfer")
@IdClass(GenerationKey.class)
public class TransferEntity extends PanacheEntityBase {

    @Id
    public int generation;
    @Id
    @Column(name = "transfer_id")
    public String id;
    public String direction;
    @Column(name = "debtor_iban")
    public String debtorIban;
    @Column(name = "creditor_iban")
    public String creditorIban;
    public long amount;
    public String currency;
    public String reference;
    public boolean interbank;
    public String status;
    @Column(name = "failure_reason")
    public String failureReason;
    public long version;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public static Optional<TransferEntity> find(int generation, String transferId) {
        return findByIdOptional(new GenerationKey(generation, transferId));
    }

    /** Whether the live generation has the transfer, COMPLETED or FAILED: one query. */
    public static boolean isFinal(String transferId) {
        return getEntityManager().createNativeQuery("select count(*) from transfer t join projection_state s"
                        + " on s.name = 'transfers' and s.live_generation = t.generation"
                        + " where t.transfer_id = ?1 and t.status in ('COMPLETED', 'FAILED')")
                .setParameter(1, transferId).getSingleResult() instanceof Number n && n.longValue() > 0;
    }

    /** The version the live generation has of the transfer, -1 while it has none: one query, never cached. */
    public static long appliedVersion(String transferId) {
        return getEntityManager().createNativeQuery("select coalesce(max(t.version), -1) from transfer t join"
                        + " projection_state s on s.name = 'transfers' and s.live_generation = t.generation"
                        + " where t.transfer_id = ?1")
                .setParameter(1, transferId).getSingleResult() instanceof Number n ? n.longValue() : -1;
    }

    /** The timeline: the transfer's events in order. */
    public List<TransferEventEntity> timeline() {
        return TransferEventEntity.list("generation = ?1 and transferId = ?2 order by sequence", generation, id);
    }
}
