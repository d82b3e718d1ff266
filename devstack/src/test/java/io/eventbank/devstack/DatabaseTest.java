package io.eventbank.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A database keeps the state of one Kafka log; another log gets a database of its own. */
class DatabaseTest {

    private final Database database = TestStack.get().database()
            .withName("eventbank_bind_" + Math.abs(ThreadLocalRandom.current().nextInt()));
    private Database other;

    @AfterEach
    void dropDatabases() {
        database.drop();
        if (other != null) {
            other.drop();
        }
    }

    @Test
    void shouldKeepTheStateOfOneKafkaLogAndGiveAnotherLogADatabaseOfItsOwn() {
        database.createIfMissing();

        assertThat(database.kafkaLog()).isEmpty();
        assertThat(database.forKafkaLog("Qk1-ab_CD2")).isEqualTo(database);
        assertThat(database.forKafkaLog("Qk1-ab_CD2")).as("the same log again").isEqualTo(database);
        assertThat(database.kafkaLog()).contains("Qk1-ab_CD2");

        other = database.forKafkaLog("Zz9-Other_Log");
        assertThat(other.url().database()).isEqualTo(database.url().database() + "_zz9otherlog");
        assertThat(other.answers()).isTrue();
        assertThat(other.kafkaLog()).contains("Zz9-Other_Log");
        assertThat(database.kafkaLog()).as("the first log's database is left as it was").contains("Qk1-ab_CD2");
        assertThat(database.forKafkaLog("Zz9-Other_Log")).as("found again after a restart").isEqualTo(other);
    }
}
