package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import io.eventbank.contracts.Clearing;

/**
 * Settlement positions between hosted banks: a bank's clearing account balance per currency is what it has taken in
 * for other banks (positive) or paid out for them (negative). Across banks the positions net to zero once every
 * interbank transfer has settled.
 */
public final class SettlementsModel implements ReadModel {

    @Override
    public String name() {
        return "settlements";
    }

    @Override
    public List<String> topics() {
        return List.of(Topics.ACCOUNT_EVENTS);
    }

    @Override
    public List<String> tables() {
        return List.of("settlement_position");
    }

    @Override
    public void apply(ProjectedRecord r, int generation, Connection c) throws SQLException {
        String iban = r.text("iban");
        if (iban == null || !Clearing.isClearingAccount(iban) || !r.payload().has("balanceAfter")) {
            return;
        }
        Sql.update(c, "insert into settlement_position (generation, bank_code, currency, position, version)"
                        + " values (?, ?, ?, ?, ?) on conflict (generation, bank_code, currency) do update"
                        + " set position = excluded.position, version = excluded.version"
                        + " where settlement_position.version < excluded.version",
                generation, iban.substring(4, 12), r.currency(), r.number("balanceAfter"), r.envelope().sequence());
    }
}
