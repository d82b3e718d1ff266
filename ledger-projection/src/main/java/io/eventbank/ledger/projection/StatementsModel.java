package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.eventbank.infrastructure.jdbc.BatchStatement;

/** Statements: one line per money movement of an account, with the running balance, counterparty and reference. */
@Singleton
public final class StatementsModel implements ReadModel {

    /** A line of an account's statement. */
    private record Line(int generation, String iban, long sequence, String eventId, Movement.Kind kind, long amount,
            long balanceAfter, String currency, String counterparty, String reference, String transferId,
            Instant at) {
    }

    private static final BatchStatement<Line> WRITE = BatchStatement.of(Line.class, "insert into statement_line"
            + " (generation, iban, sequence, event_id, kind, amount, balance_after, currency, counterparty, reference,"
            + " transfer_id, at) select * from {rows} on conflict do nothing");

    private static final About ABOUT = new About("statements", List.of(Topics.ACCOUNT_EVENTS), List.of("statement_line"));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        List<Line> lines = new ArrayList<>();
        for (ProjectedRecord r : records) {
            Movement.of(r.event()).ifPresent(m -> lines.add(new Line(generation, m.iban(), r.envelope().sequence(),
                    r.envelope().id(), m.kind(), m.amount(), m.balanceAfter(), m.currency(), m.counterparty(),
                    m.reference(), m.transferId(), r.envelope().timestamp())));
        }
        WRITE.run(c, lines);
    }
}
