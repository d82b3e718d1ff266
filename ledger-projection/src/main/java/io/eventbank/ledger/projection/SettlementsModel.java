package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.account.BalanceChange;

import jakarta.inject.Singleton;

/**
 * Settlement positions between hosted banks: a bank's clearing account balance per currency is what it has taken in
 * for other banks (positive) or paid out for them (negative). Across banks the positions net to zero once every
 * interbank transfer has settled. A batch writes each position once, with the last balance it saw.
 */
@Singleton
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
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        Map<String, Object[]> latest = new LinkedHashMap<>();
        for (ProjectedRecord r : records) {
            if (!(r.event() instanceof BalanceChange moved) || moved.iban() == null
                    || !Clearing.isClearingAccount(moved.iban())) {
                continue;
            }
            String bank = moved.iban().substring(4, 12);
            String currency = moved.amount().currency();
            String key = bank + " " + currency;
            long sequence = r.envelope().sequence();
            Object[] before = latest.get(key);
            if (before == null || (long) before[4] < sequence) {
                latest.put(key, new Object[] {generation, bank, currency, moved.balanceAfter(), sequence});
            }
        }
        Sql.rows(c, "insert into settlement_position (generation, bank_code, currency, position, version) values ",
                "?, ?, ?, ?, ?", " on conflict (generation, bank_code, currency) do update"
                        + " set position = excluded.position, version = excluded.version"
                        + " where settlement_position.version < excluded.version",
                new ArrayList<>(latest.values()));
    }
}
