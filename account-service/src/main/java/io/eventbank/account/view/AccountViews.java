package io.eventbank.account.view;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.eventbank.contracts.account.AccountStatus;
import io.eventbank.contracts.account.AccountType;

/** Reads the account view and issues account numbers (a database sequence, so no number is issued twice). */
@ApplicationScoped
public class AccountViews {

    @Inject
    DataSource dataSource;

    public Optional<AccountView> find(String iban) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select iban, customer_id, owner, bank_code, currency, balance, overdraft_limit, status, type,"
                                + " version, opened_at, updated_at from account_view where iban = ?")) {
            query.setString(1, iban);
            try (ResultSet row = query.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                return Optional.of(viewOf(row));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read account " + iban, e);
        }
    }

    /** A page of accounts in IBAN order, after the given IBAN (from the first when null). */
    public List<AccountView> page(String after, int limit) {
        return list("where iban > ? order by iban limit ?", after == null ? "" : after, limit);
    }

    /** A customer's accounts in IBAN order, after the given IBAN (from the first when null). */
    public List<AccountView> ofCustomer(String customerId, String after, int limit) {
        return list("where customer_id = ? and iban > ? order by iban limit ?", customerId,
                after == null ? "" : after, limit);
    }

    private List<AccountView> list(String condition, Object... parameters) {
        List<AccountView> page = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement(
                        "select iban, customer_id, owner, bank_code, currency, balance, overdraft_limit, status, type,"
                                + " version, opened_at, updated_at from account_view " + condition)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setObject(i + 1, parameters[i]);
            }
            try (ResultSet row = query.executeQuery()) {
                while (row.next()) {
                    page.add(viewOf(row));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the accounts", e);
        }
        return page;
    }

    private static AccountView viewOf(ResultSet row) throws SQLException {
        return new AccountView(row.getString(1), row.getString(2), row.getString(3), row.getString(4),
                row.getString(5), row.getLong(6), row.getLong(7), AccountStatus.valueOf(row.getString(8)),
                AccountType.valueOf(row.getString(9)), row.getLong(10), row.getTimestamp(11).toInstant(),
                row.getTimestamp(12).toInstant());
    }

    /** The next free customer account number. */
    public long nextAccountNumber() {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("select nextval('account_number_seq')");
                ResultSet row = query.executeQuery()) {
            row.next();
            return row.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not issue an account number", e);
        }
    }
}
