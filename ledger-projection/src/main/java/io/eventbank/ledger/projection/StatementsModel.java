package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

/** Statements: one line per money movement of an account, with the running balance, counterparty and reference. */
@Singleton
public final class StatementsModel implements ReadModel {

    @Override
    public String name() {
        return "statements";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ACCOUNT_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("statement_line");
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        List<Object[]> lines = new ArrayList<>();
        for (ProjectedRecord r : records) {
            Movement.of(r.event()).ifPresent(m -> lines.add(new Object[] {generation, m.iban(), r.envelope().sequence(),
                    r.envelope().id(), m.kind().name(), m.amount(), m.balanceAfter(), m.currency(), m.counterparty(),
                    m.reference(), m.transferId(), r.envelope().timestamp()}));
        }
        Sql.rows(c, "insert into statement_line (generation, iban, sequence, event_id, kind, amount, balance_after,"
                + " currency, counterparty, reference, transfer_id, at) values ",
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", " on conflict do nothing", lines);
    }
}
