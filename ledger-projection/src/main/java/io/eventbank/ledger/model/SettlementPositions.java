package io.eventbank.ledger.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.Money;

/** The live settlement positions: what each hosted bank has taken in (positive) or paid out for other banks. */
@ApplicationScoped
public class SettlementPositions {

    /** A bank's position in one currency, as a decimal string. */
    public record Settlement(String bankCode, String currency, String position) {
    }

    @Inject
    DataSource dataSource;

    /** Every bank's position per currency in the live generation, in bank and currency order. */
    public List<Settlement> live() {
        List<Settlement> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select bank_code, currency, position from settlement_position p join projection_state s"
                        + " on s.name = 'settlements' and s.live_generation = p.generation order by 1, 2");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                all.add(new Settlement(rows.getString(1), rows.getString(2),
                        Money.format(rows.getLong(3), rows.getString(2))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }
}
