package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import io.eventbank.infrastructure.jdbc.BatchStatement;

/**
 * The double-entry journal: every money movement as two entries that sum to zero. A deposit or withdrawal moves money
 * between the account and {@code external:<bank code>}; a transfer's legs move it through
 * {@code transit:<transfer id>}, whose entries sum to zero once the transfer has settled.
 */
@Singleton
public final class JournalModel implements ReadModel {

    /** One of the two entries of a movement: line 0 the account's, line 1 the other side's. */
    private record Entry(int generation, String eventId, int line, String account, String currency, long amount,
            Instant at) {
    }

    private static final BatchStatement<Entry> WRITE = BatchStatement.of(Entry.class, "insert into journal_entry"
            + " (generation, event_id, line, account, currency, amount, at) select * from {rows}"
            + " on conflict do nothing");

    private static final About ABOUT = new About("journal", List.of(Topics.ACCOUNT_EVENTS), List.of("journal_entry"));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        List<Entry> entries = new ArrayList<>();
        for (ProjectedRecord r : records) {
            Movement.of(r.event()).ifPresent(m -> {
                String other = m.throughTransfer() ? "transit:" + m.transferId() : external(m.iban());
                entries.add(new Entry(generation, r.envelope().id(), 0, m.iban(), m.currency(), m.amount(),
                        r.envelope().timestamp()));
                entries.add(new Entry(generation, r.envelope().id(), 1, other, m.currency(), -m.amount(),
                        r.envelope().timestamp()));
            });
        }
        WRITE.run(c, entries);
    }

    private static String external(String iban) {
        return "external:" + (iban.length() >= 12 ? iban.substring(4, 12) : iban);
    }
}
