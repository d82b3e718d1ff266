package io.eventbank.account.config;

import static io.eventbank.account.AccountTestSupport.openAccount;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A rolled-back append leaves a gap in the global index; the publisher must not wait for it (its gap timeout is a
 * minute) before publishing what comes after.
 */
@QuarkusTest
class EventStoreGapTest {

    @Inject
    DataSource dataSource;

    @Test
    void shouldPublishEventsAfterARolledBackAppendWithoutWaitingForTheGap() throws Exception {
        openAccount("Before gap", "0", "0");
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.executeUpdate("insert into domainevententry (aggregateidentifier, sequencenumber, type,"
                        + " eventidentifier, payload, payloadtype, \"timestamp\") values ('gap', 0, 'X', 'gap-event',"
                        + " '{}', 'X', '2026-01-01T00:00:00Z')");
            }
            connection.rollback();
        }

        long start = System.nanoTime();
        String after = openAccount("After gap", "0", "0");
        try (KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            List<ConsumerRecord<String, String>> published = topics.await("bank.account.events",
                    r -> after.equals(r.key()), 1, Duration.ofSeconds(20));
            assertThat(published).hasSize(1);
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
    }
}
