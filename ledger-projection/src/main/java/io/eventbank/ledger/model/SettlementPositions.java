package io.eventbank.ledger.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Money;

/** The live settlement positions: what each hosted bank has taken in (positive) or paid out for other banks. */
@ApplicationScoped
public class SettlementPositions {

    /** A bank's net position in one currency, as a decimal string. */
    public record Settlement(String bankCode, String currency, String netPosition) {
    }

    /** A bank's position in one currency since an instant: where it stood then, and each change after it. */
    public record History(String bankCode, String currency, String startingNetPosition, List<Point> points) {
    }

    /** The net position after one movement of the bank's clearing account. */
    public record Point(Instant at, String netPosition) {
    }

    /** At most this many points a series: the newest. */
    static final int MOST_POINTS = 2_000;

    @Inject
    DataSource dataSource;

    /**
     * Every bank's position per currency since {@code from}, from its clearing account's statement (the statements
     * read model): the balance it had before, and its balance after each movement since.
     */
    public List<History> since(Instant from) {
        List<History> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Settlement settlement : live()) {
                String currency = settlement.currency();
                String iban = Clearing.accountOf(settlement.bankCode(), currency);
                all.add(new History(settlement.bankCode(), currency, Money.format(before(c, iban, from), currency),
                        points(c, iban, from, currency)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    private static final String STATEMENTS = "select %s from statement_line l join projection_state s"
            + " on s.name = 'statements' and s.live_generation = l.generation where l.iban = ? and l.at %s ?"
            + " order by l.sequence desc limit %d";

    private static long before(Connection c, String iban, Instant from) throws SQLException {
        try (PreparedStatement query = c.prepareStatement(STATEMENTS.formatted("balance_after", "<", 1))) {
            query.setString(1, iban);
            query.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    private static List<Point> points(Connection c, String iban, Instant from, String currency) throws SQLException {
        List<Point> newestFirst = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(STATEMENTS.formatted("at, balance_after", ">=",
                MOST_POINTS))) {
            query.setString(1, iban);
            query.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    newestFirst.add(new Point(rows.getTimestamp(1).toInstant(), Money.format(rows.getLong(2),
                            currency)));
                }
            }
        }
        java.util.Collections.reverse(newestFirst);
        return newestFirst;
    }

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
