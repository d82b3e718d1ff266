package io.eventbank.ledger.model;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A row of the accounts read model (written by AccountsModel, read here). */
@Entity
@Table(name = "account")
@IdClass(GenerationKey.class)
public class AccountEntity extends PanacheEntityBase {

    @Id
    public int generation;
    @Id
    @Column(name = "iban")
    public String id;
    @Column(name = "customer_id")
    public String customerId;
    public String owner;
    @Column(name = "bank_code")
    public String bankCode;
    public String currency;
    public long balance;
    @Column(name = "overdraft_limit")
    public long overdraftLimit;
    public String status;
    public String type;
    public long version;
    @Column(name = "opened_at")
    public Instant openedAt;
    @Column(name = "last_event_at")
    public Instant lastEventAt;

    public static Optional<AccountEntity> find(int generation, String iban) {
        return findByIdOptional(new GenerationKey(generation, iban));
    }

    /** The version the live generation has of the account, -1 while it has none: one query, never cached. */
    public static long appliedVersion(String iban) {
        return getEntityManager().createNativeQuery("select coalesce(max(a.version), -1) from account a join"
                        + " projection_state s on s.name = 'accounts' and s.live_generation = a.generation"
                        + " where a.iban = ?1")
                .setParameter(1, iban).getSingleResult() instanceof Number n ? n.longValue() : -1;
    }
}
