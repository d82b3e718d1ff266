package io.eventbank.gateway.idempotency;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.eventbank.gateway.config.GatewayConfig;
import org.jboss.logging.Logger;

/**
 * The idempotency keys of creating POSTs, in the gateway's schema, for {@code eventbank.gateway.idempotency.expire-after}
 * (24 hours). The first request with a key claims it (a row
 * in progress, by an insert that a concurrent request with the same key waits on); its answer is stored when done; a
 * later request with the same key and body gets the stored answer, with another body a refusal. A claim whose request
 * never finished because its gateway instance died is taken over by a retry as soon as that instance has missed its
 * heartbeats ({@link #INSTANCE_GONE_AFTER}; every instance beats every {@link #HEARTBEAT}); an unattributed claim after
 * {@link #ABANDONED_AFTER}. A request that failed for a technical reason releases its key, so that the client can
 * retry. Taking over is safe because every creating call downstream is idempotent by the same key.
 */
@ApplicationScoped
public class IdempotencyStore {

    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(20);
    static final Duration HEARTBEAT = Duration.ofSeconds(2);
    static final Duration INSTANCE_GONE_AFTER = Duration.ofSeconds(8);

    private static final Logger LOG = Logger.getLogger(IdempotencyStore.class);

    @Inject
    DataSource dataSource;

    @Inject
    GatewayConfig config;

    private final String instance = UUID.randomUUID().toString();
    private long beats;
    /** The keys this instance's requests are working on right now; a claim of ours that is not here was left. */
    private final java.util.Set<String> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService heartbeat;

    void start(@Observes StartupEvent startup) {
        beat();
        heartbeat = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "gateway-heartbeat"));
        heartbeat.scheduleWithFixedDelay(this::beatQuietly, HEARTBEAT.toMillis(), HEARTBEAT.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (heartbeat != null) {
            heartbeat.shutdownNow();
        }
        update("delete from gateway_instance where id = ?", instance);
    }

    private void beatQuietly() {
        try {
            beat();
        } catch (RuntimeException e) {
            LOG.debugf("heartbeat not stored: %s", e.getMessage());
        }
    }

    private void beat() {
        update("insert into gateway_instance (id, heartbeat_at) values (?, now()) on conflict (id) do update"
                + " set heartbeat_at = now()", instance);
        if (beats++ % 300 == 0) { // every ten minutes or so: the instances gone, the keys past their window
            update("delete from gateway_instance where heartbeat_at < now() - interval '1 hour'");
            update("delete from idempotency_key where state = 'DONE' and created_at < now() - make_interval(secs => ?)",
                    config.idempotency().expireAfter().toSeconds());
        }
    }

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
                        + " request_hash, state, created_at, claimed_by) values (?, ?, ?, 'IN_PROGRESS', now(), ?)"
                        + " on conflict do nothing")) {
                    insert.setString(1, scope);
                    insert.setString(2, key);
                    insert.setString(3, requestHash);
                    insert.setString(4, instance);
                    if (insert.executeUpdate() == 1) {
                        inFlight.add(scope + "\n" + key);
                        return new Claimed();
                    }
                }
                try (PreparedStatement select = c.prepareStatement("select request_hash, state, status, body,"
                        + " location, " + ABANDONED + ", claimed_by, " + EXPIRED
                        + " from idempotency_key k where scope = ? and key = ?")) {
                    select.setLong(1, ABANDONED_AFTER.toSeconds());
                    select.setString(2, instance);
                    select.setLong(3, INSTANCE_GONE_AFTER.toSeconds());
                    select.setLong(4, config.idempotency().expireAfter().toSeconds());
                    select.setString(5, scope);
                    select.setString(6, key);
                    try (ResultSet row = select.executeQuery()) {
                        if (!row.next()) {
                            continue; // released meanwhile: try to claim it again
                        }
                        if (row.getBoolean(8)) {
                            // a key older than the window is forgotten: used again, it makes a new request
                            forget(c, scope, key);
                            continue;
                        }
                        if (!row.getString(1).equals(requestHash)) {
                            return new Mismatch();
                        }
                        if (row.getString(2).equals("DONE")) {
                            return new Replay(row.getInt(3), row.getString(4), row.getString(5));
                        }
                        // ours, but no request of ours works on it: one whose answer could not be stored left it
                        boolean leftByUs = instance.equals(row.getString(7)) && !inFlight.contains(scope + "\n" + key);
                        if ((row.getBoolean(6) || leftByUs) && takeOver(c, scope, key, row.getString(7))) {
                            inFlight.add(scope + "\n" + key);
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

    /** Whether a claim is abandoned: unattributed and old, or its instance (not this one) stopped beating. */
    private static final String ABANDONED = "((k.claimed_by is null and k.created_at < now() - make_interval(secs => ?))"
            + " or (k.claimed_by <> ? and not exists (select 1 from gateway_instance i where i.id = k.claimed_by"
            + " and i.heartbeat_at > now() - make_interval(secs => ?))))";

    /** Whether a key's answer is older than the window in which a repeat gets it. */
    private static final String EXPIRED = "(k.state = 'DONE' and k.created_at < now() - make_interval(secs => ?))";

    /** Forgets a key whose answer is older than the window (unless a request claimed it again meanwhile). */
    private void forget(Connection c, String scope, String key) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("delete from idempotency_key k where scope = ? and key = ?"
                + " and " + EXPIRED)) {
            delete.setString(1, scope);
            delete.setString(2, key);
            delete.setLong(3, config.idempotency().expireAfter().toSeconds());
            delete.executeUpdate();
        }
    }

    /** Takes the claim over from {@code from}, unless another request took it meanwhile. */
    private boolean takeOver(Connection c, String scope, String key, String from) throws SQLException {
        try (PreparedStatement update = c.prepareStatement("update idempotency_key set created_at = now(),"
                + " claimed_by = ? where scope = ? and key = ? and state = 'IN_PROGRESS'"
                + " and claimed_by is not distinct from ?")) {
            update.setString(1, instance);
            update.setString(2, scope);
            update.setString(3, key);
            update.setString(4, from);
            return update.executeUpdate() == 1;
        }
    }

    /** The request that claimed the key is over, whether its answer was stored or not. */
    public void finished(String scope, String key) {
        inFlight.remove(scope + "\n" + key);
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
