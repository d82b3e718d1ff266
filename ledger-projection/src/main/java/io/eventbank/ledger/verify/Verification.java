package io.eventbank.ledger.verify;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.Money;
import io.eventbank.ledger.deadletters.DeadLetters;
import io.eventbank.ledger.projection.ParkedRecords;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Checks the invariants on the live read models: the journal sums to zero, each balance is the sum of its statement,
 * settlement positions net to zero, no record is parked, no transfer leg is parked in the dead-letter topic of
 * {@code bank.account.commands} (a leg no account could take), and every account's balance equals account-service's own
 * (where the read model is behind, it is given a few seconds to catch up before it counts as a difference).
 */
@ApplicationScoped
public class Verification {

    private static final Duration CATCH_UP = Duration.ofSeconds(10);
    private static final int PAGE = 2000;

    public record Check(String name, boolean ok, String detail) {
    }

    public record Result(boolean ok, List<Check> checks) {
    }

    private record Row(long balance, long version) {
    }

    @Inject
    DataSource dataSource;
    @Inject
    ParkedRecords parked;
    @Inject
    DeadLetters deadLetters;
    @Inject
    @RestClient
    AccountServiceClient accountService;

    public Result verify() {
        List<Check> checks = new ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            checks.add(check(c, "journal sums to zero per currency", "select currency, sum(amount) from journal_entry j"
                    + " join projection_state s on s.name = 'journal' and s.live_generation = j.generation"
                    + " group by currency having sum(amount) <> 0"));
            checks.add(check(c, "each balance equals the sum of its statement lines", "select a.iban,"
                    + " a.balance - coalesce((select sum(l.amount) from statement_line l where l.iban = a.iban"
                    + " and l.generation = (select live_generation from projection_state where name = 'statements')), 0)"
                    + " from account a where a.generation = (select live_generation from projection_state"
                    + " where name = 'accounts') and a.balance <> coalesce((select sum(l.amount) from statement_line l"
                    + " where l.iban = a.iban and l.generation = (select live_generation from projection_state"
                    + " where name = 'statements')), 0)"));
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        checks.add(settlementsCheck());
        checks.add(parkedCheck());
        checks.add(parkedLegsCheck());
        checks.add(balancesCheck());
        return new Result(checks.stream().allMatch(Check::ok), checks);
    }

    /**
     * Settlement positions net to zero once no interbank transfer is in flight: the receiving bank's clearing debit and
     * the sending bank's clearing credit are booked apart, so a transfer that has just completed may have one of them
     * applied and not yet the other. A difference is given a few seconds to settle before it counts.
     */
    private Check settlementsCheck() {
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        while (true) {
            Check check;
            try (Connection c = dataSource.getConnection()) {
                check = check(c, "settlement positions net to zero across banks", "select currency, sum(position)"
                        + " from settlement_position p join projection_state s on s.name = 'settlements'"
                        + " and s.live_generation = p.generation group by currency having sum(position) <> 0");
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (check.ok() || System.nanoTime() > deadline) {
                return check;
            }
            sleep();
        }
    }

    private Check parkedCheck() {
        var entries = parked.live(20);
        Map<String, String> offenders = new LinkedHashMap<>();
        entries.forEach(entry -> offenders.put(entry.id(), entry.type() + " " + entry.eventId() + ": "
                + entry.reason()));
        return new Check("no record is parked (every event is in every read model)", offenders.isEmpty(),
                offenders.isEmpty() ? "ok" : "parked: " + offenders);
    }

    /**
     * No transfer leg is parked: a leg that a clearing account could not take (or a refund whose sum would not fit)
     * is in {@code bank.account.commands.dlq}, its money nowhere until an operator re-drives it.
     */
    private Check parkedLegsCheck() {
        String name = "no transfer leg is parked (every clearing leg and refund was taken)";
        Map<String, String> offenders = new LinkedHashMap<>();
        try {
            deadLetters.list().stream()
                    .filter(entry -> "bank.account.commands".equals(entry.topic()) && !entry.redriven()
                            && entry.reason() != null && entry.reason().startsWith("parked:"))
                    .limit(20)
                    .forEach(entry -> offenders.put(entry.id(), entry.key() + ": " + entry.reason()));
        } catch (RuntimeException e) {
            return new Check(name, false, "could not read the dead-letter topics: " + e.getMessage());
        }
        return new Check(name, offenders.isEmpty(), offenders.isEmpty() ? "ok" : "parked: " + offenders);
    }

    /** Each account's balance in the read model equals its balance in account-service, at the same version. */
    private Check balancesCheck() {
        String name = "each balance equals account-service's";
        Map<String, Row> service = new HashMap<>();
        try {
            String after = null;
            do {
                AccountServiceClient.Balances page = accountService.balances(after, PAGE);
                for (AccountServiceClient.Balance b : page.items()) {
                    service.put(b.iban(), new Row(Money.parse(b.balance(), b.currency()).minorUnits(), b.version()));
                }
                after = page.next();
            } while (after != null);
        } catch (RuntimeException e) {
            return new Check(name, false, "could not read account-service's balances: " + e.getMessage());
        }
        long deadline = System.nanoTime() + CATCH_UP.toNanos();
        Map<String, String> offenders;
        while (true) {
            offenders = differences(service);
            boolean onlyBehind = offenders.values().stream().allMatch(d -> d.startsWith("behind"));
            if (offenders.isEmpty() || !onlyBehind || System.nanoTime() > deadline) {
                break;
            }
            sleep();
        }
        return new Check(name, offenders.isEmpty(), offenders.isEmpty() ? "ok (" + service.size() + " accounts)"
                : "differ: " + first(offenders, 20));
    }

    private Map<String, String> differences(Map<String, Row> service) {
        Map<String, Row> ledger = new HashMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement query = c.prepareStatement(
                "select iban, balance, version from account where generation = (select live_generation"
                        + " from projection_state where name = 'accounts')"); ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                ledger.put(rows.getString(1), new Row(rows.getLong(2), rows.getLong(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        Map<String, String> offenders = new LinkedHashMap<>();
        service.forEach((iban, own) -> {
            Row read = ledger.get(iban);
            if (read == null) {
                offenders.put(iban, "behind: not in the read model (account-service: version " + own.version() + ")");
            } else if (read.version() < own.version()) {
                offenders.put(iban, "behind: version " + read.version() + " of " + own.version());
            } else if (read.balance() != own.balance()) {
                offenders.put(iban, "balance " + read.balance() + " but account-service has " + own.balance()
                        + " (minor units, version " + own.version() + ")");
            }
        });
        ledger.keySet().stream().filter(iban -> !service.containsKey(iban))
                .forEach(iban -> offenders.put(iban, "not in account-service"));
        return offenders;
    }

    private static Check check(Connection c, String name, String offendersSql) throws SQLException {
        Map<String, String> offenders = new LinkedHashMap<>();
        try (PreparedStatement query = c.prepareStatement(offendersSql); ResultSet rows = query.executeQuery()) {
            while (rows.next() && offenders.size() < 20) {
                offenders.put(rows.getString(1), rows.getString(2));
            }
        }
        return new Check(name, offenders.isEmpty(), offenders.isEmpty() ? "ok" : "off by: " + offenders);
    }

    private static Map<String, String> first(Map<String, String> all, int n) {
        Map<String, String> some = new LinkedHashMap<>();
        all.entrySet().stream().limit(n).forEach(e -> some.put(e.getKey(), e.getValue()));
        return some;
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
