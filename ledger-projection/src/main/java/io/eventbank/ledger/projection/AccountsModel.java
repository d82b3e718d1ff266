package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Accounts: owner, bank, currency, balance, status and the sequence and time of their last event. An event published
 * twice (the outbox is at least once) changes nothing the second time: rows change only for a higher sequence.
 */
public final class AccountsModel implements ReadModel {

    @Override
    public String name() {
        return "accounts";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ACCOUNT_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("account");
    }

    @Override
    public void apply(ProjectedRecord r, int generation, Connection c) throws SQLException {
        Long sequence = r.envelope().sequence();
        if (sequence == null) {
            return; // a rejection for an account that does not exist
        }
        String iban = r.text("iban");
        switch (r.type()) {
            case "AccountOpenedEvent" -> Sql.update(c, "insert into account (generation, iban, owner, bank_code, currency,"
                            + " balance, overdraft_limit, status, type, version, opened_at, last_event_at)"
                            + " values (?, ?, ?, ?, ?, 0, ?, 'OPEN', ?, ?, ?, ?) on conflict do nothing",
                    generation, iban, r.text("owner"), r.text("bankCode"), r.text("currency"),
                    r.number("overdraftLimit"), r.text("type"), sequence, r.envelope().timestamp(),
                    r.envelope().timestamp());
            case "MoneyDepositedEvent", "MoneyWithdrawnEvent", "AccountDebitedEvent", "AccountCreditedEvent",
                    "DebitRefundedEvent" -> Sql.update(c, "update account set balance = ?, version = ?,"
                            + " last_event_at = ? where generation = ? and iban = ? and version < ?",
                    r.number("balanceAfter"), sequence, r.envelope().timestamp(), generation, iban, sequence);
            case "OverdraftLimitSetEvent" -> Sql.update(c, "update account set overdraft_limit = ?, version = ?,"
                            + " last_event_at = ? where generation = ? and iban = ? and version < ?",
                    r.payload().path("limit").path("minorUnits").asLong(), sequence, r.envelope().timestamp(),
                    generation, iban, sequence);
            case "AccountFrozenEvent" -> status(c, r, generation, "FROZEN");
            case "AccountUnfrozenEvent" -> status(c, r, generation, "OPEN");
            case "AccountClosedEvent" -> status(c, r, generation, "CLOSED");
            default -> Sql.update(c, "update account set version = ?, last_event_at = ? where generation = ?"
                    + " and iban = ? and version < ?", sequence, r.envelope().timestamp(), generation, iban, sequence);
        }
    }

    private static void status(Connection c, ProjectedRecord r, int generation, String status) throws SQLException {
        Sql.update(c, "update account set status = ?, version = ?, last_event_at = ? where generation = ? and iban = ?"
                        + " and version < ?", status, r.envelope().sequence(), r.envelope().timestamp(), generation,
                r.text("iban"), r.envelope().sequence());
    }
}
