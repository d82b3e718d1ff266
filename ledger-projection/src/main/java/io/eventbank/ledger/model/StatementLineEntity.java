package io.eventbank.ledger.model;

import java.io.Serializable;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of an account's statement: a money movement and the balance after it. */
@Entity
@Table(name = "statement_line")
@IdClass(StatementLineEntity.Key.class)
public class StatementLineEntity extends PanacheEntityBase {

    @Id
    public int generation;
    @Id
    public String iban;
    @Id
    public long sequence;
    @Column(name = "event_id")
    public String eventId;
    public String kind;
    public long amount;
    @Column(name = "balance_after")
    public long balanceAfter;
    public String currency;
    public String counterparty;
    public String reference;
    @Column(name = "transfer_id")
    public String transferId;
    public Instant at;

    /** Newest first; {@code before} is the cursor: the sequence of the last line of the previous page. */
    public static List<StatementLineEntity> page(int generation, String iban, Long before, int limit) {
        return before == null
                ? find("generation = ?1 and iban = ?2 order by sequence desc", generation, iban).page(0, limit).list()
                : find("generation = ?1 and iban = ?2 and sequence < ?3 order by sequence desc", generation, iban,
                        before).page(0, limit).list();
    }

    /** generation, IBAN, sequence. */
    public static class Key implements Serializable {
        public int generation;
        public String iban;
        public long sequence;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && key.generation == generation && key.sequence == sequence
                    && Objects.equals(key.iban, iban);
        }

        @Override
        public int hashCode() {
            return Objects.hash(generation, iban, sequence);
        }
    }
}
