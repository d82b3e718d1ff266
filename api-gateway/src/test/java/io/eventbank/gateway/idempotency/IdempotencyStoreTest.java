package io.eventbank.gateway.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.eventbank.devstack.DevstackTestResource;
import io.eventbank.gateway.idempotency.IdempotencyStore.Claimed;
import io.eventbank.gateway.idempotency.IdempotencyStore.Mismatch;
import io.eventbank.gateway.idempotency.IdempotencyStore.Replay;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The keys' window on the gateway's own schema in PostgreSQL: within it a key answers the same, after it anew. */
@QuarkusTest
@QuarkusTestResource(value = DevstackTestResource.class, restrictToAnnotatedClass = false)
class IdempotencyStoreTest {

    private static final String SCOPE = "POST /api/v1/transfers customer-1";
    /** Hashes of two request bodies (SHA-256, as the gateway stores them). */
    private static final String FIRST = "a".repeat(64);
    private static final String ANOTHER = "b".repeat(64);

    @Inject
    IdempotencyStore store;
    @Inject
    DataSource dataSource;

    @Test
    void shouldAnswerARepeatWithinTheWindowTheSameAndRefuseAnotherRequestWithTheKey() {
        String key = UUID.randomUUID().toString();
        assertThat(store.claim(SCOPE, key, FIRST)).isInstanceOf(Claimed.class);
        store.complete(SCOPE, key, 202, "{\"transferId\":\"t-1\"}", "/api/v1/transfers/t-1");
        store.finished(SCOPE, key);

        assertThat(store.claim(SCOPE, key, FIRST))
                .isEqualTo(new Replay(202, "{\"transferId\":\"t-1\"}", "/api/v1/transfers/t-1"));
        assertThat(store.claim(SCOPE, key, ANOTHER)).isInstanceOf(Mismatch.class);
    }

    @Test
    void shouldForgetAKeyWhoseAnswerIsOlderThanTheWindow() throws SQLException {
        String key = UUID.randomUUID().toString();
        assertThat(store.claim(SCOPE, key, FIRST)).isInstanceOf(Claimed.class);
        store.complete(SCOPE, key, 202, "{\"transferId\":\"t-1\"}", "/api/v1/transfers/t-1");
        store.finished(SCOPE, key);
        ageBy(key, "25 hours");

        assertThat(store.claim(SCOPE, key, ANOTHER)).as("a new request with the old key").isInstanceOf(Claimed.class);
        store.complete(SCOPE, key, 202, "{\"transferId\":\"t-2\"}", "/api/v1/transfers/t-2");
        store.finished(SCOPE, key);
        assertThat(store.claim(SCOPE, key, ANOTHER))
                .isEqualTo(new Replay(202, "{\"transferId\":\"t-2\"}", "/api/v1/transfers/t-2"));
    }

    @Test
    void shouldKeepAKeyInProgressHoweverOld() throws SQLException {
        String key = UUID.randomUUID().toString();
        assertThat(store.claim(SCOPE, key, FIRST)).isInstanceOf(Claimed.class);
        ageBy(key, "25 hours");

        assertThat(store.claim(SCOPE, key, ANOTHER)).as("the first request still runs")
                .isInstanceOf(Mismatch.class);
        store.release(SCOPE, key);
        store.finished(SCOPE, key);
    }

    private void ageBy(String key, String age) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement update = c.prepareStatement(
                "update idempotency_key set created_at = created_at - ?::interval where scope = ? and key = ?")) {
            update.setString(1, age);
            update.setString(2, SCOPE);
            update.setString(3, key);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }
}
