package io.eventbank.ledger.projection;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.eventbank.contracts.Clearing;
import io.eventbank.contracts.Iban;
import io.eventbank.contracts.account.BalanceChange;
import io.eventbank.infrastructure.jdbc.BatchStatement;

import jakarta.inject.Singleton;

/**
 * Settlement positions between hosted banks: a bank's clearing accounts' balances per currency are what it has taken in
 * for other banks (positive) or paid out for them (negative). A row per clearing account keeps its last balance, and a
 * bank's position is the sum over its clearing accounts; across banks the positions net to zero once every interbank
 * transfer has settled. A batch writes each row once, with the last balance it saw, and never an older one over a newer.
 */
@Singleton
public final class SettlementsModel implements ReadModel {

    /** A clearing account's last balance seen, at its sequence. */
    private record Position(int generation, String bankCode, String currency, int shard, long position,
            long version) {
    }

    private static final BatchStatement<Position> WRITE = BatchStatement.of(Position.class,
            "insert into settlement_position (generation, bank_code, currency, shard, position, version)"
                    + " select * from {rows} on conflict (generation, bank_code, currency, shard)"
                    + " do update set position = excluded.position, version = excluded.version"
                    + " where settlement_position.version < excluded.version");

    private static final About ABOUT = new About("settlements", List.of(Topics.ACCOUNT_EVENTS),
            List.of("settlement_position"));

    @Override
    public About about() {
        return ABOUT;
    }

    @Override
    public void apply(List<ProjectedRecord> records, int generation, Connection c) throws SQLException {
        Map<String, Position> latest = new LinkedHashMap<>();
        for (ProjectedRecord r : records) {
            if (!(r.event() instanceof BalanceChange moved) || moved.iban() == null
                    || !Clearing.isClearingAccount(moved.iban())) {
                continue;
            }
            long sequence = r.envelope().sequence();
            Position before = latest.get(moved.iban());
            if (before == null || before.version() < sequence) {
                latest.put(moved.iban(), new Position(generation, Iban.bankCodeOf(moved.iban()),
                        moved.amount().currency(), Clearing.shardOf(moved.iban()), moved.balanceAfter(), sequence));
            }
        }
        WRITE.run(c, latest.values());
    }
}
