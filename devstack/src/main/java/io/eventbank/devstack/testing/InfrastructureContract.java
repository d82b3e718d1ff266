package io.eventbank.devstack.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * What every service must do on the infrastructure: be ready with its database, own a migrated schema, and serve
 * health, metrics and OpenAPI. A service's test extends this class (or {@link Messaging}, for a service on Kafka) and
 * is a {@code @QuarkusTest} on {@code DevstackTestResource}.
 */
public abstract class InfrastructureContract {

    @Inject
    DataSource dataSource;

    /** The PostgreSQL schema the service owns. */
    protected abstract String schema();

    @Test
    void shouldBeReadyWithItsDatabase() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    /** Its Axon event processors (none for a service without Axon) are reported, running, in the health. */
    @Test
    void shouldReportItsAxonProcessorsRunning() {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/q/health").then()
                .body("checks.find { it.name == 'Axon event processors' }.status", equalTo("UP")));
    }

    /** A service on Kafka also: is ready only with the broker, and moves a record through SmallRye Kafka. */
    public abstract static class Messaging extends InfrastructureContract {

        @Inject
        MessagingProbe probe;

        @Test
        void shouldBeReadyWithKafka() {
            given().when().get("/q/health/ready").then().statusCode(200)
                    .body("checks.name", hasItem("Kafka connection health check"));
        }

        @Test
        void shouldSendAndReceiveARecordThroughTheRealBroker() {
            String record = "probe-" + UUID.randomUUID();
            probe.send(record);
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> probe.received().contains(record));
        }
    }

    @Test
    void shouldMigrateItsOwnSchemaWithFlyway() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet history = statement.executeQuery(
                        "select count(*) from " + schema() + ".flyway_schema_history where success")) {
            assertThat(history.next()).isTrue();
            assertThat(history.getInt(1)).isPositive();
        }
    }

    @Test
    void shouldServePrometheusMetrics() {
        given().when().get("/q/metrics")
                .then().statusCode(200)
                .body(containsString("jvm_memory_used_bytes"))
                .body(containsString("# TYPE"));
    }

    @Test
    void shouldServeItsOpenApiDocument() {
        given().accept("application/json").when().get("/q/openapi")
                .then().statusCode(200)
                .body("openapi", org.hamcrest.Matchers.startsWith("3."));
    }

    /** The names of the tables in the service's schema, for migrations tests. */
    protected List<String> tables() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("select table_name from information_schema.tables"
                        + " where table_schema = '" + schema() + "' order by table_name")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }
}
