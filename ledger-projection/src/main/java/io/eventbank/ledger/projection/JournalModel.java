package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * The double-entry journal: every money movement as two entries that sum to zero. A deposit or withdrawal moves money
 * between the account and {@code external:<bank code>}; a transfer's legs move it through
 * {@code transit:<transfer id>}, whose entries sum to zero once the transfer has settled.
 */
public final class JournalModel implements ReadModel {

    @Override
    public String name() {
        return "journal";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ACCOUNT_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("journal_entry");
    }

    @Override
    public void apply(ProjectedRecord r, int generation, Connection c) throws SQLException {
        String iban = r.text("iban");
        long amount = r.amount();
        String external = "external:" + (iban.length() >= 12 ? iban.substring(4, 12) : iban);
        String transit = "transit:" + r.text("transferId");
        switch (r.type()) {
            case "MoneyDepositedEvent" -> entries(c, r, generation, iban, amount, external);
            case "MoneyWithdrawnEvent" -> entries(c, r, generation, iban, -amount, external);
            case "AccountDebitedEvent" -> entries(c, r, generation, iban, -amount, transit);
            case "AccountCreditedEvent", "DebitRefundedEvent" -> entries(c, r, generation, iban, amount, transit);
            default -> {
                // no money moved
            }
        }
    }

    private static void entries(Connection c, ProjectedRecord r, int generation, String account, long amount,
            String other) throws SQLException {
        String sql = "insert into journal_entry (generation, event_id, line, account, currency, amount, at)"
                + " values (?, ?, ?, ?, ?, ?, ?) on conflict do nothing";
        Sql.update(c, sql, generation, r.envelope().id(), 0, account, r.currency(), amount, r.envelope().timestamp());
        Sql.update(c, sql, generation, r.envelope().id(), 1, other, r.currency(), -amount, r.envelope().timestamp());
    }
}
