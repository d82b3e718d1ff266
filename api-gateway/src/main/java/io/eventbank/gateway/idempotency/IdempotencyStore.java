package io.eventbank.gateway.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The idempotency keys of creating POSTs, in the gateway's schema. The first request with a key claims it (a row
 * in progress, by an insert that a concurrent request with the same key waits on); its answer is stored when done; a
 * later request with the same key and body gets the stored answer, with another body a refusal. A claim whose request
 * never finished (the gateway died) is taken over after a while; a request that failed for a technical reason
 * releases its key, so that the client can retry.
 */
@ApplicationScoped
public class IdempotencyStore {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(20);

    @Inject
    DataSource dataSource;

    /** What a request with a key may do. */
    public sealed interface Claim {
    }

    /** The key is this request's: go ahead, then complete or release it. */
    public record Claimed() implements Claim {
    }

    /** The key answered before: answer the same. */
    public record Replay(int status, String body, String location) implements Claim {
    }

    /** The key was used for a different request. */
    public record Mismatch() implements Claim {
    }

    /** The first request with the key is still running. */
    public record InProgress() implements Claim {
    }

    public Claim claim(String scope, String key, String requestHash) {
        long deadline = System.nanoTime() + WAIT_FOR_FIRST.toNanos();
        while (true) {
            try (Connection c = dataSource.getConnection()) {
                try (PreparedStatement insert = c.prepareStatement("insert into idempotency_key (scope, key,"
                        + " request_hash, state, created_at) values (?, ?, ?, 'IN_PROGRESS', now())"
                        + " on conflict do nothing")) {
                    insert.setString(1, scope);
                    insert.setString(2, key);
                    insert.setString(3, requestHash);
                    if (insert.executeUpdate() == 1) {
                        return new Claimed();
                    }
                }
                try (PreparedStatement select = c.prepareStatement("select request_hash, state, status, body,"
                        + " location, created_at < now() - make_interval(secs => ?) from idempotency_key"
                        + " where scope = ? and key = ?")) {
                    select.setLong(1, ABANDONED_AFTER.toSeconds());
                    select.setString(2, scope);
                    select.setString(3, key);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            continue; // released meanwhile: try to claim it again
                        }
                        if (!row.getString(1).equals(requestHash)) {
                            return new Mismatch();
                        }
                        if (row.getString(2).equals("DONE")) {
                            return new Replay(row.getInt(3), row.getString(4), row.getString(5));
                        }
                        if (row.getBoolean(6) && takeOver(c, scope, key)) {
                            return new Claimed();
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not read idempotency keys", e);
            }
            if (System.nanoTime() > deadline) {
                return new InProgress();
            }
            sleep();
        }
    }

    public void complete(String scope, String key, int status, String body, String location) {
        update("update idempotency_key set state = 'DONE', status = ?, body = ?, location = ?, completed_at = now()"
                + " where scope = ? and key = ?", status, body, location, scope, key);
    }

    public void release(String scope, String key) {
        update("delete from idempotency_key where scope = ? and key = ? and state = 'IN_PROGRESS'", scope, key);
    }

    private static boolean takeOver(Connection c, String scope, String key) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update idempotency_key set created_at = now()"
                + " where scope = ? and key = ? and state = 'IN_PROGRESS' and created_at < now() - make_interval(secs => ?)")) {
            update.setString(1, scope);
            update.setString(2, key);
            update.setLong(3, ABANDONED_AFTER.toSeconds());
            return update.executeUpdate() == 1;
        }
    }

    private void update(String sql, Object... parameters) {
        try (Connection c = dataSource.getConnection(); PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not store an idempotency key", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
