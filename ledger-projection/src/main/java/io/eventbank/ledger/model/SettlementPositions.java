package io.eventbank.ledger.model;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
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

    /** The net position after one movement of one of the bank's clearing accounts. */
    public record Point(Instant at, String netPosition) {
    }

    /** At most this many points a series: the newest. */
    static final int MOST_POINTS = 2_000;

    @Inject
    DataSource dataSource;

    /**
     * Every bank's position per currency since {@code from}, from its clearing accounts' statements (the statements
     * read model): the sum of their balances before, and the sum after each movement of any of them since, the newest
     * {@link #MOST_POINTS}.
     */
    public List<History> since(Instant from) {
        List<History> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            for (Settlement settlement : live()) {
                all.add(history(c, settlement.bankCode(), settlement.currency(), from));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /** One movement of a clearing account: when, its signed amount, and the account's balance after it. */
    private record Line(Instant at, long amount, long balanceAfter) {
    }

    private static History history(Connection c, String bankCode, String currency, Instant from) throws SQLException {
        long starting = 0;
        long now = 0;
        List<Line> newestFirst = new ArrayList<>();
        for (String iban : Clearing.accountsOf(bankCode, currency)) {
            long before = before(c, iban, from);
            List<Line> lines = lines(c, iban, from);
            starting += before;
            now += lines.isEmpty() ? before : lines.get(0).balanceAfter();
            newestFirst.addAll(lines);
        }
        // the newest movements of all the bank's clearing accounts; walking back from where the bank stands now,
        // each movement's amount gives the position before it
        newestFirst.sort(Comparator.comparing(Line::at).reversed());
        List<Point> points = new ArrayList<>();
        long position = now;
        for (Line line : newestFirst.subList(0, Math.min(MOST_POINTS, newestFirst.size()))) {
            points.add(new Point(line.at(), Money.format(position, currency)));
            position -= line.amount();
        }
        Collections.reverse(points);
        return new History(bankCode, currency, Money.format(starting, currency), points);
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

    /** The account's newest movements since {@code from}, newest first, at most {@link #MOST_POINTS}. */
    private static List<Line> lines(Connection c, String iban, Instant from) throws SQLException {
        List<Line> newestFirst = new ArrayList<>();
        try (PreparedStatement query = c.prepareStatement(STATEMENTS.formatted("at, amount, balance_after", ">=",
                MOST_POINTS))) {
            query.setString(1, iban);
            query.setTimestamp(2, Timestamp.from(from));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    newestFirst.add(new Line(rows.getTimestamp(1).toInstant(), rows.getLong(2), rows.getLong(3)));
                }
            }
        }
        return newestFirst;
    }

    /** Every bank's position per currency in the live generation, in bank and currency order. */
    public List<Settlement> live() {
        List<Settlement> all = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select bank_code, currency, sum(position) from settlement_position p join projection_state s"
                        + " on s.name = 'settlements' and s.live_generation = p.generation group by 1, 2"
                        + " order by 1, 2");
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
