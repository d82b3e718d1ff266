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
            String kind;
            long sign;
            switch (r.type()) {
                case "MoneyDepositedEvent" -> { kind = "DEPOSIT"; sign = 1; }
                case "MoneyWithdrawnEvent" -> { kind = "WITHDRAWAL"; sign = -1; }
                case "AccountDebitedEvent" -> { kind = "TRANSFER_DEBIT"; sign = -1; }
                case "AccountCreditedEvent" -> { kind = "TRANSFER_CREDIT"; sign = 1; }
                case "DebitRefundedEvent" -> { kind = "REFUND"; sign = 1; }
                default -> {
                    continue;
                }
            }
            lines.add(new Object[] {generation, r.text("iban"), r.envelope().sequence(), r.envelope().id(), kind,
                    sign * r.amount(), r.number("balanceAfter"), r.currency(), r.text("counterpartyIban"),
                    r.text("reference") != null ? r.text("reference") : r.text("reason"), r.text("transferId"),
                    r.envelope().timestamp()});
        }
        Sql.rows(c, "insert into statement_line (generation, iban, sequence, event_id, kind, amount, balance_after,"
                + " currency, counterparty, reference, transfer_id, at) values ",
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?", " on conflict do nothing", lines);
    }
}
