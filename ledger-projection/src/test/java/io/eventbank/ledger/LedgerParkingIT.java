package io.eventbank.ledger;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.eventbank.devstack.TestStack;
import io.eventbank.devstack.testing.KafkaTopics;
import io.eventbank.devstack.testing.ServiceUnderTest;
import io.eventbank.infrastructure.kafka.CloudEventHeaders;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.Test;

/**
 * No read model skips an event silently: a record that a model cannot apply is parked, loudly (health DOWN, the
 * verification fails, a metric counts it, operators list it with the dead letters), while every other model and every
 * later record go on. Runs in a JVM of its own (its own database and broker): what it parks stays parked.
 */
class LedgerParkingIT {

    private static final String BERLIN = "10020030";

    @Test
    void shouldParkWhatAModelCannotApplyLoudlyAndApplyEverythingElse() {
        try (ServiceUnderTest ledger = new ServiceUnderTest("ledger-projection", Map.of()).start(Duration.ofSeconds(120));
                EventFeed feed = new EventFeed();
                KafkaTopics topics = new KafkaTopics(TestStack.get().harnessKafka())) {
            String alice = EventFeed.newIban(BERLIN);
            feed.account("AccountOpenedEvent", alice, EventFeed.map("iban", alice, "owner", "Alice", "currency", "EUR",
                    "bankCode", BERLIN, "overdraftLimit", 0, "type", "CUSTOMER"));
            // a NUL (which PostgreSQL's text cannot hold) from a service that accepted it: applied, shown escaped
            feed.account("MoneyDepositedEvent", alice, EventFeed.map("iban", alice, "operationId", "op-1",
                    "amount", EventFeed.money(10_000), "reference", "cash\u0000", "balanceAfter", 10_000));
            // an event without its account: the statement and the journal cannot place it
            String broken = feed.account("MoneyWithdrawnEvent", alice, EventFeed.map("operationId", "op-2",
                    "amount", EventFeed.money(5_000), "balanceAfter", 5_000));
            String malformedId = UUID.randomUUID().toString();
            feed.raw("bank.account.events", alice, "{not json", Map.of(CloudEventHeaders.ID, malformedId,
                    CloudEventHeaders.TYPE, "io.eventbank.contracts.account.MoneyDepositedEvent",
                    CloudEventHeaders.TIME, "2026-11-24T10:00:00Z"));
            feed.account("MoneyDepositedEvent", alice, EventFeed.map("iban", alice, "operationId", "op-3",
                    "amount", EventFeed.money(100), "reference", "after", "balanceAfter", 5_100));

            await().atMost(Duration.ofSeconds(60)).until(() -> "51.00".equals(
                    given().baseUri(ledger.baseUrl()).get("/v1/accounts/{iban}", alice).then().extract()
                            .path("balance")));
            JsonPath statement = given().baseUri(ledger.baseUrl()).get("/v1/accounts/{iban}/transactions", alice)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(statement.getList("items.reference", String.class)).containsExactly("after", "cash\\u0000");

            JsonPath deadLetters = given().baseUri(ledger.baseUrl()).get("/v1/dead-letters").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(deadLetters.getList("items.findAll { it.eventId == '" + broken + "' }.id", String.class))
                    .hasSize(2).allMatch(id -> id.startsWith("parked:statements:") || id.startsWith("parked:journal:"));
            assertThat(deadLetters.getList("items.findAll { it.eventId == '" + malformedId + "' }.kind",
                    String.class)).contains("dead-letter-topic", "parked");
            assertThat(topics.await("bank.account.events.dlq",
                    r -> malformedId.equals(KafkaTopics.header(r, CloudEventHeaders.ID)), 1, Duration.ofSeconds(30)))
                    .hasSize(1);

            given().baseUri(ledger.baseUrl()).get("/v1/verification").then().statusCode(200)
                    .body("ok", equalTo(false))
                    .body("checks.find { it.name.startsWith('no record is parked') }.ok", equalTo(false));
            given().baseUri(ledger.baseUrl()).get("/q/health").then().statusCode(503)
                    .body("checks.find { it.name == 'read models complete' }.status", equalTo("DOWN"));
            given().baseUri(ledger.baseUrl()).get("/q/health/ready").then().statusCode(200);
            assertThat(given().baseUri(ledger.baseUrl()).get("/q/metrics").asString())
                    .contains("eventbank_ledger_records_parked_total{model=\"statements\"");

            String parkedStatement = deadLetters.getList("items.findAll { it.eventId == '" + broken + "' }.id",
                    String.class).stream().filter(id -> id.startsWith("parked:statements:")).findFirst().orElseThrow();
            given().baseUri(ledger.baseUrl()).post("/v1/dead-letters/{id}/redrive", parkedStatement).then()
                    .statusCode(200).body("outcome", org.hamcrest.Matchers.startsWith("still cannot be applied"));

            // a replay rebuilds every model from the events: the record is parked again, never dropped
            given().baseUri(ledger.baseUrl()).post("/v1/projections/all/replay").then().statusCode(202);
            await().atMost(Duration.ofSeconds(60)).until(() -> given().baseUri(ledger.baseUrl())
                    .get("/v1/projections").jsonPath().getList("items.state", String.class).stream()
                    .allMatch("LIVE"::equals));
            List<String> afterReplay = given().baseUri(ledger.baseUrl()).get("/v1/dead-letters").jsonPath()
                    .getList("items.findAll { it.eventId == '" + broken + "' }.id", String.class);
            assertThat(afterReplay).hasSize(2);
            given().baseUri(ledger.baseUrl()).get("/q/health").then().statusCode(503);
            given().baseUri(ledger.baseUrl()).get("/v1/accounts/{iban}", alice).then()
                    .body("balance", equalTo("51.00"));
            given().baseUri(ledger.baseUrl()).get("/v1/dead-letters").then()
                    .body("items.kind", hasItem("dead-letter-topic"));
        }
    }
}
